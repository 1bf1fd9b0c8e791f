import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { sha256 } from '../../lib/crypto.js';
import { nextRegistrationState, TransitionError } from './domain/lifecycle.js';
import { appendHistory, mailRegistrant } from './notify.js';
import { actorLabel, type OpContext } from './op-context.js';
import { promoteWaitlist } from './promote-waitlist.js';
import { findRegistration, loadEvent } from './store.js';

/**
 * Cancels a registration; the seat it held goes to the earliest request on the waiting
 * list, in the same transaction. Returns who was promoted.
 */
export async function cancelRegistration(
  op: OpContext,
  registrationId: string,
  opts: { eventId?: string } = {},
): Promise<{ eventId: string; promoted: string[] }> {
  const reg0 = await findRegistration(op.tx, registrationId);
  if (!reg0 || (opts.eventId && reg0.eventId !== opts.eventId))
    throw new AppError('not_found', 'Cette inscription n’existe pas.');
  const e = await loadEvent(op.tx, reg0.eventId, { forUpdate: true });
  const reg = (await findRegistration(op.tx, registrationId, { forUpdate: true }))!;
  let to: string;
  try {
    to = nextRegistrationState(reg.status, 'cancel');
  } catch (err) {
    if (err instanceof TransitionError) throw new AppError('conflict', err.message);
    throw err;
  }
  if (e.status !== 'scheduled')
    throw new AppError('conflict', 'L’événement a eu lieu ou est annulé : rien à annuler.');
  await op.tx.run(sql`UPDATE event_registrations SET status = ${to}, cancelled_at = ${op.now},
      confirm_token_hash = NULL WHERE id = ${reg.id}`);
  await appendHistory(op, e.id, 'registration_cancelled', actorLabel(op), reg.organisationName);
  await audit(op.tx, op.audit, {
    action: 'event.unregister',
    entityType: 'event',
    entityId: e.id,
    organisationId: reg.organisationId,
    after: { registrationId: reg.id, from: reg.status },
  });
  if (reg.status === 'confirmed') await mailRegistrant(op, e, reg, 'unregistered');
  const promoted = reg.status === 'confirmed' ? await promoteWaitlist(op, e.id) : [];
  return { eventId: e.id, promoted };
}

/** The cancel link of the confirmation mail (guests have no account). */
export async function registrationByCancelToken(op: Pick<OpContext, 'tx'>, token: string) {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  return op.tx.maybeOne<{ id: string; event_id: string; status: string }>(
    sql`SELECT id, event_id, status FROM event_registrations WHERE cancel_token_hash = ${sha256(token)}`,
  );
}
