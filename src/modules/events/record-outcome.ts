import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { nextEventState, TransitionError } from './domain/lifecycle.js';
import { appendHistory } from './notify.js';
import { actorLabel, type OpContext } from './op-context.js';
import { loadEvent } from './store.js';

export interface OutcomeInput {
  /** Registrations of people who came (confirmed ones). */
  attended: string[];
  summary: string;
  slidesUrl: string | null;
  replayUrl: string | null;
}

/**
 * After the event: who came (counted by organisation in the indicators), slides, replay
 * and a short summary. The event becomes "held"; it may be completed again later.
 */
export async function recordOutcome(op: OpContext, id: string, input: OutcomeInput) {
  const e = await loadEvent(op.tx, id, { forUpdate: true });
  let to: string;
  try {
    to = nextEventState(e.status, 'record_outcome');
  } catch (err) {
    if (err instanceof TransitionError) throw new AppError('conflict', err.message);
    throw err;
  }
  if (new Date(e.startsAt) > op.now)
    throw new AppError('conflict', 'L’événement n’a pas encore commencé : le bilan se fait après.');
  const known = await op.tx.many<{ id: string }>(
    sql`SELECT id FROM event_registrations WHERE event_id = ${id} AND status = 'confirmed'`,
  );
  const unknown = input.attended.filter((a) => !known.some((k) => k.id === a));
  if (unknown.length)
    throw new AppError('validation', undefined, {
      attended: 'Cochez seulement des personnes inscrites à cet événement.',
    });
  await op.tx.run(sql`UPDATE event_registrations SET attended = (id = ANY(${input.attended}::uuid[]))
    WHERE event_id = ${id} AND status = 'confirmed'`);
  await op.tx.run(sql`UPDATE events SET status = ${to}, summary = ${input.summary}, slides_url = ${input.slidesUrl},
      replay_url = ${input.replayUrl}, updated_at = ${op.now} WHERE id = ${id}`);
  await appendHistory(op, id, 'outcome_recorded', actorLabel(op), `${input.attended.length} présent(s)`);
  await audit(op.tx, op.audit, {
    action: 'event.outcome',
    entityType: 'event',
    entityId: id,
    organisationId: e.organiserId,
    after: { attended: input.attended.length, slidesUrl: input.slidesUrl, replayUrl: input.replayUrl },
  });
}
