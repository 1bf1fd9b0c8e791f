import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { queueMail } from '../../mail/mail.js';
import type { SignedInUser } from '../../policy/actor.js';
import { nextEventState, seatOrWaitlist, TransitionError } from './domain/lifecycle.js';
import { appendHistory, mailRegistrant, whenText } from './notify.js';
import type { OpContext } from './op-context.js';
import { type EventView, loadEvent } from './store.js';

export type Registrant =
  | { kind: 'member'; user: SignedInUser; organisationId: string }
  | { kind: 'guest'; name: string; email: string; organisationName: string };

export interface RegistrationResult {
  id: string;
  status: 'confirmed' | 'waitlisted' | 'pending_email';
}

const duplicate = () =>
  new AppError('conflict', 'Vous êtes déjà inscrit ou inscrite à cet événement (ou sur sa liste d’attente).');

function openForRegistration(e: EventView, now: Date) {
  try {
    nextEventState(e.status, 'register');
  } catch (err) {
    if (err instanceof TransitionError) throw new AppError('conflict', err.message);
    throw err;
  }
  if (new Date(e.startsAt) <= now)
    throw new AppError('conflict', 'Les inscriptions sont closes : l’événement a commencé.');
}

/** A seat or the waiting list, decided with the event row locked (no two people get the last seat). */
async function seatFor(op: OpContext, e: EventView) {
  const row = await op.tx.one<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM event_registrations WHERE event_id = ${e.id} AND status = 'confirmed'`,
  );
  return seatOrWaitlist(e.capacity, Number(row.n));
}

/**
 * Registers someone for an event. A member registers with one of their organisations and
 * gets a seat or the waiting list at once; a guest first confirms the e-mail address
 * (pending_email, a single-use link). One live registration per e-mail and event.
 */
export async function registerForEvent(
  op: OpContext,
  eventId: string,
  who: Registrant,
): Promise<RegistrationResult> {
  const e = await loadEvent(op.tx, eventId, { forUpdate: true });
  openForRegistration(e, op.now);
  let organisationId: string | null = null;
  let organisationName: string;
  let name: string;
  let email: string;
  if (who.kind === 'member') {
    const org = await op.tx.maybeOne<{ name: string }>(sql`SELECT o.name FROM memberships m
      JOIN organisations o ON o.id = m.organisation_id
      WHERE m.user_id = ${who.user.id} AND m.organisation_id = ${who.organisationId}`);
    if (!org)
      throw new AppError('validation', undefined, {
        organisationId: 'Choisissez une organisation dont vous êtes membre.',
      });
    organisationId = who.organisationId;
    organisationName = org.name;
    name = who.user.name;
    email = who.user.email.toLowerCase();
  } else {
    organisationName = who.organisationName.trim();
    name = who.name.trim();
    email = who.email.trim().toLowerCase();
  }
  const existing = await op.tx.maybeOne(
    sql`SELECT id FROM event_registrations WHERE event_id = ${e.id} AND email = ${email} AND status <> 'cancelled'`,
  );
  if (existing) throw duplicate();
  const status = who.kind === 'member' ? await seatFor(op, e) : 'pending_email';
  const cancelToken = randomToken();
  const confirmToken = who.kind === 'guest' ? randomToken() : null;
  const row = await op.tx.maybeOne<{ id: string }>(sql`INSERT INTO event_registrations (event_id, user_id,
      organisation_id, organisation_name, name, email, status, requested_at, confirmed_at, confirm_token_hash, cancel_token_hash)
    VALUES (${e.id}, ${who.kind === 'member' ? who.user.id : null}, ${organisationId}, ${organisationName}, ${name},
      ${email}, ${status}, ${op.now}, ${status === 'confirmed' ? op.now : null},
      ${confirmToken ? sha256(confirmToken) : null}, ${sha256(cancelToken)})
    ON CONFLICT DO NOTHING RETURNING id`);
  if (!row) throw duplicate();
  await appendHistory(
    op,
    e.id,
    status === 'pending_email' ? 'guest_requested' : status,
    name,
    organisationName,
  );
  await audit(op.tx, op.audit, {
    action: 'event.register',
    entityType: 'event',
    entityId: e.id,
    organisationId,
    after: { registrationId: row.id, status, guest: who.kind === 'guest' },
  });
  const cancelUrl = `${op.config.BASE_URL}/evenements/inscription/annuler/${cancelToken}`;
  if (status === 'pending_email') {
    await queueMail(op.tx, op.config, {
      to: email,
      subject: `Confirmez votre inscription : ${e.title}`,
      text: [
        `Bonjour ${name},`,
        '',
        `Vous avez demandé à vous inscrire à « ${e.title} » (${whenText(e)}).`,
        'Pour confirmer votre adresse e-mail et votre inscription, ouvrez ce lien (valable jusqu’au début de l’événement) :',
        `${op.config.BASE_URL}/evenements/inscription/confirmer/${confirmToken}`,
        '',
        'Si vous n’avez rien demandé, ignorez ce message : rien ne sera enregistré à votre nom au-delà d’un an.',
        `Pour retirer votre demande : ${cancelUrl}`,
      ].join('\n'),
      category: 'transactional',
    });
  } else {
    await mailRegistrant(op, e, { name, email, status }, status, { cancelUrl });
  }
  return { id: row.id, status };
}

/** A guest's e-mail is confirmed by the link: the registration takes a seat or the waiting list. */
export async function confirmGuestEmail(
  op: OpContext,
  token: string,
): Promise<{ eventId: string; status: 'confirmed' | 'waitlisted' }> {
  const found = await op.tx.maybeOne<{
    id: string;
    event_id: string;
    status: string;
    name: string;
    email: string;
  }>(
    sql`SELECT id, event_id, status, name, email FROM event_registrations WHERE confirm_token_hash = ${sha256(token)}`,
  );
  if (found?.status !== 'pending_email')
    throw new AppError(
      'gone',
      'Ce lien de confirmation n’est plus valable (déjà utilisé ou demande retirée).',
    );
  const e = await loadEvent(op.tx, found.event_id, { forUpdate: true });
  openForRegistration(e, op.now);
  const status = await seatFor(op, e);
  await op.tx.run(sql`UPDATE event_registrations SET status = ${status}, confirm_token_hash = NULL,
      confirmed_at = ${status === 'confirmed' ? op.now : null} WHERE id = ${found.id}`);
  await appendHistory(op, e.id, status, found.name, 'adresse e-mail confirmée');
  await audit(op.tx, op.audit, {
    action: 'event.register.confirm_email',
    entityType: 'event',
    entityId: e.id,
    after: { registrationId: found.id, status },
  });
  await mailRegistrant(op, e, { name: found.name, email: found.email, status }, status);
  return { eventId: e.id, status };
}
