import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { nextEventState, TransitionError } from './domain/lifecycle.js';
import { appendHistory, mailRegistrant } from './notify.js';
import { actorLabel, type OpContext } from './op-context.js';
import { loadEvent, registrationsOf } from './store.js';

/** Cancels an event: every live registration gets the cancellation (METHOD:CANCEL, same UID). */
export async function cancelEvent(op: OpContext, id: string, reason: string) {
  const before = await loadEvent(op.tx, id, { forUpdate: true });
  let to: string;
  try {
    to = nextEventState(before.status, 'cancel');
  } catch (e) {
    if (e instanceof TransitionError) throw new AppError('conflict', e.message);
    throw e;
  }
  await op.tx.run(
    sql`UPDATE events SET status = ${to}, sequence = sequence + 1, updated_at = ${op.now} WHERE id = ${id}`,
  );
  await appendHistory(op, id, 'cancelled', actorLabel(op), reason);
  await audit(op.tx, op.audit, {
    action: 'event.cancel',
    entityType: 'event',
    entityId: id,
    organisationId: before.organiserId,
    after: { reason },
  });
  const e = await loadEvent(op.tx, id);
  for (const r of await registrationsOf(op.tx, id))
    if (r.status === 'confirmed' || r.status === 'waitlisted') await mailRegistrant(op, e, r, 'cancelled');
}
