import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit } from '../../../audit/audit.js';
import type { Db, Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { PROJECT_ROOT } from '../../../paths.js';
import { refreshApproximateCoverage } from './coverage.js';
import { buildGeography, type CogData, type Geography } from './domain/geography.js';

export interface Counts {
  created: number;
  updated: number;
  removed: number;
}

export interface GeographyReport {
  regions: Counts;
  departements: Counts;
  epci: Counts;
  communes: Counts;
  formerCodes: Counts;
  authorities: Counts & { kept: string[] };
  territories: { added: number; removed: number };
  /** Communes that disappeared and whose references were moved to their successor. */
  mergersFollowed: { former: string; insee: string }[];
  missionsLocalesRecomputed: number;
  totals: { communes: number; epci: number; authorities: number };
  durationMs: number;
  /** CPU time of this process during the import (with PGlite, the database's work too). */
  cpuMs: number;
}

/** Where the COG files of @etalab/decoupage-administratif live (read directly, ARCHITECTURE.md). */
export const COG_DATA_DIR = join(PROJECT_ROOT, 'node_modules', '@etalab', 'decoupage-administratif', 'data');

export function readCog(dir = COG_DATA_DIR): CogData {
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return {
    communes: read('communes.json'),
    epci: read('epci.json'),
    ept: read('ept.json'),
    departements: read('departements.json'),
    regions: read('regions.json'),
  };
}

/**
 * `passerelle import geography`: brings the database to the COG, in ONE transaction.
 * Re-runnable (a second run changes nothing), reports what it created, updated and removed,
 * and follows commune mergers: references to a commune that disappeared (seats, territories)
 * move to the commune that absorbed it, found through its former codes.
 */
export async function importGeography(db: Db, cog: CogData = readCog()): Promise<GeographyReport> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const geo = buildGeography(cog);
  const report = await db.transaction((tx) => writeGeography(tx, geo));
  report.durationMs = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  report.cpuMs = Math.round((used.user + used.system) / 1000);
  return report;
}

type Table = 'regions' | 'departements' | 'epci' | 'communes' | 'commune_former_codes';

/** Loads rows into a temporary copy of `table` and upserts them; returns counts (removal is separate). */
async function stageAndUpsert(
  tx: Queryable,
  table: Table,
  pk: string,
  columns: string[],
  rows: unknown[],
): Promise<{ created: number; updated: number }> {
  const t = sql.raw(table);
  const g = sql.raw(`g_${table}`);
  const key = sql.raw(pk);
  await tx.run(sql`CREATE TEMP TABLE ${g} ON COMMIT DROP AS
    SELECT * FROM json_populate_recordset(NULL::${t}, ${JSON.stringify(rows)}::json)`);
  await tx.run(sql`ALTER TABLE ${g} ADD PRIMARY KEY (${key})`);
  const cols = sql.raw(columns.join(', '));
  const gcols = sql.raw(columns.map((c) => `g.${c}`).join(', '));
  const tcols = sql.raw(columns.map((c) => `x.${c}`).join(', '));
  const counts = await tx.one<{ created: number; updated: number }>(sql`SELECT
      (SELECT count(*)::int FROM ${g} g WHERE NOT EXISTS (SELECT 1 FROM ${t} x WHERE x.${key} = g.${key})) AS created,
      (SELECT count(*)::int FROM ${g} g JOIN ${t} x ON x.${key} = g.${key} WHERE (${gcols}) IS DISTINCT FROM (${tcols})) AS updated`);
  const set = sql.raw(
    columns
      .filter((c) => c !== pk)
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', '),
  );
  const excluded = sql.raw(columns.map((c) => `EXCLUDED.${c}`).join(', '));
  const current = sql.raw(columns.map((c) => `${table}.${c}`).join(', '));
  await tx.run(sql`INSERT INTO ${t} (${cols}) SELECT ${cols} FROM ${g}
    ON CONFLICT (${key}) DO UPDATE SET ${set} WHERE (${current}) IS DISTINCT FROM (${excluded})`);
  return counts;
}

export async function writeGeography(tx: Queryable, geo: Geography): Promise<GeographyReport> {
  const report: GeographyReport = {
    regions: { created: 0, updated: 0, removed: 0 },
    departements: { created: 0, updated: 0, removed: 0 },
    epci: { created: 0, updated: 0, removed: 0 },
    communes: { created: 0, updated: 0, removed: 0 },
    formerCodes: { created: 0, updated: 0, removed: 0 },
    authorities: { created: 0, updated: 0, removed: 0, kept: [] },
    territories: { added: 0, removed: 0 },
    mergersFollowed: [],
    missionsLocalesRecomputed: 0,
    totals: { communes: geo.communes.length, epci: geo.epci.length, authorities: geo.authorities.length },
    durationMs: 0,
    cpuMs: 0,
  };

  // 1. Reference tables, parents first.
  Object.assign(
    report.regions,
    await stageAndUpsert(
      tx,
      'regions',
      'code',
      ['code', 'name', 'type_liaison', 'zone', 'chef_lieu'],
      geo.regions,
    ),
  );
  Object.assign(
    report.departements,
    await stageAndUpsert(
      tx,
      'departements',
      'code',
      ['code', 'name', 'region_code', 'type_liaison', 'zone', 'chef_lieu'],
      geo.departements,
    ),
  );
  Object.assign(
    report.epci,
    await stageAndUpsert(tx, 'epci', 'siren', ['siren', 'name', 'nature', 'population'], geo.epci),
  );
  Object.assign(
    report.communes,
    await stageAndUpsert(
      tx,
      'communes',
      'insee',
      [
        'insee',
        'name',
        'departement_code',
        'region_code',
        'epci_siren',
        'population',
        'zone',
        'siren',
        'postal_codes',
      ],
      geo.communes,
    ),
  );

  // 2. Former codes: the new table of the COG, plus the chains we knew (A→B then B→C gives A→C).
  await tx.run(sql`CREATE TEMP TABLE g_former ON COMMIT DROP AS
    SELECT * FROM json_populate_recordset(NULL::commune_former_codes, ${JSON.stringify(geo.formerCodes)}::json)`);
  // Communes that disappear: where did they go?
  const gone = await tx.many<{ insee: string; successor: string | null }>(sql`
    SELECT c.insee, f.insee AS successor FROM communes c
    LEFT JOIN g_former f ON f.former_insee = c.insee
    WHERE NOT EXISTS (SELECT 1 FROM g_communes g WHERE g.insee = c.insee)`);
  for (const { insee, successor } of gone) {
    if (successor) {
      report.mergersFollowed.push({ former: insee, insee: successor });
      await tx.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
        SELECT organisation_id, ${successor}, coverage FROM organisation_communes WHERE commune_insee = ${insee}
        ON CONFLICT (organisation_id, commune_insee) DO NOTHING`);
      await tx.run(
        sql`UPDATE organisations SET seat_insee = ${successor}, updated_at = now() WHERE seat_insee = ${insee}`,
      );
    }
    await tx.run(sql`DELETE FROM organisation_communes WHERE commune_insee = ${insee}`);
  }
  // Older former codes that pointed at a commune that is now gone follow it too.
  await tx.run(sql`INSERT INTO g_former (former_insee, insee, kind)
    SELECT o.former_insee, f.insee, o.kind FROM commune_former_codes o JOIN g_former f ON f.former_insee = o.insee
    WHERE NOT EXISTS (SELECT 1 FROM g_former x WHERE x.former_insee = o.former_insee)
      AND NOT EXISTS (SELECT 1 FROM g_communes c WHERE c.insee = o.former_insee)`);
  const fc = await tx.one<Counts>(sql`SELECT
    (SELECT count(*)::int FROM g_former g WHERE NOT EXISTS (SELECT 1 FROM commune_former_codes x WHERE x.former_insee = g.former_insee)) AS created,
    (SELECT count(*)::int FROM g_former g JOIN commune_former_codes x USING (former_insee) WHERE (g.insee, g.kind) IS DISTINCT FROM (x.insee, x.kind)) AS updated,
    (SELECT count(*)::int FROM commune_former_codes x WHERE NOT EXISTS (SELECT 1 FROM g_former g WHERE g.former_insee = x.former_insee)) AS removed`);
  report.formerCodes = fc;
  await tx.run(
    sql`DELETE FROM commune_former_codes x WHERE NOT EXISTS (SELECT 1 FROM g_former g WHERE g.former_insee = x.former_insee)`,
  );

  // 3. Removals, children first.
  report.communes.removed = await tx.run(
    sql`DELETE FROM communes x WHERE NOT EXISTS (SELECT 1 FROM g_communes g WHERE g.insee = x.insee)`,
  );
  await tx.run(sql`INSERT INTO commune_former_codes (former_insee, insee, kind) SELECT former_insee, insee, kind FROM g_former
    ON CONFLICT (former_insee) DO UPDATE SET insee = EXCLUDED.insee, kind = EXCLUDED.kind
    WHERE (commune_former_codes.insee, commune_former_codes.kind) IS DISTINCT FROM (EXCLUDED.insee, EXCLUDED.kind)`);
  report.epci.removed = await tx.run(
    sql`DELETE FROM epci x WHERE NOT EXISTS (SELECT 1 FROM g_epci g WHERE g.siren = x.siren)`,
  );
  report.departements.removed = await tx.run(
    sql`DELETE FROM departements x WHERE NOT EXISTS (SELECT 1 FROM g_departements g WHERE g.code = x.code)`,
  );
  report.regions.removed = await tx.run(
    sql`DELETE FROM regions x WHERE NOT EXISTS (SELECT 1 FROM g_regions g WHERE g.code = x.code)`,
  );

  // 4. Local authorities (organisations managed by this import: source 'cog').
  await writeAuthorities(tx, geo, report);

  // 5. Missions Locales whose territory is approximated from their seat's EPCI follow it.
  report.missionsLocalesRecomputed = await refreshApproximateCoverage(tx);
  // Fresh statistics, so the planner uses the autocomplete and territory indexes at once.
  await tx.exec(
    'ANALYZE communes; ANALYZE commune_former_codes; ANALYZE organisation_communes; ANALYZE organisations',
  );

  const { durationMs: _d, cpuMs: _c, mergersFollowed, authorities, ...counts } = report;
  await audit(
    tx,
    { actor: { kind: 'system', label: 'passerelle import geography' } },
    {
      action: 'territory.geography_imported',
      entityType: 'geography',
      entityId: 'cog',
      after: { ...counts, authorities: { ...authorities }, mergersFollowed: mergersFollowed.length },
    },
  );
  return report;
}

async function writeAuthorities(tx: Queryable, geo: Geography, report: GeographyReport) {
  await tx.run(sql`CREATE TEMP TABLE g_auth ON COMMIT DROP AS
    SELECT * FROM json_to_recordset(${JSON.stringify(geo.authorities)}::json) AS x(
      level text, code text, name text, short_name text, siren text, seat_insee text,
      departement_code text, region_code text, communes text[])`);
  await tx.run(sql`ALTER TABLE g_auth ADD PRIMARY KEY (level, code)`);
  const cols = ['name', 'siren', 'seat_insee', 'departement_code', 'region_code'];
  const g = sql.raw(cols.map((c) => `g.${c}`).join(', '));
  const o = sql.raw(cols.map((c) => `o.${c}`).join(', '));
  const counts = await tx.one<{ created: number; updated: number }>(sql`SELECT
    (SELECT count(*)::int FROM g_auth g WHERE NOT EXISTS (SELECT 1 FROM organisations o
       WHERE o.kind = 'local_authority' AND o.level = g.level AND o.code = g.code)) AS created,
    (SELECT count(*)::int FROM g_auth g JOIN organisations o ON o.kind = 'local_authority' AND o.level = g.level AND o.code = g.code
       WHERE (${g}, 'cog') IS DISTINCT FROM (${o}, o.source)) AS updated`);
  report.authorities.created = counts.created;
  report.authorities.updated = counts.updated;

  await tx.run(sql`INSERT INTO organisations (kind, level, code, name, short_name, siren, seat_insee, departement_code, region_code, source)
    SELECT 'local_authority', level, code, name, short_name, siren, seat_insee, departement_code, region_code, 'cog' FROM g_auth
    ON CONFLICT (kind, coalesce(level, ''), code) WHERE code IS NOT NULL DO UPDATE SET
      name = EXCLUDED.name, short_name = coalesce(EXCLUDED.short_name, organisations.short_name),
      siren = EXCLUDED.siren, seat_insee = EXCLUDED.seat_insee, departement_code = EXCLUDED.departement_code,
      region_code = EXCLUDED.region_code, source = 'cog', updated_at = now()
    WHERE (organisations.name, organisations.siren, organisations.seat_insee, organisations.departement_code,
           organisations.region_code, organisations.source)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.siren, EXCLUDED.seat_insee, EXCLUDED.departement_code,
           EXCLUDED.region_code, 'cog')`);

  // Authorities that no longer exist (a merged commune, a dissolved EPCI): removed, unless
  // people or other records depend on them; then kept, without territory, and reported.
  const stale = await tx.many<{ id: string; name: string; members: boolean }>(sql`
    SELECT o.id, o.name, EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id) AS members
    FROM organisations o
    WHERE o.kind = 'local_authority' AND o.source = 'cog'
      AND NOT EXISTS (SELECT 1 FROM g_auth g WHERE g.level = o.level AND g.code = o.code)`);
  for (const s of stale) {
    await tx.run(sql`DELETE FROM organisation_communes WHERE organisation_id = ${s.id}`);
    let deleted = false;
    if (!s.members) {
      await tx.run(sql`SAVEPOINT drop_authority`);
      try {
        deleted = (await tx.run(sql`DELETE FROM organisations WHERE id = ${s.id}`)) === 1;
        await tx.run(sql`RELEASE SAVEPOINT drop_authority`);
      } catch {
        await tx.run(sql`ROLLBACK TO SAVEPOINT drop_authority`);
      }
    }
    if (deleted) report.authorities.removed++;
    else {
      report.authorities.kept.push(s.name);
      await tx.run(
        sql`UPDATE organisations SET source = 'cog-removed', updated_at = now() WHERE id = ${s.id}`,
      );
    }
  }

  // Territories of the authorities: exactly the communes the COG gives them.
  await tx.run(sql`CREATE TEMP TABLE g_terr ON COMMIT DROP AS
    SELECT o.id AS organisation_id, unnest(g.communes) AS commune_insee
    FROM g_auth g JOIN organisations o ON o.kind = 'local_authority' AND o.level = g.level AND o.code = g.code`);
  await tx.run(sql`ALTER TABLE g_terr ADD PRIMARY KEY (organisation_id, commune_insee)`);
  report.territories.removed = await tx.run(sql`DELETE FROM organisation_communes oc
    USING organisations o
    WHERE oc.organisation_id = o.id AND o.kind = 'local_authority' AND o.source = 'cog'
      AND NOT EXISTS (SELECT 1 FROM g_terr t WHERE t.organisation_id = oc.organisation_id AND t.commune_insee = oc.commune_insee)`);
  report.territories.added =
    await tx.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
    SELECT organisation_id, commune_insee, 'declared' FROM g_terr
    ON CONFLICT (organisation_id, commune_insee) DO NOTHING`);
}

/** Plain-French summary of a report, for the CLI. */
export function formatGeographyReport(r: GeographyReport): string {
  const line = (label: string, c: Counts) =>
    `${label.padEnd(22)} créés ${c.created}, mis à jour ${c.updated}, supprimés ${c.removed}`;
  const lines = [
    line('Régions', r.regions),
    line('Départements', r.departements),
    line('EPCI', r.epci),
    line('Communes', r.communes),
    line('Anciens codes', r.formerCodes),
    line('Collectivités', r.authorities),
    `Territoires des collectivités : ${r.territories.added} liens ajoutés, ${r.territories.removed} retirés`,
    `Fusions de communes suivies : ${r.mergersFollowed.length}`,
    `Missions Locales au territoire approximatif recalculé : ${r.missionsLocalesRecomputed}`,
    `Total : ${r.totals.communes} communes, ${r.totals.epci} EPCI, ${r.totals.authorities} collectivités`,
    `Durée : ${(r.durationMs / 1000).toFixed(1)} s (temps processeur : ${(r.cpuMs / 1000).toFixed(1)} s)`,
  ];
  if (r.authorities.kept.length)
    lines.push(
      `Collectivités disparues conservées (elles ont des membres ou des données liées) : ${r.authorities.kept.join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}
