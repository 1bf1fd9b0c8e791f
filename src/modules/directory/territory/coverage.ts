import type { Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';

/**
 * A Mission Locale whose communes are not known from a source serves, approximately, the
 * communes of its seat's EPCI (or its seat alone where the seat belongs to no EPCI). Brings
 * the 'approximate' rows of those Missions Locales (all of them, or the ones given) to that
 * rule. Missions Locales with at least one 'declared' commune are left alone: their
 * territory was stated by a source or by their admins. Returns how many changed.
 */
export async function refreshApproximateCoverage(tx: Queryable, organisationIds?: string[]): Promise<number> {
  const only = organisationIds ? sql`AND o.id = ANY(${organisationIds}::uuid[])` : sql.empty;
  await tx.run(sql`DROP TABLE IF EXISTS approx_want`);
  await tx.run(sql`CREATE TEMP TABLE approx_want ON COMMIT DROP AS
    WITH ml AS (
      SELECT o.id, c.insee AS seat, c.epci_siren FROM organisations o
      JOIN communes c ON c.insee = o.seat_insee
      WHERE o.kind = 'mission_locale' ${only}
        AND NOT EXISTS (SELECT 1 FROM organisation_communes oc WHERE oc.organisation_id = o.id AND oc.coverage = 'declared')
    )
    SELECT ml.id AS organisation_id, c.insee AS commune_insee FROM ml JOIN communes c ON c.epci_siren = ml.epci_siren
    UNION
    SELECT ml.id, ml.seat FROM ml`);
  const changed = new Set<string>();
  const removed = await tx.many<{ organisation_id: string }>(sql`DELETE FROM organisation_communes oc
    USING organisations o
    WHERE oc.organisation_id = o.id AND o.kind = 'mission_locale' AND oc.coverage = 'approximate' ${only}
      AND NOT EXISTS (SELECT 1 FROM approx_want w WHERE w.organisation_id = oc.organisation_id AND w.commune_insee = oc.commune_insee)
    RETURNING oc.organisation_id`);
  for (const r of removed) changed.add(r.organisation_id);
  const added = await tx.many<{
    organisation_id: string;
  }>(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
    SELECT organisation_id, commune_insee, 'approximate' FROM approx_want
    ON CONFLICT (organisation_id, commune_insee) DO NOTHING
    RETURNING organisation_id`);
  for (const r of added) changed.add(r.organisation_id);
  await tx.run(sql`DROP TABLE approx_want`);
  return changed.size;
}
