/**
 * Connection work for the signed-in home page (issue 9 §5): requests received by the actor's
 * organisations still waiting for an answer (art. 3 : "faciliter les mises en relation"),
 * and for network staff the opportunities of their area (art. 3, first item).
 */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { type Actor, isNetworkAdmin } from '../../policy/actor.js';
import { listOpportunities } from './opportunities.js';

export interface RequestToAnswer {
  id: string;
  requesterName: string;
  receiverName: string;
  projectKind: string | null;
  createdAt: Date;
  expiresAt: Date;
  href: string;
}

/** Pending requests received by an organisation the actor belongs to (the ones they may answer). */
export async function requestsToAnswer(db: Queryable, actor: Actor, now: Date): Promise<RequestToAnswer[]> {
  if (actor.kind !== 'user') return [];
  const orgIds = actor.memberships.map((m) => m.organisationId);
  if (orgIds.length === 0) return [];
  const rows = await db.many<{
    id: string;
    requester_name: string;
    receiver_name: string;
    project_kind: string | null;
    created_at: Date;
    expires_at: Date;
  }>(sql`SELECT c.id, rq.name AS requester_name, rc.name AS receiver_name, c.project_kind, c.created_at, c.expires_at
    FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
    WHERE c.status = 'pending' AND c.expires_at > ${now} AND c.receiver_id = ANY(${orgIds}::uuid[])
    ORDER BY c.expires_at, c.id LIMIT 50`);
  return rows.map((r) => ({
    id: r.id,
    requesterName: r.requester_name,
    receiverName: r.receiver_name,
    projectKind: r.project_kind,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    href: `/mises-en-relation/${r.id}`,
  }));
}

export interface AreaOpportunities {
  /** Région code for a regional association's members; null = all of France. */
  region: string | null;
  total: number;
  top: { missionLocale: string; authority: string; score: number }[];
  href: string;
}

/**
 * The opportunities of the actor's area, as the /admin/opportunites page computes them:
 * all of France for network staff, their own région for a regional association's members;
 * null for anybody else.
 */
export async function opportunitiesOfArea(
  db: Queryable,
  actor: Actor,
  now: Date,
  limit = 5,
): Promise<AreaOpportunities | null> {
  if (actor.kind !== 'user') return null;
  let region: string | null = null;
  if (!isNetworkAdmin(actor)) {
    const ids = actor.memberships
      .filter((m) => m.organisationKind === 'regional_association')
      .map((m) => m.organisationId);
    if (ids.length === 0) return null;
    const own = await db.maybeOne<{ region_code: string | null }>(
      sql`SELECT region_code FROM organisations WHERE id = ANY(${ids}::uuid[]) AND region_code IS NOT NULL ORDER BY name LIMIT 1`,
    );
    if (!own?.region_code) return null;
    region = own.region_code;
  }
  const rows = await listOpportunities(db, now, { region: region ?? undefined });
  const top = [...rows]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((r) => ({ missionLocale: r.ml_name, authority: r.authority_name, score: r.score }));
  return { region, total: rows.length, top, href: '/admin/opportunites' };
}
