import type { Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';

/**
 * The demo lives in a real territory: the 40 communes of the Communauté urbaine du Grand
 * Poitiers (EPCI 200069854, COG 2026), which is, approximately, the territory of the real
 * « Mission Locale d'Insertion du Poitou » (seat Poitiers, 86194). Only demo records (is_demo,
 * « (démo) » in their names) are placed there; no real organisation is changed.
 */
export const DEMO_TERRITORY = {
  epciSiren: '200069854',
  seatInsee: '86194',
  departementCode: '86',
  regionCode: '75',
} as const;

/**
 * Gives the demo organisations their seat and territory once the geography is known.
 * Idempotent; returns false (and does nothing) while the communes are not imported yet.
 * - DEMO-ML (Mission Locale) and DEMO-EPCI (communauté urbaine): the communes of the EPCI;
 * - DEMO-COM (commune): Poitiers; DEMO-DEP (département): the communes of the Vienne.
 */
export async function placeDemoInTerritory(tx: Queryable): Promise<boolean> {
  const t = DEMO_TERRITORY;
  const seat = await tx.maybeOne(sql`SELECT 1 FROM communes WHERE insee = ${t.seatInsee}`);
  if (!seat) return false;
  const demo = await tx.many<{ id: string; code: string }>(
    sql`SELECT id, code FROM organisations WHERE is_demo AND code IN ('DEMO-ML', 'DEMO-EPCI', 'DEMO-COM', 'DEMO-DEP')`,
  );
  for (const o of demo) {
    const communes =
      o.code === 'DEMO-COM'
        ? sql`SELECT insee FROM communes WHERE insee = ${t.seatInsee}`
        : o.code === 'DEMO-DEP'
          ? sql`SELECT insee FROM communes WHERE departement_code = ${t.departementCode}`
          : sql`SELECT insee FROM communes WHERE epci_siren = ${t.epciSiren}`;
    await tx.run(sql`UPDATE organisations SET seat_insee = ${t.seatInsee}, departement_code = ${t.departementCode},
        region_code = ${t.regionCode}, updated_at = now()
      WHERE id = ${o.id} AND seat_insee IS DISTINCT FROM ${t.seatInsee}`);
    await tx.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
      SELECT ${o.id}, insee, 'declared' FROM (${communes}) c
      ON CONFLICT (organisation_id, commune_insee) DO NOTHING`);
  }
  return demo.length > 0;
}
