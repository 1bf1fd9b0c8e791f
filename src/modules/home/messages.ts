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
  },
};
