import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { checkEventData, columnsOf, type EventData } from './check-event-input.js';
import { nextEventState, TransitionError } from './domain/lifecycle.js';
import { appendHistory, mailRegistrant } from './notify.js';
import { actorLabel, type OpContext } from './op-context.js';
import { promoteWaitlist } from './promote-waitlist.js';
import { loadEvent, registrationsOf } from './store.js';

/**
 * Changes an event. The calendar SEQUENCE goes up and every live registration gets the
 * update (same UID: calendars replace the entry). A larger capacity promotes from the
 * waiting list.
 */
export async function updateEvent(op: OpContext, id: string, input: EventData) {
  const before = await loadEvent(op.tx, id, { forUpdate: true });
  try {
    nextEventState(before.status, 'update');
  } catch (e) {
    if (e instanceof TransitionError) throw new AppError('conflict', e.message);
    throw e;
  }
  await checkEventData(op, input);
  const c = columnsOf(input);
  await op.tx.run(sql`UPDATE events SET title = ${input.title}, kind = ${input.kind}, description = ${input.description},
      starts_at = ${input.startsAt}, ends_at = ${input.endsAt}, time_zone = ${input.timeZone}, place = ${input.place},
      video_url = ${input.videoUrl}, audience = ${input.audience}, region_code = ${c.region}, capacity = ${input.capacity},
      themes = ${input.themes}::text[], speakers = ${input.speakers}::text[], roadmap_action_id = ${input.roadmapActionId},
      host_network = ${c.host}, presenting_network = ${c.presenting}, sequence = sequence + 1, updated_at = ${op.now}
    WHERE id = ${id}`);
  await appendHistory(op, id, 'updated', actorLabel(op));
  await audit(op.tx, op.audit, {
    action: 'event.update',
    entityType: 'event',
    entityId: id,
    organisationId: before.organiserId,
    before: {
      title: before.title,
      startsAt: before.startsAt,
      endsAt: before.endsAt,
      capacity: before.capacity,
    },
    after: { title: input.title, startsAt: input.startsAt, endsAt: input.endsAt, capacity: input.capacity },
  });
  const promoted = new Set(await promoteWaitlist(op, id));
  const after = await loadEvent(op.tx, id);
  for (const r of await registrationsOf(op.tx, id)) {
    if ((r.status === 'confirmed' || r.status === 'waitlisted') && !promoted.has(r.id))
      await mailRegistrant(op, after, r, 'updated');
  }
}
