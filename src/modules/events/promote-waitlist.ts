import { sql } from '../../db/sql.js';
import { nextRegistrationState, promotions } from './domain/lifecycle.js';
import { appendHistory, mailRegistrant } from './notify.js';
import type { OpContext } from './op-context.js';
import { loadEvent, registrationsOf } from './store.js';

/**
 * Fills free seats from the waiting list, earliest request first; each promoted person
 * gets the confirmation with the calendar file. Called in the transaction that freed the
 * seats (a cancellation, a larger capacity), with the event row locked.
 */
export async function promoteWaitlist(op: OpContext, eventId: string): Promise<string[]> {
  const e = await loadEvent(op.tx, eventId);
  const regs = await registrationsOf(op.tx, eventId);
  const confirmed = regs.filter((r) => r.status === 'confirmed').length;
  const chosen = promotions(
    e.capacity,
    confirmed,
    regs.filter((r) => r.status === 'waitlisted'),
  );
  for (const r of chosen) {
    const to = nextRegistrationState(r.status, 'promote');
    await op.tx.run(
      sql`UPDATE event_registrations SET status = ${to}, confirmed_at = ${op.now} WHERE id = ${r.id}`,
    );
    await appendHistory(op, eventId, 'promoted', 'Passerelle', r.organisationName);
    await mailRegistrant(op, e, { ...r, status: to }, 'promoted');
  }
  return chosen.map((r) => r.id);
}
