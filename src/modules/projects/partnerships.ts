import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';

/**
 * Which published projects each organisation takes part in (abandoned ones left out), for
 * the matching score of the connections module: the number of projects of an organisation
 * and the projects two organisations share. Only published projects count: the matching
 * lists are public, private projects stay with their partners.
 * `organisationIds`: the organisations wanted, or every organisation ('all').
 */
export async function publishedProjectsByOrganisation(
  db: Queryable,
  organisationIds: string[] | 'all',
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (organisationIds !== 'all' && organisationIds.length === 0) return out;
  const only =
    organisationIds === 'all' ? sql.empty : sql`AND pp.organisation_id = ANY(${organisationIds}::uuid[])`;
  const rows = await db.many<{ organisation_id: string; project_id: string }>(sql`
    SELECT DISTINCT pp.organisation_id, pp.project_id FROM project_partners pp
    JOIN projects p ON p.id = pp.project_id AND p.publication = 'published' AND p.status <> 'abandoned'
    WHERE pp.organisation_id IS NOT NULL ${only}`);
  for (const r of rows) {
    const s = out.get(r.organisation_id) ?? new Set<string>();
    s.add(r.project_id);
    out.set(r.organisation_id, s);
  }
  return out;
}
