import type { Catalogue } from '../../i18n/catalogue.js';
import { connectionsMessagesEn } from './messages.en.js';

export const connectionsMessages: Catalogue = {
  fr: {
    'connections.detail.start_project': 'Démarrer un projet commun',
    'connections.detail.start_agreement': 'Établir une convention',
    // Reasons of a suggestion (plain French, shown on the page and in the API)
    'connections.reason.covers': 'Son territoire couvre {percent} % de la population du vôtre.',
    'connections.reason.covers_approx':
      'Son territoire couvre {percent} % de la population du vôtre (estimation : le territoire de votre Mission Locale n’est pas encore déclaré, on retient l’intercommunalité de son siège).',
    'connections.reason.serves':
      'Elle accompagne les jeunes de {percent} % de la population de votre territoire.',
    'connections.reason.serves_approx':
      'Elle accompagne les jeunes d’environ {percent} % de la population de votre territoire (estimation : son territoire n’est pas encore déclaré).',
    'connections.reason.cuf_member':
      'Elle est membre de Cités Unies France, le réseau des collectivités engagées à l’international.',
    'connections.reason.countries_one': 'Elle coopère déjà avec ce pays : {countries}.',
    'connections.reason.countries_other': 'Elle coopère déjà avec ces pays : {countries}.',
    'connections.reason.groups_one': 'Elle participe au groupe pays {groups} de Cités Unies France.',
    'connections.reason.groups_other': 'Elle participe aux groupes pays de Cités Unies France : {groups}.',
    'connections.reason.partners_one': 'Elle a un partenaire à l’étranger inscrit sur Passerelle.',
    'connections.reason.partners_other': 'Elle a {count} partenaires à l’étranger inscrits sur Passerelle.',
    'connections.reason.themes_one': 'Elle travaille sur un thème que vous recherchez : {themes}.',
    'connections.reason.themes_other': 'Elle travaille sur des thèmes que vous recherchez : {themes}.',
    'connections.reason.joint_one': 'Vous menez déjà un projet ensemble sur Passerelle.',
    'connections.reason.joint_other': 'Vous menez déjà {count} projets ensemble sur Passerelle.',
    'connections.reason.projects_one': 'Elle mène un projet publié sur Passerelle.',
    'connections.reason.projects_other': 'Elle mène {count} projets publiés sur Passerelle.',
    'connections.reason.open': 'Elle se dit ouverte à de nouveaux partenariats.',
    'connections.reason.recent': 'Son profil a été confirmé il y a moins d’un an.',

    // Matches page
    'connections.matches.title': 'Rapprochements pour {name}',
    'connections.matches.crumb': 'Rapprochements',
    'connections.matches.lead_ml':
      'Les collectivités engagées à l’international dont le territoire rejoint celui de la Mission Locale : l’engagement international compte d’abord (pays partenaires, adhésion à Cités Unies France, projets communs, ouverture aux partenariats), puis la part de votre territoire qu’elles couvrent. Chaque suggestion dit pourquoi.',
    'connections.matches.lead_authority':
      'Les Missions Locales qui servent le territoire de la collectivité, avec la part de sa population que chacune sert.',
    'connections.matches.none_kind':
      'Les suggestions concernent les Missions Locales et les collectivités territoriales.',
    'connections.matches.empty':
      'Aucune suggestion : le territoire de cette organisation n’est pas encore connu, ou aucun filtre ne correspond. Retirez les filtres ou complétez le territoire.',
    'connections.matches.filter_theme': 'Thème',
    'connections.matches.filter_country': 'Pays partenaire',
    'connections.matches.filter_any': 'Tous',
    'connections.matches.filter_submit': 'Filtrer',
    'connections.matches.score': 'Score {score} / 100',
    'connections.matches.ask': 'Demander une mise en relation',
    'connections.matches.count': '{count} suggestions',
    'connections.matches.count_one': '1 suggestion',
    'connections.matches.count_zero':
      'Aucune collectivité engagée à l’international n’atteint le score minimum ({min} / 100) sur votre territoire pour l’instant.',
    'connections.matches.below_summary':
      'Collectivités actives à l’international avec un score inférieur à {min} / 100 ({count})',
    'connections.matches.below_lead':
      'Elles ont au moins une action internationale connue, mais peu de points communs avec votre Mission Locale ou une faible part de votre territoire.',
    'connections.matches.quiet_summary':
      'Collectivités de votre territoire sans action internationale connue ({count})',
    'connections.matches.quiet_lead':
      'Leur profil ne mentionne encore ni pays partenaire, ni adhésion à Cités Unies France, ni projet publié, ni ouverture aux partenariats. Elles restent des interlocutrices possibles : elles n’ont simplement rien déclaré.',
    'connections.matches.reasons_label': 'Pourquoi cette suggestion',
    'connections.matches.link': 'Voir les rapprochements possibles',

    // Request form
    'connections.request.title': 'Demander une mise en relation',
    'connections.request.lead':
      'Votre message est envoyé aux membres de {receiver}. Leurs coordonnées et les vôtres ne sont échangées que s’ils acceptent.',
    'connections.request.to': 'Destinataire : {receiver}',
    'connections.request.message': 'Votre message',
    'connections.request.message_hint':
      'Présentez votre organisation et ce que vous aimeriez construire ensemble.',
    'connections.request.project_kind': 'Idée de projet (facultatif)',
    'connections.request.project_kind_none': 'Pas encore d’idée précise',
    'connections.request.countries': 'Pays envisagés (facultatif)',
    'connections.request.countries_hint':
      'Codes ISO à deux lettres séparés par des virgules, par exemple SN, MA.',
    'connections.request.themes': 'Thèmes (facultatif)',
    'connections.request.submit': 'Envoyer la demande',
    'connections.request.sent': 'Votre demande a été envoyée. Vous serez prévenu de la réponse.',
    'connections.request.receiver_missing':
      'Choisissez d’abord une organisation dans vos rapprochements ou dans l’annuaire.',
    'connections.kind.youth_mobility': 'Mobilité internationale des jeunes',
    'connections.kind.ecsi': 'Éducation à la citoyenneté et à la solidarité internationale (ECSI)',
    'connections.kind.staff_mobility': 'Mobilité des professionnels de l’insertion',

    // List and detail
    'connections.list.title': 'Mises en relation',
    'connections.list.lead': 'Les demandes envoyées et reçues par vos organisations.',
    'connections.list.empty':
      'Aucune demande pour l’instant. Ouvrez la page « Rapprochements » de votre organisation pour trouver des partenaires de votre territoire.',
    'connections.list.from': 'De',
    'connections.list.to': 'À',
    'connections.list.status': 'État',
    'connections.list.date': 'Demandée le',
    'connections.status.pending': 'En attente',
    'connections.status.accepted': 'Acceptée',
    'connections.status.declined': 'Déclinée',
    'connections.status.expired': 'Expirée',
    'connections.detail.title': 'Mise en relation : {requester} → {receiver}',
    'connections.detail.message': 'Message',
    'connections.detail.project': 'Idée de projet',
    'connections.detail.countries': 'Pays',
    'connections.detail.themes': 'Thèmes',
    'connections.detail.expires': 'Sans réponse, la demande expire le {date}.',
    'connections.detail.history': 'Historique',
    'connections.detail.contacts': 'Coordonnées',
    'connections.detail.contacts_hidden':
      'Les coordonnées des deux organisations seront visibles ici si la demande est acceptée.',
    'connections.detail.person': 'Personne : {name} ({email})',
    'connections.detail.accept': 'Accepter la mise en relation',
    'connections.detail.decline': 'Décliner',
    'connections.detail.reason': 'Raison du refus',
    'connections.detail.reason_hint': 'Elle est transmise à l’organisation qui a fait la demande.',
    'connections.detail.declined_reason': 'Raison du refus : {reason}',
    'connections.detail.answered': 'Votre réponse a été enregistrée.',
    'connections.event.requested': 'Demande envoyée',
    'connections.event.reminded': 'Rappel envoyé au destinataire',
    'connections.event.accepted': 'Demande acceptée',
    'connections.event.declined': 'Demande déclinée',
    'connections.event.expired': 'Demande expirée sans réponse',

    // Answer from the e-mail (no account)
    'connections.answer.title': 'Répondre à une demande de mise en relation',
    'connections.answer.lead': '{requester} souhaite entrer en contact avec {receiver}.',
    'connections.answer.your_name': 'Votre nom',
    'connections.answer.gone_title': 'Lien de réponse expiré',
    'connections.answer.done_accepted':
      'Merci : la mise en relation est acceptée. Voici les coordonnées de {requester} ; les vôtres lui ont été transmises.',
    'connections.answer.done_declined': 'Votre refus a été transmis à {requester}.',
    'connections.answer.join':
      'Rejoignez Passerelle pour suivre vos mises en relation : le lien ci-dessous crée votre compte dans {receiver} (valable 7 jours).',
    'connections.answer.join_link': 'Créer mon compte',
    'connections.answer.already_member': 'Connectez-vous à Passerelle pour suivre vos mises en relation.',

    // Notifications
    'connections.notification.requested': '{requester} vous demande une mise en relation',
    'connections.notification.reminded': 'Rappel : {requester} attend votre réponse',
    'connections.notification.accepted': '{receiver} a accepté votre demande de mise en relation',
    'connections.notification.declined': '{receiver} a décliné votre demande de mise en relation',
    'connections.notification.expired': 'Votre demande à {receiver} a expiré sans réponse',
    'connections.notification.digest': 'Nouvelles opportunités de rapprochement sur votre territoire',
    'connections.notifications.title': 'Notifications',
    'connections.notifications.empty': 'Aucune notification.',
    'connections.notifications.mark_all': 'Tout marquer comme lu',
    'connections.notifications.mark_one': 'Marquer comme lue',
    'connections.notifications.unread': 'Non lue',
    'connections.notifications.header': 'Notifications ({count})',
    'connections.notifications.header_none': 'Notifications',
    'connections.notifications.preferences': 'Choisir les e-mails que je reçois',

    // Preferences and unsubscribe
    'connections.preferences.title': 'Préférences de notification',
    'connections.preferences.lead':
      'Les notifications restent visibles dans Passerelle ; choisissez ceux qui vous arrivent aussi par e-mail.',
    'connections.preferences.connection_emails':
      'E-mails des mises en relation (demandes, réponses, rappels)',
    'connections.preferences.digest_emails': 'Lettre hebdomadaire des opportunités de rapprochement',
    'connections.preferences.submit': 'Enregistrer mes préférences',
    'connections.preferences.saved': 'Vos préférences sont enregistrées.',
    'connections.unsubscribe.title': 'Désabonnement',
    'connections.unsubscribe.done_connections':
      '{email} ne recevra plus d’e-mails de mise en relation. Les notifications restent visibles dans Passerelle.',
    'connections.unsubscribe.done_digest': '{email} ne recevra plus la lettre hebdomadaire des opportunités.',
    'connections.unsubscribe.invalid':
      'Ce lien de désabonnement n’est pas valable. Copiez le lien complet depuis l’e-mail.',
    'connections.unsubscribe.manage': 'Gérer toutes mes préférences',

    // E-mails
    'connections.mail.request_subject': '{requester} souhaite entrer en contact avec vous (Passerelle)',
    'connections.mail.request_text':
      'Bonjour,\n\n{requester} vous demande une mise en relation sur Passerelle, la plateforme des Missions Locales et de Cités Unies France.\n\nSon message :\n{message}\n\nRépondez directement, sans compte, avec ce lien personnel (utilisable une fois, jusqu’au {expires}) :\n{link}\n\nOu connectez-vous : {page}\n\nVos coordonnées ne sont transmises que si vous acceptez.',
    'connections.mail.reminder_subject': 'Rappel : {requester} attend votre réponse (Passerelle)',
    'connections.mail.reminder_text':
      'Bonjour,\n\n{requester} vous a demandé une mise en relation il y a une semaine et attend votre réponse.\n\nSon message :\n{message}\n\nRépondez sans compte avec ce lien personnel (utilisable une fois, jusqu’au {expires}) :\n{link}\n\nOu connectez-vous : {page}',
    'connections.mail.accepted_subject': '{receiver} a accepté votre demande de mise en relation',
    'connections.mail.accepted_text':
      'Bonjour,\n\n{receiver} a accepté votre demande de mise en relation.\nVotre interlocuteur : {name} ({email}).\n\nToutes les coordonnées sont sur la page de la mise en relation :\n{page}',
    'connections.mail.declined_subject': '{receiver} a décliné votre demande de mise en relation',
    'connections.mail.declined_text':
      'Bonjour,\n\n{receiver} a décliné votre demande de mise en relation.\nRaison donnée : {reason}\n\n{page}',
    'connections.mail.expired_subject': 'Votre demande à {receiver} a expiré',
    'connections.mail.expired_text':
      'Bonjour,\n\nVotre demande de mise en relation à {receiver} n’a pas reçu de réponse en 30 jours et a expiré. Vous pouvez en envoyer une nouvelle.\n\n{page}',
    'connections.mail.digest_subject': 'Opportunités de rapprochement de la semaine {week}',
    'connections.mail.digest_text':
      'Bonjour,\n\nDe nouvelles organisations de votre territoire sont engagées à l’international ou ouvertes aux partenariats :\n\n{items}\n\nVoir toutes les suggestions : {page}',
    'connections.digest.item_engaged': '{name} : nouvellement engagée à l’international',
    'connections.digest.item_open': '{name} : nouvellement ouverte aux partenariats',

    // Admin: pipeline and opportunities
    'connections.admin.pipeline_title': 'Mises en relation par région',
    'connections.admin.pipeline_lead':
      'Demandes, taux d’acceptation (parmi les demandes acceptées, déclinées ou expirées) et délai médian de réponse, par région de l’organisation qui demande.',
    'connections.admin.region': 'Région',
    'connections.admin.no_region': 'Région inconnue',
    'connections.admin.total': 'France entière',
    'connections.admin.requests': 'Demandes',
    'connections.admin.pending': 'En attente',
    'connections.admin.accepted': 'Acceptées',
    'connections.admin.declined': 'Déclinées',
    'connections.admin.expired': 'Expirées',
    'connections.admin.rate': 'Taux d’acceptation',
    'connections.admin.median': 'Délai médian de réponse',
    'connections.admin.median_value': '{days} j',
    'connections.admin.csv': 'Télécharger en CSV',
    'connections.admin.opportunities_title': 'Opportunités de rapprochement',
    'connections.admin.opportunities_lead':
      'Collectivités engagées à l’international et Missions Locales du même territoire qui n’ont jamais été en contact par Passerelle, par région et département de la Mission Locale.',
    'connections.admin.departement': 'Département',
    'connections.admin.mission_locale': 'Mission Locale',
    'connections.admin.authority': 'Collectivité',
    'connections.admin.coverage': 'Part du territoire',
    'connections.admin.score': 'Score',
    'connections.admin.opportunities_count': '{count} opportunités',
    'connections.admin.opportunities_empty':
      'Aucune opportunité : aucune collectivité engagée ne partage le territoire d’une Mission Locale sans contact.',
    'connections.admin.filter_region': 'Région',
    'connections.admin.all_regions': 'Toutes les régions',
    'connections.admin.shown': 'Les {count} premières sont affichées ; le CSV les contient toutes.',
  },
  en: connectionsMessagesEn,
};
