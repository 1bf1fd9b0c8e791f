import type { Catalogue } from '../../i18n/catalogue.js';

/** Relays of connection requests to the networks (issue 9 §3, convention art. 3). */
export const connectionsRelayMessages: Catalogue = {
  fr: {
    // What the sender is told (truthfully: who was notified)
    'connections.delivery.title': 'Qui a reçu la demande',
    'connections.delivery.member': 'Les membres de {organisation} ({count}), dans Passerelle et par e-mail.',
    'connections.delivery.member_one': 'Le membre de {organisation}, dans Passerelle et par e-mail.',
    'connections.delivery.directory':
      'L’adresse publique de {organisation} indiquée dans l’annuaire, par e-mail avec un lien pour répondre.',
    'connections.delivery.relay':
      '{network} : {organisation} n’a pas encore de compte sur Passerelle, l’équipe du réseau ({count}) a reçu la demande pour faciliter la prise de contact (art. 3 de la convention).',
    'connections.delivery.relay_nobody':
      '{network} : {organisation} n’a pas encore de compte sur Passerelle ; la demande attend l’équipe du réseau, qui n’a pas encore de compte non plus.',
    'connections.delivery.forward':
      'Un contact de {organisation}, par e-mail avec un lien pour répondre (transmis par le réseau).',
    'connections.delivery.invitation':
      'Une personne de {organisation}, invitée à rejoindre Passerelle pour répondre.',
    'connections.request.sent_members':
      'Votre demande a été envoyée aux membres de {receiver}. Vous serez prévenu de la réponse.',
    'connections.request.sent_relayed':
      '{receiver} n’a pas encore de compte sur Passerelle : votre demande a été transmise à {networks}, qui facilite la prise de contact. Vous serez prévenu de la réponse.',
    'connections.request.existing':
      'Une demande de mise en relation entre {requester} et {receiver} est déjà en attente depuis le {date} : vous ne pouvez pas en envoyer une seconde.',
    'connections.request.existing_link': 'Voir la demande en cours',
    'connections.org.request_pending': 'Demande de mise en relation en attente depuis le {date}',
    'connections.event.relayed': 'Demande transmise au réseau',
    'connections.event.forwarded': 'Demande transmise à un contact par e-mail',
    'connections.event.invited': 'Invitation à rejoindre Passerelle envoyée',

    // Network staff: relays
    'connections.notification.relayed':
      '{requester} demande une mise en relation à {receiver}, sans compte : à relayer',
    'connections.relay.list_title': 'Demandes à relayer',
    'connections.relay.list_lead':
      'Les demandes de mise en relation adressées à des organisations qui n’ont pas encore de compte sur Passerelle. Votre réseau facilite la prise de contact (art. 3 de la convention) : transmettez chaque demande à un contact ou invitez l’organisation à rejoindre Passerelle.',
    'connections.relay.empty': 'Aucune demande à relayer pour l’instant.',
    'connections.relay.caption': 'Demandes en attente, la plus ancienne d’abord',
    'connections.relay.from': 'De',
    'connections.relay.to': 'À',
    'connections.relay.network': 'Relais',
    'connections.relay.date': 'Demandée le',
    'connections.relay.state': 'Suite donnée',
    'connections.relay.todo': 'À transmettre',
    'connections.relay.done': 'Transmise ({count})',
    'connections.relay.title': 'Relayer la demande de {requester} à {receiver}',
    'connections.relay.crumb': 'Demandes à relayer',
    'connections.relay.lead':
      '{receiver} n’a pas encore de compte sur Passerelle. Transmettez la demande à une personne qui peut y répondre, ou invitez-la à rejoindre Passerelle au nom de {receiver}.',
    'connections.relay.delivered': 'Déjà reçue par',
    'connections.relay.forward_title': 'Transmettre à un contact ou l’inviter',
    'connections.relay.forward_hint':
      'La personne reçoit la demande et un lien personnel pour répondre sans compte, valable jusqu’à l’expiration de la demande.',
    'connections.relay.invite_title': 'Inviter à rejoindre Passerelle',
    'connections.relay.invite_hint':
      'La personne reçoit une invitation (7 jours) à créer son compte dans {receiver}, et le lien pour répondre tout de suite.',
    'connections.relay.email': 'Adresse e-mail',
    'connections.relay.name': 'Nom (facultatif)',
    'connections.relay.note': 'Votre mot (facultatif)',
    'connections.relay.forward_submit': 'Transmettre la demande',
    'connections.relay.invite_submit': 'Envoyer l’invitation',
    'connections.relay.forwarded': 'La demande a été transmise à {email}.',
    'connections.relay.invited': 'L’invitation a été envoyée à {email}.',
    'connections.relay.closed': 'Cette demande n’est plus en attente : il n’y a plus rien à transmettre.',
    'connections.relay.back': 'Revenir aux demandes à relayer',

    // E-mails
    'connections.mail.relay_subject': 'Demande de mise en relation à relayer : {receiver} (Passerelle)',
    'connections.mail.relay_text':
      'Bonjour,\n\n{requester} demande une mise en relation à {receiver}, qui n’a pas encore de compte sur Passerelle. La demande vous est transmise au titre de {network} : la convention UNML – Cités Unies France (art. 3) confie à chaque réseau de faciliter la mise en lien et la prise de contact.\n\nSon message :\n{message}\n\nTransmettez-la à un contact de {receiver} ou invitez l’organisation à rejoindre Passerelle :\n{page}\n\nSans réponse, la demande expire le {expires}.',
    'connections.mail.forward_text':
      '{greeting}\n\n{by} vous transmet une demande de mise en relation de {requester} à {receiver}, sur Passerelle, la plateforme des Missions Locales et de Cités Unies France.\n\nSon message :\n{message}{note}\n\nRépondez directement, sans compte, avec ce lien personnel (utilisable une fois, jusqu’au {expires}) :\n{link}\n\nVos coordonnées ne sont transmises que si vous acceptez.',
    'connections.mail.invite_subject':
      '{requester} souhaite entrer en contact avec {receiver} : rejoignez Passerelle',
    'connections.mail.invite_text':
      '{greeting}\n\n{by} vous invite à rejoindre Passerelle, la plateforme des Missions Locales et de Cités Unies France, au nom de {receiver} : {requester} vous y demande une mise en relation.\n\nSon message :\n{message}{note}\n\nCréez votre compte dans {receiver} (invitation valable jusqu’au {invitationExpires}) :\n{invitation}\nPuis répondez sur la page de la demande : {page}\n\nOu répondez tout de suite, sans compte, avec ce lien personnel (utilisable une fois, jusqu’au {expires}) :\n{link}',
  },
  en: {
    'connections.relay.list_title': 'Requests to relay',
    'connections.relay.empty': 'No request to relay for now.',
  },
};
