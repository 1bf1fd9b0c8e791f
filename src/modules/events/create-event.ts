import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { checkEventData, columnsOf, type EventData } from './check-event-input.js';
import { appendHistory } from './notify.js';
import { actorLabel, type OpContext } from './op-context.js';

/** Publishes an event (art. 3 : temps d'échanges, webinaires). Returns its id. */
export async function createEvent(
  op: OpContext,
  input: EventData & { organiserId: string | null; createdBy: string | null; isDemo?: boolean },
): Promise<string> {
  await checkEventData(op, input);
  const c = columnsOf(input);
  const row = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO events (title, kind, description, starts_at, ends_at,
      time_zone, place, video_url, audience, region_code, capacity, themes, speakers, roadmap_action_id, organiser_id,
      created_by, host_network, presenting_network, is_demo, created_at, updated_at)
    VALUES (${input.title}, ${input.kind}, ${input.description}, ${input.startsAt}, ${input.endsAt}, ${input.timeZone},
      ${input.place}, ${input.videoUrl}, ${input.audience}, ${c.region}, ${input.capacity}, ${input.themes}::text[],
      ${input.speakers}::text[], ${input.roadmapActionId}, ${input.organiserId}, ${input.createdBy}, ${c.host},
      ${c.presenting}, ${!!input.isDemo}, ${op.now}, ${op.now})
    RETURNING id`);
  await appendHistory(op, row.id, 'created', actorLabel(op));
  await audit(op.tx, op.audit, {
    action: 'event.create',
    entityType: 'event',
    entityId: row.id,
    organisationId: input.organiserId,
    after: { ...input, videoUrl: input.videoUrl ? '(lien masqué)' : null },
  });
  return row.id;
}
