import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import type { OpContext } from './op-context.js';
import { appendHistory, loadAgreement, pastOrTodayDate } from './store.js';

/** Art. 4 : the parties meet at least once a year; the meeting is recorded with its minutes. */
export async function recordMeeting(
  op: OpContext,
  agreementId: string,
  input: {
    heldOn: string;
    attendees: string;
    minutes: string;
    decisions: string;
    review?: string;
    roadmapYear?: number | null;
  },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  const heldOn = pastOrTodayDate(input.heldOn, 'heldOn', op.now, 'la date de la réunion');
  if (!input.attendees.trim())
    throw new AppError('validation', undefined, { attendees: 'Indiquez les participants.' });
  const actorId = op.audit.actor.kind === 'user' ? op.audit.actor.user.id : null;
  const row = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO agreement_meetings (agreement_id, held_on, attendees, minutes, decisions, created_by)
    VALUES (${agreementId}, ${heldOn}, ${input.attendees.trim()}, ${input.minutes.trim()}, ${input.decisions.trim()}, ${actorId})
    RETURNING id`);
  await appendHistory(op.tx, op.audit, loaded.agreement.id, 'meeting_recorded', heldOn, {
    meetingId: row.id,
  });
  await audit(op.tx, op.audit, {
    action: 'agreement.meeting.record',
    entityType: 'agreement',
    entityId: agreementId,
    after: { meetingId: row.id, heldOn },
  });
  return { id: row.id };
}
