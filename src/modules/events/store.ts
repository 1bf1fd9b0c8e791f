/** Reads of the events module and row mapping. */
import type { Queryable } from '../../db/client.js';
import { type Sql, sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import type { Audience, EventKind, EventState, Network, RegistrationState } from './domain/lifecycle.js';

export interface EventView {
  id: string;
  title: string;
  kind: EventKind;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  videoUrl: string | null;
  audience: Audience;
  regionCode: string | null;
  regionName: string | null;
  capacity: number | null;
  themes: string[];
  speakers: string[];
  roadmapActionId: string | null;
  roadmapActionTitle: string | null;
  organiserId: string | null;
  organiserName: string | null;
  status: EventState;
  sequence: number;
  summary: string;
  slidesUrl: string | null;
  replayUrl: string | null;
  hostNetwork: Network | null;
  presentingNetwork: Network | null;
  confirmed: number;
  waitlisted: number;
  attended: number;
  updatedAt: string;
  createdBy: string | null;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function mapEvent(r: any): EventView {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    description: r.description,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    timeZone: r.time_zone,
    place: r.place,
    videoUrl: r.video_url,
    audience: r.audience,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    capacity: r.capacity,
    themes: r.themes ?? [],
    speakers: r.speakers ?? [],
    roadmapActionId: r.roadmap_action_id,
    roadmapActionTitle: r.roadmap_action_title ?? null,
    organiserId: r.organiser_id,
    organiserName: r.organiser_name ?? null,
    status: r.status,
    sequence: r.sequence,
    summary: r.summary,
    slidesUrl: r.slides_url,
    replayUrl: r.replay_url,
    hostNetwork: r.host_network,
    presentingNetwork: r.presenting_network,
    confirmed: Number(r.confirmed ?? 0),
    waitlisted: Number(r.waitlisted ?? 0),
    attended: Number(r.attended ?? 0),
    updatedAt: iso(r.updated_at),
    createdBy: r.created_by,
  };
}

const SELECT = sql`SELECT e.*, o.name AS organiser_name, rg.name AS region_name, ra.title AS roadmap_action_title,
    (SELECT count(*) FROM event_registrations x WHERE x.event_id = e.id AND x.status = 'confirmed') AS confirmed,
    (SELECT count(*) FROM event_registrations x WHERE x.event_id = e.id AND x.status = 'waitlisted') AS waitlisted,
    (SELECT count(*) FROM event_registrations x WHERE x.event_id = e.id AND x.attended) AS attended
  FROM events e
  LEFT JOIN organisations o ON o.id = e.organiser_id
  LEFT JOIN regions rg ON rg.code = e.region_code
  LEFT JOIN roadmap_actions ra ON ra.id = e.roadmap_action_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export async function findEvent(db: Queryable, id: string): Promise<EventView | null> {
  if (!isUuid(id)) return null;
  const r = await db.maybeOne(sql`${SELECT} WHERE e.id = ${id}`);
  return r ? mapEvent(r) : null;
}

export async function loadEvent(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<EventView> {
  if (opts.forUpdate && isUuid(id)) await db.run(sql`SELECT id FROM events WHERE id = ${id} FOR UPDATE`);
  const e = await findEvent(db, id);
  if (!e) throw new AppError('not_found', 'Cet événement n’existe pas.');
  return e;
}

export interface EventFilter {
  from?: string;
  region?: string;
  theme?: string;
  kind?: EventKind;
  /** Past events too (the archive); by default only upcoming ones. */
  past?: boolean;
}

export async function listEvents(db: Queryable, f: EventFilter, now: Date): Promise<EventView[]> {
  const where: Sql[] = [sql`e.status <> 'cancelled'`];
  if (f.from) where.push(sql`e.ends_at >= ${new Date(`${f.from}T00:00:00Z`)}`);
  else if (!f.past) where.push(sql`e.ends_at >= ${now}`);
  if (f.region) where.push(sql`(e.audience <> 'region' OR e.region_code = ${f.region})`);
  if (f.theme) where.push(sql`${f.theme} = ANY (e.themes)`);
  if (f.kind) where.push(sql`e.kind = ${f.kind}`);
  const order = f.past && !f.from ? sql`e.starts_at DESC` : sql`e.starts_at`;
  const rows = await db.many(sql`${SELECT} WHERE ${sql.join(where, sql` AND `)} ORDER BY ${order} LIMIT 500`);
  return rows.map(mapEvent);
}

export interface RegistrationView {
  id: string;
  eventId: string;
  userId: string | null;
  organisationId: string | null;
  organisationName: string;
  organisationKind: string | null;
  name: string;
  email: string;
  status: RegistrationState;
  requestedAt: string;
  attended: boolean | null;
}

const mapReg = (r: any): RegistrationView => ({
  id: r.id,
  eventId: r.event_id,
  userId: r.user_id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  organisationKind: r.organisation_kind ?? null,
  name: r.name,
  email: r.email,
  status: r.status,
  requestedAt: iso(r.requested_at),
  attended: r.attended,
});

export async function registrationsOf(db: Queryable, eventId: string): Promise<RegistrationView[]> {
  const rows = await db.many(sql`SELECT r.*, o.kind AS organisation_kind FROM event_registrations r
    LEFT JOIN organisations o ON o.id = r.organisation_id
    WHERE r.event_id = ${eventId} ORDER BY r.requested_at, r.id`);
  return rows.map(mapReg);
}

export async function findRegistration(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) return null;
  const r = await db.maybeOne(
    sql`SELECT * FROM event_registrations WHERE id = ${id}${opts.forUpdate ? sql` FOR UPDATE` : sql``}`,
  );
  return r ? mapReg(r) : null;
}

/** The live registration of a signed-in user for an event, if any. */
export async function registrationOfUser(db: Queryable, eventId: string, userId: string) {
  const r = await db.maybeOne(sql`SELECT * FROM event_registrations
    WHERE event_id = ${eventId} AND user_id = ${userId} AND status <> 'cancelled'`);
  return r ? mapReg(r) : null;
}

export async function historyOf(db: Queryable, eventId: string) {
  return db.many<{ at: Date; kind: string; actor_label: string; note: string | null }>(
    sql`SELECT at, kind, actor_label, note FROM event_history WHERE event_id = ${eventId} ORDER BY at, id`,
  );
}

export async function themeOptions(db: Queryable) {
  return db.many<{ code: string; name: string }>(sql`SELECT code, name FROM themes ORDER BY position, name`);
}

export async function regionOptions(db: Queryable) {
  return db.many<{ code: string; name: string }>(sql`SELECT code, name FROM regions ORDER BY name`);
}
