import type { Queryable } from '../../db/client.js';
import { type Sql, sql } from '../../db/sql.js';

export interface EventStats {
  /** Events held (outcome recorded) in the period. */
  held: number;
  /** People who came, by kind of organisation (guests' organisations are "other"). Counts, never persons. */
  attendanceByOrganisationKind: Record<string, number>;
  /** People who came, by network: unml (Missions Locales, regional associations, UNML), cuf (authorities, CUF), other. */
  attendanceByNetwork: { unml: number; cuf: number; other: number };
  /** Distinct organisations represented among people who came. */
  organisationsRepresented: number;
  /** Art. 3 : présentations croisées held, by the network that presented. */
  crossPresentations: { unmlAtCuf: number; cufAtUnml: number };
}

/**
 * Aggregates for the indicators and the annual review (issue 12): events held between
 * `from` and `to` (dates, inclusive, Europe/Paris), optionally for one région (regional
 * events of that région and national ones).
 */
export async function eventStats(
  db: Queryable,
  p: { from: string; to: string; region?: string },
): Promise<EventStats> {
  const where: Sql[] = [
    sql`e.status = 'held'`,
    sql`(e.starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${p.from}::date AND ${p.to}::date`,
  ];
  if (p.region) where.push(sql`(e.audience <> 'region' OR e.region_code = ${p.region})`);
  const w = sql.join(where, sql` AND `);
  const held = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM events e WHERE ${w}`);
  const byKind = await db.many<{ kind: string; n: number }>(sql`
    SELECT coalesce(o.kind, 'other') AS kind, count(*)::int AS n
    FROM event_registrations r JOIN events e ON e.id = r.event_id LEFT JOIN organisations o ON o.id = r.organisation_id
    WHERE ${w} AND r.attended GROUP BY 1`);
  const orgs = await db.one<{ n: number }>(sql`
    SELECT count(DISTINCT coalesce(r.organisation_id::text, lower(r.organisation_name)))::int AS n
    FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE ${w} AND r.attended`);
  const cross = await db.many<{ presenting: string; n: number }>(sql`
    SELECT e.presenting_network AS presenting, count(*)::int AS n FROM events e
    WHERE ${w} AND e.kind = 'presentation_croisee' GROUP BY 1`);
  const attendanceByOrganisationKind = Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)]));
  const net = { unml: 0, cuf: 0, other: 0 };
  for (const r of byKind) {
    const k = ['unml', 'mission_locale', 'regional_association'].includes(r.kind)
      ? 'unml'
      : ['cuf', 'local_authority'].includes(r.kind)
        ? 'cuf'
        : 'other';
    net[k] += Number(r.n);
  }
  return {
    held: Number(held.n),
    attendanceByOrganisationKind,
    attendanceByNetwork: net,
    organisationsRepresented: Number(orgs.n),
    crossPresentations: {
      unmlAtCuf: Number(cross.find((c) => c.presenting === 'unml')?.n ?? 0),
      cufAtUnml: Number(cross.find((c) => c.presenting === 'cuf')?.n ?? 0),
    },
  };
}
