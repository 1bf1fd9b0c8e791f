import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import type { OpContext } from './op-context.js';
import { appendHistory, loadAgreement, pastOrTodayDate } from './store.js';

/**
 * Art. 4 : the parties meet at least once a year to validate the roadmap, review the past
 * year (bilan) and plan communication. Everything typed is kept: attendees, minutes,
 * decisions, the review and the roadmap year examined.
 */
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
  const year = input.roadmapYear ?? null;
  if (year !== null && (!Number.isInteger(year) || year < 1 || year > 99))
    throw new AppError('validation', undefined, {
      roadmapYear: 'Indiquez l’année de la convention examinée : un nombre entier, 1 pour la première année.',
    });
  const actorId = op.audit.actor.kind === 'user' ? op.audit.actor.user.id : null;
  const row = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO agreement_meetings (agreement_id, held_on, attendees, minutes, decisions, review, roadmap_year, created_by)
    VALUES (${agreementId}, ${heldOn}, ${input.attendees.trim()}, ${input.minutes.trim()}, ${input.decisions.trim()},
      ${(input.review ?? '').trim()}, ${year}, ${actorId})
    RETURNING id`);
  await appendHistory(op.tx, op.audit, loaded.agreement.id, 'meeting_recorded', heldOn, {
    meetingId: row.id,
  });
  await audit(op.tx, op.audit, {
    action: 'agreement.meeting.record',
    entityType: 'agreement',
    entityId: agreementId,
    after: { meetingId: row.id, heldOn, roadmapYear: year },
  });
  return { id: row.id };
}
