/**
 * Mails to registered people, queued in the caller's transaction with the calendar file.
 * The video link goes only to confirmed registrations (issue 13).
 */
import { sql } from '../../db/sql.js';
import { formatDateTime } from '../../i18n/i18n.js';
import { queueMail } from '../../mail/mail.js';
import { buildCalendar, type IcsMethod } from './ics.js';
import type { OpContext } from './op-context.js';
import type { EventView, RegistrationView } from './store.js';

export type MailKind =
  | 'confirmed'
  | 'waitlisted'
  | 'promoted'
  | 'updated'
  | 'cancelled'
  | 'reminder_d7'
  | 'reminder_d1'
  | 'unregistered';

const SUBJECTS: Record<MailKind, string> = {
  confirmed: 'Inscription confirmée',
  waitlisted: 'Vous êtes sur la liste d’attente',
  promoted: 'Une place s’est libérée : inscription confirmée',
  updated: 'Événement modifié',
  cancelled: 'Événement annulé',
  reminder_d7: 'Rappel : dans 7 jours',
  reminder_d1: 'Rappel : demain',
  unregistered: 'Désinscription enregistrée',
};

/** When the event takes place, in the organiser's zone (and in Paris time if different). */
export function whenText(e: EventView): string {
  const local = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: e.timeZone,
  }).format(new Date(e.startsAt));
  const paris = e.timeZone === 'Europe/Paris' ? '' : ` (${formatDateTime(e.startsAt)}, heure de Paris)`;
  return `${local} (${e.timeZone})${paris}`;
}

export async function mailRegistrant(
  op: OpContext,
  e: EventView,
  r: Pick<RegistrationView, 'email' | 'name' | 'status'>,
  kind: MailKind,
  links: { cancelUrl?: string } = {},
) {
  const page = `${op.config.BASE_URL}/evenements/${e.id}`;
  const seated = r.status === 'confirmed';
  const method: IcsMethod | null =
    kind === 'cancelled' || kind === 'unregistered' ? 'CANCEL' : seated ? 'REQUEST' : null;
  const lines = [
    `Bonjour ${r.name},`,
    '',
    `${SUBJECTS[kind]} — « ${e.title} ».`,
    `Quand : ${whenText(e)}`,
    e.place ? `Où : ${e.place}` : '',
    seated && e.videoUrl && kind !== 'cancelled' && kind !== 'unregistered'
      ? `Lien de connexion : ${e.videoUrl}`
      : '',
    kind === 'waitlisted'
      ? 'L’événement est complet. Vous recevrez un e-mail si une place se libère, dans l’ordre des demandes.'
      : '',
    method && method !== 'CANCEL' ? 'Le fichier joint (.ics) ajoute l’événement à votre agenda.' : '',
    `Page de l’événement : ${page}`,
    links.cancelUrl && kind !== 'cancelled' && kind !== 'unregistered'
      ? `Pour vous désinscrire : ${links.cancelUrl}`
      : '',
  ].filter((l, i, a) => l !== '' || (i > 0 && a[i - 1] !== ''));
  await queueMail(op.tx, op.config, {
    to: r.email,
    subject: `${SUBJECTS[kind]} : ${e.title}`,
    text: lines.join('\n'),
    category: 'transactional',
    attachments: method
      ? [
          {
            filename: 'evenement.ics',
            contentType: `text/calendar; method=${method}; charset=utf-8`,
            content: buildCalendar([e], {
              baseUrl: op.config.BASE_URL,
              method,
              withVideo: method !== 'CANCEL',
            }),
          },
        ]
      : undefined,
  });
}

export async function appendHistory(
  op: OpContext,
  eventId: string,
  kind: string,
  actor: string,
  note?: string,
) {
  await op.tx.run(sql`INSERT INTO event_history (event_id, at, kind, actor_label, note)
    VALUES (${eventId}, ${op.now}, ${kind}, ${actor}, ${note ?? null})`);
}
