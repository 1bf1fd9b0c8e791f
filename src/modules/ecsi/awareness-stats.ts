import type { Queryable } from '../../db/client.js';
import { type Sql, sql } from '../../db/sql.js';

export interface EcsiAwarenessStats {
  /** Awareness actions held in the period. */
  actions: number;
  /** Indicator « Missions Locales sensibilisées à l'ECSI » : distinct Missions Locales that organised or took part. */
  missionsLocalesAware: number;
  /** Distinct local authorities that organised or took part. */
  authoritiesAware: number;
  byKind: Record<string, number>;
}

/**
 * Aggregates for the indicators (issue 12): actions held between `from` and `to`
 * (inclusive dates), optionally for one région (the organisations' région). Counts only.
 */
export async function ecsiAwarenessStats(
  db: Queryable,
  p: { from: string; to: string; region?: string },
): Promise<EcsiAwarenessStats> {
  const inPeriod = sql`a.held_on BETWEEN ${p.from}::date AND ${p.to}::date`;
  const region: Sql = p.region ? sql` AND o.region_code = ${p.region}` : sql``;
  const byKind = await db.many<{ kind: string; n: number }>(
    sql`SELECT a.kind, count(*)::int AS n FROM ecsi_actions a JOIN organisations o ON o.id = a.organiser_id
      WHERE ${inPeriod}${region} GROUP BY a.kind`,
  );
  const aware = await db.many<{ kind: string; n: number }>(sql`
    SELECT o.kind, count(DISTINCT o.id)::int AS n FROM (
      SELECT a.organiser_id AS org FROM ecsi_actions a WHERE ${inPeriod}
      UNION SELECT ap.organisation_id FROM ecsi_action_participants ap JOIN ecsi_actions a ON a.id = ap.action_id WHERE ${inPeriod}
    ) x JOIN organisations o ON o.id = x.org WHERE o.kind IN ('mission_locale', 'local_authority')${region}
    GROUP BY o.kind`);
  return {
    actions: byKind.reduce((s, r) => s + Number(r.n), 0),
    missionsLocalesAware: Number(aware.find((a) => a.kind === 'mission_locale')?.n ?? 0),
    authoritiesAware: Number(aware.find((a) => a.kind === 'local_authority')?.n ?? 0),
    byKind: Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)])),
  };
}
