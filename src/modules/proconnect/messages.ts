import type { Catalogue } from '../../i18n/catalogue.js';

export const proconnectMessages: Catalogue = {
  fr: {
    'proconnect.disabled':
      'La connexion avec ProConnect n’est pas activée sur cette plateforme. Connectez-vous avec votre adresse e-mail.',
    'proconnect.retry': 'Réessayer avec ProConnect',
    'proconnect.use_email': 'Se connecter avec son adresse e-mail',
    'proconnect.failure.unavailable.title': 'ProConnect ne répond pas',
    'proconnect.failure.unavailable.text':
      'La connexion avec ProConnect n’a pas pu aboutir : le service ne répond pas ou a renvoyé une réponse inattendue. Vous n’êtes pas connecté·e. Réessayez dans quelques minutes, ou connectez-vous avec votre adresse e-mail.',
    'proconnect.failure.rejected.title': 'Connexion ProConnect refusée',
    'proconnect.failure.rejected.text':
      'La réponse de ProConnect n’a pas pu être vérifiée, la connexion a donc été refusée. Vous n’êtes pas connecté·e. Réessayez, ou connectez-vous avec votre adresse e-mail.',
    'proconnect.failure.refused.title': 'Connexion ProConnect annulée',
    'proconnect.failure.refused.text':
      'Vous avez refusé de transmettre vos informations à Passerelle, ou ProConnect a refusé la connexion. Vous n’êtes pas connecté·e. Vous pouvez réessayer, ou vous connecter avec votre adresse e-mail.',
    'proconnect.failure.expired.title': 'Connexion ProConnect expirée',
    'proconnect.failure.expired.text':
      'Aucune connexion ProConnect n’est en cours dans ce navigateur, ou elle a expiré. Recommencez depuis la page de connexion.',
    'proconnect.failure.state.title': 'Connexion ProConnect interrompue',
    'proconnect.failure.state.text':
      'La réponse de ProConnect ne correspond pas à la demande de connexion faite depuis ce navigateur (paramètre « state » différent). Par sécurité, vous n’avez pas été connecté·e. Recommencez depuis la page de connexion.',
    'proconnect.failure.disabled_account.title': 'Compte désactivé',
    'proconnect.failure.disabled_account.text':
      'Le compte Passerelle associé à cette identité ProConnect est désactivé. Contactez l’administrateur de votre organisation.',
    'proconnect.org.title': 'À quelle organisation appartenez-vous ?',
    'proconnect.org.lead': 'Vous vous connectez avec ProConnect en tant que {name} ({email}).',
    'proconnect.org.no_match':
      'Aucune organisation de Passerelle ne porte le SIRET {siret} indiqué par ProConnect ({label}). Indiquez l’organisation à laquelle vous appartenez, ou continuez sans organisation.',
    'proconnect.org.no_siret':
      'ProConnect n’a pas indiqué le SIRET de votre organisation. Indiquez l’organisation à laquelle vous appartenez, ou continuez sans organisation.',
    'proconnect.org.search_label': 'Nom de l’organisation',
    'proconnect.org.search_hint':
      'Au moins 3 lettres, par exemple « Mission Locale de Lyon » ou « Grenoble ».',
    'proconnect.org.search_button': 'Rechercher',
    'proconnect.org.choose_legend': 'Votre organisation',
    'proconnect.org.choose_hint':
      'Votre demande sera examinée par un administrateur de l’organisation ou du réseau. En attendant, vous utilisez Passerelle sans les droits de cette organisation.',
    'proconnect.org.error_prefix': 'Erreur : ',
    'proconnect.org.no_result': 'Aucune organisation ne correspond à « {query} ».',
    'proconnect.org.none': 'Continuer sans organisation',
    'proconnect.org.submit': 'Valider et me connecter',
    'proconnect.welcome.title': 'Vous êtes connecté·e',
    'proconnect.welcome.requested_title': 'Demande envoyée',
    'proconnect.welcome.requested':
      'Votre demande pour rejoindre « {organisation} » a été enregistrée. Un administrateur de l’organisation ou du réseau l’examinera.',
    'proconnect.welcome.without':
      'Vous utilisez Passerelle sans organisation. Un administrateur d’organisation peut vous inviter à tout moment.',
    'proconnect.welcome.continue': 'Continuer',
    'proconnect.requests.title': 'Demandes pour rejoindre « {organisation} »',
    'proconnect.requests.crumb': 'Demandes d’adhésion',
    'proconnect.requests.lead':
      'Ces personnes se sont connectées avec ProConnect et disent appartenir à votre organisation, sans que leur SIRET corresponde. Acceptez seulement les personnes que vous connaissez : elles deviendront membres.',
    'proconnect.requests.empty': 'Aucune demande en attente.',
    'proconnect.requests.person': 'Personne',
    'proconnect.requests.declared': 'Organisation selon ProConnect',
    'proconnect.requests.siret': 'SIRET {siret}',
    'proconnect.requests.date': 'Demande du',
    'proconnect.requests.decision': 'Décision',
    'proconnect.requests.accept': 'Accepter',
    'proconnect.requests.refuse': 'Refuser',
    'proconnect.requests.accepted':
      'Demande acceptée : la personne est désormais membre de l’organisation. Elle en est informée par e-mail.',
    'proconnect.requests.refused': 'Demande refusée. La personne en est informée par e-mail.',
  },
  en: {
    'proconnect.disabled':
      'Signing in with ProConnect is not enabled on this platform. Sign in with your e-mail address.',
    'proconnect.retry': 'Try ProConnect again',
    'proconnect.use_email': 'Sign in with your e-mail address',
    'proconnect.failure.unavailable.title': 'ProConnect is not answering',
    'proconnect.failure.unavailable.text':
      'Signing in with ProConnect failed: the service does not answer or sent an unexpected answer. You are not signed in. Try again in a few minutes, or sign in with your e-mail address.',
    'proconnect.failure.rejected.title': 'ProConnect sign-in refused',
    'proconnect.failure.rejected.text':
      'The answer from ProConnect could not be verified, so the sign-in was refused. You are not signed in. Try again, or sign in with your e-mail address.',
    'proconnect.failure.refused.title': 'ProConnect sign-in cancelled',
    'proconnect.failure.refused.text':
      'You declined to share your information with Passerelle, or ProConnect refused the sign-in. You are not signed in. You may try again, or sign in with your e-mail address.',
    'proconnect.failure.expired.title': 'ProConnect sign-in expired',
    'proconnect.failure.expired.text':
      'No ProConnect sign-in is in progress in this browser, or it has expired. Start again from the sign-in page.',
    'proconnect.failure.state.title': 'ProConnect sign-in interrupted',
    'proconnect.failure.state.text':
      'The answer from ProConnect does not match the sign-in started from this browser ("state" differs). For your security you were not signed in. Start again from the sign-in page.',
    'proconnect.failure.disabled_account.title': 'Account disabled',
    'proconnect.failure.disabled_account.text':
      'The Passerelle account linked to this ProConnect identity is disabled. Contact your organisation’s administrator.',
    'proconnect.org.title': 'Which organisation do you belong to?',
    'proconnect.org.lead': 'You are signing in with ProConnect as {name} ({email}).',
    'proconnect.org.no_match':
      'No organisation in Passerelle has the SIRET {siret} given by ProConnect ({label}). Tell us which organisation you belong to, or continue without one.',
    'proconnect.org.no_siret':
      'ProConnect did not give your organisation’s SIRET. Tell us which organisation you belong to, or continue without one.',
    'proconnect.org.search_label': 'Organisation name',
    'proconnect.org.search_hint': 'At least 3 letters, for example “Mission Locale de Lyon” or “Grenoble”.',
    'proconnect.org.search_button': 'Search',
    'proconnect.org.choose_legend': 'Your organisation',
    'proconnect.org.choose_hint':
      'An administrator of the organisation or of the network will review your request. Meanwhile you use Passerelle without that organisation’s rights.',
    'proconnect.org.error_prefix': 'Error: ',
    'proconnect.org.no_result': 'No organisation matches “{query}”.',
    'proconnect.org.none': 'Continue without an organisation',
    'proconnect.org.submit': 'Confirm and sign in',
    'proconnect.welcome.title': 'You are signed in',
    'proconnect.welcome.requested_title': 'Request sent',
    'proconnect.welcome.requested':
      'Your request to join “{organisation}” has been recorded. An administrator of the organisation or of the network will review it.',
    'proconnect.welcome.without':
      'You use Passerelle without an organisation. An organisation administrator can invite you at any time.',
    'proconnect.welcome.continue': 'Continue',
  },
};
