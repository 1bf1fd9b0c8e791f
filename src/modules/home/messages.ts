import type { Catalogue } from '../../i18n/catalogue.js';

export const homeMessages: Catalogue = {
  fr: {
    'home.title': 'Accueil',
    'home.heading': 'Relier les Missions Locales et les collectivités qui agissent à l’international',
    'home.lead':
      'Passerelle met en œuvre la convention de partenariat signée le 4 juillet 2025 par l’Union nationale des Missions Locales et Cités Unies France : elle aide les Missions Locales et les collectivités de leur territoire à se trouver et à construire ensemble des projets de mobilité internationale et d’éducation à la citoyenneté et à la solidarité internationale (ECSI) pour les jeunes en insertion.',
    'home.demo_banner_title': 'Données de démonstration',
    'home.demo_banner':
      'Cette instance contient des données fictives de démonstration (organisations et comptes marqués « démo »). Ne saisissez pas de données réelles.',
    'home.what_title': 'Ce que vous pouvez faire',
    'home.what_find':
      'Trouver les Missions Locales et les collectivités engagées à l’international de votre territoire.',
    'home.what_connect':
      'Demander une mise en relation et construire un projet commun : mobilité des jeunes, ECSI, mobilité des professionnels.',
    'home.what_fund': 'Repérer les financements adaptés à votre projet.',
    'home.what_agreements': 'Suivre les conventions, leurs échéances et la feuille de route annuelle.',
    'home.who_title': 'Pour qui ?',
    'home.who_text':
      'Les équipes nationales de l’UNML et de CUF, les directions et conseillers des Missions Locales, les agents et élus des communes, intercommunalités, départements et régions, et leurs partenaires à l’étranger.',
    'home.figures_title': 'Les deux réseaux',
    'home.figure_ml':
      '426 Missions Locales et 15 associations régionales (source : convention du 4 juillet 2025)',
    'home.figure_youth':
      'plus de 1,1 million de jeunes accompagnés chaque année (source : convention du 4 juillet 2025)',
    'home.figure_cuf':
      'une vingtaine de groupes pays animés par Cités Unies France (source : convention du 4 juillet 2025)',
    'home.cta_directory': 'Consulter l’annuaire',
    'home.cta_sign_in': 'Se connecter',
    'home.dash.title': 'Tableau de bord',
    'home.dash.heading': 'Bonjour {name}',
    'home.dash.lead_nothing':
      'Rien ne vous attend aujourd’hui. Voici où en sont vos conventions, projets et financements.',
    'home.dash.lead_one':
      'Une chose vous attend : elle est listée ci-dessous, avec le lien vers la page où la faire.',
    'home.dash.lead_many':
      '{n} choses vous attendent : chacune est listée ci-dessous, avec le lien vers la page où la faire.',
    'home.dash.your_orgs': 'Vos organisations :',
    'home.dash.role_admin': 'administrateur',
    'home.dash.role_member': 'membre',
    'home.dash.no_org':
      'Votre compte n’est rattaché à aucune organisation : demandez à l’administrateur de votre organisation de vous inviter.',
    'home.dash.summary': 'Résumé',
    'home.dash.requests': 'Demandes de mise en relation à traiter',
    'home.dash.requests_none': 'Aucune demande n’attend votre réponse.',
    'home.dash.requests_all': 'Voir toutes vos mises en relation',
    'home.dash.request_item': 'Demande de {from}',
    'home.dash.request_to': 'adressée à {to},',
    'home.dash.request_expires': 'à traiter avant le {date}',
    'home.dash.relays': 'Demandes à relayer',
    'home.dash.relays_none': 'Aucune demande de mise en relation n’attend d’être relayée par votre réseau.',
    'home.dash.relay_item': '{from} → {to}',
    'home.dash.relay_todo': 'pas encore transmise,',
    'home.dash.relay_passed': 'transmise à {n} contact(s),',
    'home.dash.relays_all': 'Voir toutes les demandes à relayer',
    'home.dash.approvals': 'Conventions et feuilles de route à approuver',
    'home.dash.approvals_none':
      'Aucune version de convention ni feuille de route n’attend votre approbation.',
    'home.dash.approve_version': 'Approuver la version {n} de « {title} »',
    'home.dash.approve_roadmap': 'Approuver la feuille de route de l’année {year} de « {title} »',
    'home.dash.for_org': 'au nom de {org}',
    'home.dash.actions': 'Actions de feuille de route à échéance',
    'home.dash.actions_none':
      'Aucune action de vos organisations n’arrive à échéance dans les 60 prochains jours.',
    'home.dash.due_on': 'échéance le {date}',
    'home.dash.overdue_since': 'en retard depuis le {date}',
    'home.dash.roadmap_of': 'feuille de route de l’année {year}, « {title} »',
    'home.dash.deadlines': 'Échéances à venir',
    'home.dash.deadlines_none': 'Aucune échéance de convention dans les quatre prochains mois.',
    'home.dash.agreements_all': 'Voir vos conventions',
    'home.dash.projects': 'Vos projets',
    'home.dash.projects_none': 'Vos organisations n’ont pas de projet en cours.',
    'home.dash.project_new': 'Créer un projet',
    'home.dash.milestone_next': 'Prochaine étape : {title}, le {date}.',
    'home.dash.milestone_overdue': 'Étape en retard : {title}, prévue le {date}.',
    'home.dash.milestone_link': 'Voir les étapes',
    'home.dash.milestone_none': 'Aucune étape à venir.',
    'home.dash.funding': 'Nouveaux appels à projets',
    'home.dash.funding_no_search':
      'Enregistrez une recherche de financements pour voir ici les nouveaux appels qui vous correspondent.',
    'home.dash.funding_search': 'Chercher un financement',
    'home.dash.funding_none': 'Aucun nouvel appel ces 30 derniers jours pour vos recherches enregistrées.',
    'home.dash.funding_alerts': 'Gérer vos recherches enregistrées',
    'home.dash.call_closes': 'ouvert jusqu’au {date}',
    'home.dash.call_opens': 'ouvre le {date}, jusqu’au {end}',
    'home.dash.opportunities': 'Opportunités de rapprochement',
    'home.dash.opportunities_none': 'Aucune opportunité de rapprochement repérée pour l’instant.',
    'home.dash.opportunities_france':
      '{n} paires Mission Locale – collectivité engagée du même territoire ne se sont pas encore contactées. Les plus prometteuses :',
    'home.dash.opportunities_region':
      'Dans votre région, {n} paires Mission Locale – collectivité engagée ne se sont pas encore contactées. Les plus prometteuses :',
    'home.dash.opportunities_all': 'Voir toutes les opportunités',
    'legal.accessibility_title': 'Déclaration d’accessibilité',
    'legal.accessibility_p1':
      'Passerelle s’engage à rendre son service accessible conformément au référentiel général d’amélioration de l’accessibilité (RGAA 4.1) et aux règles WCAG 2.1 niveau AA.',
    'legal.accessibility_status_title': 'État de conformité',
    'legal.accessibility_status':
      'Passerelle est partiellement conforme au RGAA 4.1 : aucun audit complet par un organisme indépendant n’a encore été réalisé. Chaque page visitée par nos tests automatiques est vérifiée avec axe-core (aucune violation WCAG 2.1 AA tolérée).',
    'legal.accessibility_contact_title': 'Signaler un défaut',
    'legal.accessibility_contact':
      'Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à l’équipe Passerelle (adresse de contact de l’UNML) : nous vous répondrons et proposerons une alternative.',
    'legal.accessibility_recourse_title': 'Voie de recours',
    'legal.accessibility_recourse':
      'Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (defenseurdesdroits.fr).',
    'legal.notice_title': 'Mentions légales',
    'legal.notice_publisher_title': 'Éditeurs',
    'legal.notice_publisher':
      'Union nationale des Missions Locales (UNML), association loi 1901, 54 rue de Paradis, 75010 Paris ; Cités Unies France (CUF), association loi 1901, 9 rue Christiani, 75018 Paris.',
    'legal.notice_hosting_title': 'Hébergement',
    'legal.notice_hosting': 'L’hébergeur est indiqué par l’exploitant de cette instance.',
    'legal.notice_licence_title': 'Licences',
    'legal.notice_licence':
      'Les données ouvertes publiées par Passerelle le sont sous Licence Ouverte 2.0. Le fond de carte des départements est issu de données sous licence CC-BY-4.0, crédit indiqué sous chaque carte.',
    'legal.privacy_title': 'Données personnelles',
    'legal.privacy_p1':
      'Passerelle ne conserve aucune donnée individuelle sur les jeunes accompagnés : les participants aux projets sont comptés de façon agrégée uniquement.',
    'legal.privacy_p2':
      'Pour les utilisateurs, Passerelle conserve le nom, l’adresse e-mail professionnelle, les organisations de rattachement, et un journal des actions (traçabilité). Les mots de passe sont chiffrés de façon irréversible.',
    'legal.privacy_p3':
      'Les coordonnées des organisations sont publiées selon le niveau de partage choisi : public, partenaires, ou confidentiel.',
    'legal.privacy_rights':
      'Vous pouvez exercer vos droits d’accès, de rectification et d’effacement auprès de l’administrateur de votre organisation ou de l’équipe Passerelle.',
  },
  en: {
    'home.title': 'Home',
    'home.heading': 'Connecting Missions Locales with the local authorities that act internationally',
    'home.lead':
      'Passerelle implements the partnership agreement signed on 4 July 2025 by the national union of Missions Locales (UNML) and Cités Unies France (CUF): it helps Missions Locales and the local authorities of their territory find each other and build international mobility and global-citizenship education (ECSI) projects for young people in insertion.',
    'home.demo_banner_title': 'Demonstration data',
    'home.demo_banner':
      'This instance holds fictitious demonstration data (organisations and accounts marked “demo”). Do not enter real data.',
    'home.what_title': 'What you can do',
    'home.what_find':
      'Find the Missions Locales and internationally active local authorities of your territory.',
    'home.what_connect':
      'Ask to be put in touch and build a joint project: youth mobility, ECSI, staff mobility.',
    'home.what_fund': 'Find funding suited to your project.',
    'home.what_agreements': 'Follow agreements, their deadlines and the annual roadmap.',
    'home.who_title': 'Who is it for?',
    'home.who_text':
      'National staff of UNML and CUF, directors and advisers of Missions Locales, officers and elected officials of French local authorities, and their partners abroad.',
    'home.figures_title': 'The two networks',
    'home.figure_ml': '426 Missions Locales and 15 regional associations (source: agreement of 4 July 2025)',
    'home.figure_youth':
      'over 1.1 million young people supported each year (source: agreement of 4 July 2025)',
    'home.figure_cuf':
      'about twenty country groups run by Cités Unies France (source: agreement of 4 July 2025)',
    'home.cta_directory': 'Browse the directory',
    'home.cta_sign_in': 'Sign in',
    'home.dash.title': 'Dashboard',
    'home.dash.heading': 'Hello {name}',
    'home.dash.lead_nothing':
      'Nothing is waiting for you today. Here is where your agreements, projects and funding stand.',
    'home.dash.lead_one':
      'One thing is waiting for you: it is listed below, with a link to the page where you do it.',
    'home.dash.lead_many':
      '{n} things are waiting for you: each is listed below, with a link to the page where you do it.',
    'home.dash.your_orgs': 'Your organisations:',
    'home.dash.role_admin': 'administrator',
    'home.dash.role_member': 'member',
    'home.dash.no_org':
      'Your account belongs to no organisation: ask your organisation’s administrator to invite you.',
    'home.dash.summary': 'Summary',
    'home.dash.requests': 'Connection requests to answer',
    'home.dash.requests_none': 'No request is waiting for your answer.',
    'home.dash.requests_all': 'See all your connections',
    'home.dash.request_item': 'Request from {from}',
    'home.dash.request_to': 'sent to {to},',
    'home.dash.request_expires': 'to answer before {date}',
    'home.dash.relays': 'Requests to relay',
    'home.dash.relays_none': 'No connection request is waiting to be relayed by your network.',
    'home.dash.relay_item': '{from} → {to}',
    'home.dash.relay_todo': 'not passed on yet,',
    'home.dash.relay_passed': 'passed on to {n} contact(s),',
    'home.dash.relays_all': 'See all requests to relay',
    'home.dash.approvals': 'Agreements and roadmaps to approve',
    'home.dash.approvals_none': 'No agreement version or roadmap is waiting for your approval.',
    'home.dash.approve_version': 'Approve version {n} of “{title}”',
    'home.dash.approve_roadmap': 'Approve the year {year} roadmap of “{title}”',
    'home.dash.for_org': 'on behalf of {org}',
    'home.dash.actions': 'Roadmap actions due',
    'home.dash.actions_none': 'No action of your organisations is due in the next 60 days.',
    'home.dash.due_on': 'due on {date}',
    'home.dash.overdue_since': 'overdue since {date}',
    'home.dash.roadmap_of': 'year {year} roadmap, “{title}”',
    'home.dash.deadlines': 'Deadlines ahead',
    'home.dash.deadlines_none': 'No agreement deadline in the next four months.',
    'home.dash.agreements_all': 'See your agreements',
    'home.dash.projects': 'Your projects',
    'home.dash.projects_none': 'Your organisations have no ongoing project.',
    'home.dash.project_new': 'Create a project',
    'home.dash.milestone_next': 'Next milestone: {title}, on {date}.',
    'home.dash.milestone_overdue': 'Overdue milestone: {title}, planned on {date}.',
    'home.dash.milestone_link': 'See the milestones',
    'home.dash.milestone_none': 'No milestone ahead.',
    'home.dash.funding': 'New funding calls',
    'home.dash.funding_no_search': 'Save a funding search to see the new calls that match it here.',
    'home.dash.funding_search': 'Search for funding',
    'home.dash.funding_none': 'No new call in the last 30 days for your saved searches.',
    'home.dash.funding_alerts': 'Manage your saved searches',
    'home.dash.call_closes': 'open until {date}',
    'home.dash.call_opens': 'opens on {date}, until {end}',
    'home.dash.opportunities': 'Connection opportunities',
    'home.dash.opportunities_none': 'No connection opportunity found yet.',
    'home.dash.opportunities_france':
      '{n} pairs of a Mission Locale and an engaged local authority of the same territory have not contacted each other yet. The most promising:',
    'home.dash.opportunities_region':
      'In your region, {n} pairs of a Mission Locale and an engaged local authority have not contacted each other yet. The most promising:',
    'home.dash.opportunities_all': 'See all opportunities',
  },
};
