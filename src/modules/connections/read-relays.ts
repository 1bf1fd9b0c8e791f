import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Actor } from '../../policy/actor.js';

/** One delivery of a request, as `deliveredTo` shows it (addresses are never part of it). */
export interface DeliveryRow {
  kind: 'member' | 'network_staff' | 'invited_contact';
  organisation_id: string;
  organisation_name: string;
  via: 'members' | 'directory' | 'relay' | 'forward' | 'invitation';
  recipients: number;
  created_at: Date;
}

export function deliveriesOf(db: Queryable, connectionId: string): Promise<DeliveryRow[]> {
  return db.many<DeliveryRow>(sql`SELECT d.kind, d.organisation_id, o.name AS organisation_name, d.via, d.recipients,
      d.created_at
    FROM connection_deliveries d JOIN organisations o ON o.id = d.organisation_id
    WHERE d.connection_id = ${connectionId} ORDER BY d.created_at, d.id`);
}

/**
 * Which relays a person handles: those addressed to a network organisation they belong to
 * (UNML, CUF, a regional association), those of their network when they are its national
 * admin, and all of them for platform admins.
 */
function scopeOf(actor: Actor) {
  if (actor.kind !== 'user') return null;
  const orgIds = actor.memberships
    .filter(
      (m) =>
        m.organisationKind === 'unml' ||
        m.organisationKind === 'cuf' ||
        m.organisationKind === 'regional_association',
    )
    .map((m) => m.organisationId);
  const network = actor.user.globalRole === 'network_admin' ? actor.user.network : null;
  const all = actor.user.globalRole === 'platform_admin';
  if (!all && !network && orgIds.length === 0) return null;
  return { orgIds, network, all };
}

const inScope = (s: NonNullable<ReturnType<typeof scopeOf>>) =>
  sql`(${s.all} OR d.organisation_id = ANY(${s.orgIds}::uuid[]) OR n.kind = ${s.network ?? ''})`;

/** The network organisation through which `actor` handles the relay of this request, or null. */
export async function relayOrganisationFor(
  db: Queryable,
  actor: Actor,
  connectionId: string,
): Promise<{ id: string; name: string } | null> {
  const s = scopeOf(actor);
  if (!s || !/^[0-9a-f-]{36}$/i.test(connectionId)) return null;
  return db.maybeOne<{ id: string; name: string }>(sql`SELECT n.id, n.name
    FROM connection_deliveries d JOIN organisations n ON n.id = d.organisation_id
    WHERE d.connection_id = ${connectionId} AND d.kind = 'network_staff' AND ${inScope(s)}
    ORDER BY (d.organisation_id = ANY(${s.orgIds}::uuid[])) DESC, d.id LIMIT 1`);
}

export interface RelayItem {
  id: string;
  requester_id: string;
  requester_name: string;
  receiver_id: string;
  receiver_name: string;
  receiver_kind: string;
  network_name: string;
  created_at: Date;
  expires_at: Date;
  /** Contacts reached since the relay (forwarded or invited). */
  contacts: number;
}

/**
 * The relays a network staff member has to handle: requests still open, addressed to their
 * network, oldest first. `count` is those nobody has passed on to a contact yet. For the
 * dashboard (home module) and the relay page.
 */
export async function pendingRelaysFor(
  db: Queryable,
  actor: Actor,
  limit = 200,
): Promise<{ count: number; items: RelayItem[] }> {
  const s = scopeOf(actor);
  if (!s) return { count: 0, items: [] };
  const items = await db.many<RelayItem>(sql`
    SELECT c.id, c.requester_id, rq.name AS requester_name, c.receiver_id, rc.name AS receiver_name,
      rc.kind AS receiver_kind, min(n.name) AS network_name, c.created_at, c.expires_at,
      (SELECT count(*)::int FROM connection_deliveries x
        WHERE x.connection_id = c.id AND x.kind = 'invited_contact' AND x.via IN ('forward', 'invitation')) AS contacts
    FROM connection_deliveries d JOIN organisations n ON n.id = d.organisation_id
      JOIN connections c ON c.id = d.connection_id
      JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
    WHERE d.kind = 'network_staff' AND c.status = 'pending' AND ${inScope(s)}
    GROUP BY c.id, rq.name, rc.name, rc.kind
    ORDER BY c.created_at, c.id LIMIT ${limit}`);
  const rows = items.map((i) => ({ ...i, contacts: Number(i.contacts) }));
  return { count: rows.filter((i) => i.contacts === 0).length, items: rows };
}

/** Whether a request between the two organisations is open (either direction), for "no second request". */
export function openRequestBetween(
  db: Queryable,
  a: string,
  b: string,
): Promise<{ id: string; requester_id: string; created_at: Date; expires_at: Date } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(a) || !/^[0-9a-f-]{36}$/i.test(b)) return Promise.resolve(null);
  return db.maybeOne(sql`SELECT id, requester_id, created_at, expires_at FROM connections
    WHERE status = 'pending' AND least(requester_id, receiver_id) = least(${a}::uuid, ${b}::uuid)
      AND greatest(requester_id, receiver_id) = greatest(${a}::uuid, ${b}::uuid)`);
}
