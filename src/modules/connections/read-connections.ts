import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Actor } from '../../policy/actor.js';
import { isNetworkAdmin } from '../../policy/actor.js';
import { asReader, type Reader, readContacts } from '../directory/index.js';
import type { ConnectionRow } from './answer-connection.js';

export interface ConnectionListItem {
  id: string;
  requester_id: string;
  receiver_id: string;
  requester_name: string;
  receiver_name: string;
  status: ConnectionRow['status'];
  created_at: Date;
  expires_at: Date;
  answered_at: Date | null;
  project_kind: string | null;
}

/** Requests sent or received by the caller's organisations, newest first. */
export function listConnections(db: Queryable, actor: Actor, limit = 200): Promise<ConnectionListItem[]> {
  const orgIds = actor.kind === 'user' ? actor.memberships.map((m) => m.organisationId) : [];
  return db.many<ConnectionListItem>(sql`
    SELECT c.id, c.requester_id, c.receiver_id, rq.name AS requester_name, rc.name AS receiver_name, c.status,
      c.created_at, c.expires_at, c.answered_at, c.project_kind
    FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
    WHERE c.requester_id = ANY(${orgIds}::uuid[]) OR c.receiver_id = ANY(${orgIds}::uuid[])
    ORDER BY c.created_at DESC, c.id LIMIT ${limit}`);
}

export interface ConnectionEventRow {
  at: Date;
  kind: string;
  actor_label: string;
  note: string | null;
}

export function connectionEvents(db: Queryable, id: string): Promise<ConnectionEventRow[]> {
  return db.many<ConnectionEventRow>(
    sql`SELECT at, kind, actor_label, note FROM connection_events WHERE connection_id = ${id} ORDER BY at, id`,
  );
}

export interface RevealedContacts {
  organisationId: string;
  organisationName: string;
  organisationEmail: string | null;
  website: string | null;
  person: { name: string; email: string } | null;
  contacts: { name: string; role_title: string | null; email: string | null; phone: string | null }[];
}

/**
 * Contact details of both sides once the request is accepted (before that: nothing). The
 * people are the requester and the answerer. Contacts go through the directory's one sharing
 * rule: each side reads the other as a connected partner (public and partners contacts,
 * never confidential ones — convention art. 4); a member of a side also sees its own side's
 * confidential contacts. `viewer` is null on the anonymous answer page.
 */
export async function revealedContacts(
  db: Queryable,
  c: ConnectionRow,
  viewer: Actor | null,
): Promise<RevealedContacts[]> {
  if (c.status !== 'accepted') return [];
  const out: RevealedContacts[] = [];
  for (const side of [
    {
      id: c.requester_id,
      name: c.requester_name,
      person: { name: c.requested_by_name, email: c.requested_by_email },
    },
    {
      id: c.receiver_id,
      name: c.receiver_name,
      person: c.answered_by_email ? { name: c.answered_by_name ?? '', email: c.answered_by_email } : null,
    },
  ]) {
    const org = await db.one<{ email: string | null; website: string | null }>(
      sql`SELECT email, website FROM organisations WHERE id = ${side.id}`,
    );
    const readers: Reader[] = [{ kind: 'counterpart' }];
    if (viewer) readers.push(asReader(viewer));
    const contacts = (await readContacts(db, side.id, ...readers)).map((x) => ({
      name: x.name,
      role_title: x.roleTitle,
      email: x.email,
      phone: x.phone,
    }));
    out.push({
      organisationId: side.id,
      organisationName: side.name,
      organisationEmail: org.email,
      website: org.website,
      person: side.person,
      contacts,
    });
  }
  return out;
}

/** Whether the caller may see this request: a member of either side, or a network admin. */
export function maySee(actor: Actor, c: { requester_id: string; receiver_id: string }): boolean {
  if (isNetworkAdmin(actor)) return true;
  return (
    actor.kind === 'user' &&
    actor.memberships.some((m) => m.organisationId === c.requester_id || m.organisationId === c.receiver_id)
  );
}

/** Only the receiving organisation's members answer. */
export function mayAnswer(actor: Actor, c: { receiver_id: string }): boolean {
  return actor.kind === 'user' && actor.memberships.some((m) => m.organisationId === c.receiver_id);
}

export interface PipelineRow {
  region_code: string | null;
  region_name: string | null;
  /** The national total row. */
  total: boolean;
  requests: number;
  pending: number;
  accepted: number;
  declined: number;
  expired: number;
  /** Accepted among the requests that are settled (answered or expired), 0..1; null when none. */
  acceptance_rate: number | null;
  /** Median hours from request to answer, for answered requests; null when none. */
  median_hours: number | null;
}

/** The pipeline for network admins, by région of the requesting organisation (then of the receiver). */
export async function pipelineByRegion(db: Queryable): Promise<PipelineRow[]> {
  const rows = await db.many<PipelineRow>(sql`
    WITH x AS (
      SELECT c.*, coalesce(rq.region_code, rc.region_code) AS region_code
      FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
    )
    SELECT x.region_code, r.name AS region_name, (GROUPING(x.region_code, r.name) > 0) AS total,
      count(*)::int AS requests,
      count(*) FILTER (WHERE status = 'pending')::int AS pending,
      count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
      count(*) FILTER (WHERE status = 'declined')::int AS declined,
      count(*) FILTER (WHERE status = 'expired')::int AS expired,
      (count(*) FILTER (WHERE status = 'accepted'))::float8 / nullif(count(*) FILTER (WHERE status <> 'pending'), 0) AS acceptance_rate,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at)) FILTER (WHERE answered_at IS NOT NULL))::float8 / 3600 AS median_hours
    FROM x LEFT JOIN regions r ON r.code = x.region_code
    GROUP BY ROLLUP ((x.region_code, r.name))
    ORDER BY GROUPING(x.region_code, r.name), r.name NULLS LAST`);
  return rows.map((r) => ({
    ...r,
    acceptance_rate: r.acceptance_rate === null ? null : Number(r.acceptance_rate),
    median_hours: r.median_hours === null ? null : Number(r.median_hours),
  }));
}
