import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit } from '../../../audit/audit.js';
import type { Db, Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { yieldToRequests } from '../../../http/activity.js';
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

/** Where an import stands, kept in `app_meta` (key `geography_import`) and shown to admins. */
export interface GeographyProgress {
  status: 'running' | 'done' | 'failed';
  /** Transactions committed so far, out of `total`. */
  done: number;
  total: number;
  /** What the last committed transaction did, in French. */
  step: string;
  startedAt: string;
  finishedAt: string | null;
  /** Identifies the data imported: a resumed import skips what was committed for the same data. */
  fingerprint: string;
  error?: string;
  report: GeographyReport;
}

export const GEOGRAPHY_PROGRESS_KEY = 'geography_import';

export interface ImportGeographyOptions {
  /** Rows per transaction (communes; territory links of the authorities). */
  chunkRows?: number;
  /** Pause between two transactions, then wait for the requests in flight: pages keep answering during a background import. */
  pauseMs?: number;
  /** Called after each committed transaction. */
  onProgress?: (p: GeographyProgress) => void;
  actorLabel?: string;
}

/** Reads where the last (or current) geography import stands. */
export async function geographyProgress(db: Queryable): Promise<GeographyProgress | null> {
  const row = await db.maybeOne<{ value: GeographyProgress }>(
    sql`SELECT value FROM app_meta WHERE key = ${GEOGRAPHY_PROGRESS_KEY}`,
  );
  return row?.value ?? null;
}

const emptyReport = (geo: Geography): GeographyReport => ({
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
});

interface Step {
  label: string;
  run: (tx: Queryable, report: GeographyReport) => Promise<void>;
}

const COMMUNE_COLUMNS = [
  'insee',
  'name',
  'departement_code',
  'region_code',
  'epci_siren',
  'population',
  'zone',
  'siren',
  'postal_codes',
];

/** The import as a list of small transactions, in order; each is idempotent. */
function plan(geo: Geography, chunkRows: number, actorLabel: string): Step[] {
  const steps: Step[] = [
    {
      label: 'régions et départements',
      run: async (tx, r) => {
        add(
          r.regions,
          await stageAndUpsert(
            tx,
            'regions',
            'code',
            ['code', 'name', 'type_liaison', 'zone', 'chef_lieu'],
            geo.regions,
          ),
        );
        add(
          r.departements,
          await stageAndUpsert(
            tx,
            'departements',
            'code',
            ['code', 'name', 'region_code', 'type_liaison', 'zone', 'chef_lieu'],
            geo.departements,
          ),
        );
      },
    },
    {
      label: 'EPCI',
      run: async (tx, r) => {
        add(
          r.epci,
          await stageAndUpsert(tx, 'epci', 'siren', ['siren', 'name', 'nature', 'population'], geo.epci),
        );
      },
    },
  ];
  for (let i = 0; i < geo.communes.length; i += chunkRows) {
    const chunk = geo.communes.slice(i, i + chunkRows);
    steps.push({
      label: `communes ${i + 1}–${i + chunk.length} sur ${geo.communes.length}`,
      run: async (tx, r) => {
        add(r.communes, await stageAndUpsert(tx, 'communes', 'insee', COMMUNE_COLUMNS, chunk));
      },
    });
  }
  steps.push({
    label: 'anciens codes, fusions et suppressions',
    run: (tx, r) => reconcile(tx, geo, r),
  });
  // Authorities, grouped so that each transaction writes about `chunkRows` territory links.
  let group: Geography['authorities'] = [];
  let links = 0;
  let first = 0;
  const flush = (end: number) => {
    const rows = group;
    steps.push({
      label: `collectivités ${first + 1}–${end} sur ${geo.authorities.length}`,
      run: (tx, r) => writeAuthorities(tx, rows, r),
    });
    group = [];
    links = 0;
    first = end;
  };
  geo.authorities.forEach((a, i) => {
    if (group.length && links + a.communes.length > chunkRows) flush(i);
    group.push(a);
    links += a.communes.length;
  });
  if (group.length) flush(geo.authorities.length);
  steps.push({
    label: 'collectivités disparues',
    run: (tx, r) => removeStaleAuthorities(tx, geo, r),
  });
  steps.push({
    label: 'territoires approximatifs des Missions Locales',
    run: async (tx, r) => {
      // Missions Locales whose territory is approximated from their seat's EPCI follow it.
      r.missionsLocalesRecomputed = await refreshApproximateCoverage(tx);
      // Fresh statistics, so the planner uses the autocomplete and territory indexes at once.
      await tx.exec(
        'ANALYZE communes; ANALYZE commune_former_codes; ANALYZE organisation_communes; ANALYZE organisations',
      );
      const { durationMs: _d, cpuMs: _c, mergersFollowed, authorities, ...counts } = r;
      await audit(
        tx,
        { actor: { kind: 'system', label: actorLabel } },
        {
          action: 'territory.geography_imported',
          entityType: 'geography',
          entityId: 'cog',
          after: { ...counts, authorities: { ...authorities }, mergersFollowed: mergersFollowed.length },
        },
      );
    },
  });
  return steps;
}

const add = (into: Counts, c: { created: number; updated: number }) => {
  into.created += c.created;
  into.updated += c.updated;
};

const fingerprintOf = (geo: Geography) =>
  createHash('sha256').update(JSON.stringify(geo)).digest('hex').slice(0, 16);

/**
 * `passerelle import geography` and the background import: brings the database to the COG
 * in SMALL transactions (a few hundred milliseconds of work each), so that a server on the
 * embedded database keeps answering while it runs. Idempotent (a second run changes
 * nothing) and resumable: each transaction records how far it got, and an import stopped
 * midway (server stopped, crash) continues from there for the same data. Reports what it
 * created, updated and removed, and follows commune mergers: references to a commune that
 * disappeared (seats, territories) move to the commune that absorbed it.
 */
export async function importGeography(
  db: Db,
  cog: CogData = readCog(),
  opts: ImportGeographyOptions = {},
): Promise<GeographyReport> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const geo = buildGeography(cog);
  const steps = plan(geo, opts.chunkRows ?? 1500, opts.actorLabel ?? 'passerelle import geography');
  const fingerprint = fingerprintOf(geo);
  const previous = await geographyProgress(db);
  // An import stopped midway (process stopped, or a transaction that failed) resumes for the same data.
  const resume =
    !!previous &&
    previous.status !== 'done' &&
    previous.fingerprint === fingerprint &&
    previous.total === steps.length;
  const progress: GeographyProgress = resume
    ? { ...previous!, status: 'running', error: undefined, step: `reprise après : ${previous!.step}` }
    : {
        status: 'running',
        done: 0,
        total: steps.length,
        step: 'début',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        fingerprint,
        report: emptyReport(geo),
      };
  const save = (tx: Queryable) =>
    tx.run(sql`INSERT INTO app_meta (key, value) VALUES (${GEOGRAPHY_PROGRESS_KEY}, ${JSON.stringify(progress)})
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);
  if (!resume) await db.transaction(save);
  opts.onProgress?.(progress);
  try {
    for (let i = progress.done; i < steps.length; i++) {
      const step = steps[i];
      await db.transaction(async (tx) => {
        // Work on a copy: a transaction that fails leaves the counts as committed.
        const report: GeographyReport = structuredClone(progress.report);
        await step.run(tx, report);
        Object.assign(progress, { report, done: i + 1, step: step.label });
        if (i + 1 === steps.length)
          Object.assign(progress, { status: 'done', finishedAt: new Date().toISOString() });
        await save(tx);
      });
      opts.onProgress?.(progress);
      if (opts.pauseMs && i + 1 < steps.length) await yieldToRequests(opts.pauseMs);
    }
  } catch (e) {
    progress.status = 'failed';
    progress.error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    await db.transaction(save).catch(() => {});
    throw e;
  }
  const report = progress.report;
  report.durationMs = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  report.cpuMs = Math.round((used.user + used.system) / 1000);
  return report;
}

type Table = 'regions' | 'departements' | 'epci' | 'communes' | 'commune_former_codes';

/** Upserts rows into `table` in one statement; counts what was created and what changed. */
async function stageAndUpsert(
  tx: Queryable,
  table: Table,
  pk: string,
  columns: string[],
  rows: unknown[],
): Promise<{ created: number; updated: number }> {
  const t = sql.raw(table);
  const key = sql.raw(pk);
  const cols = sql.raw(columns.join(', '));
  const set = sql.raw(
    columns
      .filter((c) => c !== pk)
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', '),
  );
  const excluded = sql.raw(columns.map((c) => `EXCLUDED.${c}`).join(', '));
  const current = sql.raw(columns.map((c) => `${table}.${c}`).join(', '));
  const changed = await tx.many<{ inserted: boolean }>(sql`INSERT INTO ${t} (${cols})
    SELECT ${cols} FROM json_populate_recordset(NULL::${t}, ${JSON.stringify(rows)}::json)
    ON CONFLICT (${key}) DO UPDATE SET ${set} WHERE (${current}) IS DISTINCT FROM (${excluded})
    RETURNING (xmax = 0) AS inserted`);
  const created = changed.filter((r) => r.inserted).length;
  return { created, updated: changed.length - created };
}

/**
 * One transaction: former codes, communes that disappeared (their references follow their
 * successor), then removal of what the COG no longer lists, children first.
 */
async function reconcile(tx: Queryable, geo: Geography, report: GeographyReport) {
  const keys = async (name: string, col: string, values: string[]) => {
    await tx.run(sql`CREATE TEMP TABLE ${sql.raw(name)} ON COMMIT DROP AS
      SELECT DISTINCT unnest(${values}::text[]) AS ${sql.raw(col)}`);
    await tx.run(sql`ALTER TABLE ${sql.raw(name)} ADD PRIMARY KEY (${sql.raw(col)})`);
  };
  await keys(
    'g_communes',
    'insee',
    geo.communes.map((c) => c.insee),
  );
  await keys(
    'g_epci',
    'siren',
    geo.epci.map((e) => e.siren),
  );
  await keys(
    'g_departements',
    'code',
    geo.departements.map((d) => d.code),
  );
  await keys(
    'g_regions',
    'code',
    geo.regions.map((r) => r.code),
  );

  // Former codes: the new table of the COG, plus the chains we knew (A→B then B→C gives A→C).
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

  // Removals, children first.
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
}

/** One transaction: a group of authorities (organisations managed by this import: source 'cog') and their territories. */
async function writeAuthorities(tx: Queryable, rows: Geography['authorities'], report: GeographyReport) {
  const json = JSON.stringify(rows);
  const changed = await tx.many<{ inserted: boolean }>(sql`INSERT INTO organisations
      (kind, level, code, name, short_name, siren, seat_insee, departement_code, region_code, source)
    SELECT 'local_authority', level, code, name, short_name, siren, seat_insee, departement_code, region_code, 'cog'
    FROM json_to_recordset(${json}::json) AS x(level text, code text, name text, short_name text, siren text,
      seat_insee text, departement_code text, region_code text)
    ON CONFLICT (kind, coalesce(level, ''), code) WHERE code IS NOT NULL DO UPDATE SET
      name = EXCLUDED.name, short_name = coalesce(EXCLUDED.short_name, organisations.short_name),
      siren = EXCLUDED.siren, seat_insee = EXCLUDED.seat_insee, departement_code = EXCLUDED.departement_code,
      region_code = EXCLUDED.region_code, source = 'cog', updated_at = now()
    WHERE (organisations.name, organisations.siren, organisations.seat_insee, organisations.departement_code,
           organisations.region_code, organisations.source)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.siren, EXCLUDED.seat_insee, EXCLUDED.departement_code,
           EXCLUDED.region_code, 'cog')
    RETURNING (xmax = 0) AS inserted`);
  const created = changed.filter((r) => r.inserted).length;
  report.authorities.created += created;
  report.authorities.updated += changed.length - created;

  // Territories of these authorities: exactly the communes the COG gives them.
  await tx.run(sql`CREATE TEMP TABLE g_terr ON COMMIT DROP AS
    SELECT o.id AS organisation_id, unnest(x.communes) AS commune_insee
    FROM json_to_recordset(${json}::json) AS x(level text, code text, communes text[])
    JOIN organisations o ON o.kind = 'local_authority' AND o.level = x.level AND o.code = x.code`);
  await tx.run(sql`ANALYZE g_terr`);
  report.territories.removed += await tx.run(sql`DELETE FROM organisation_communes oc
    WHERE oc.organisation_id IN (SELECT DISTINCT organisation_id FROM g_terr)
      AND NOT EXISTS (SELECT 1 FROM g_terr t WHERE t.organisation_id = oc.organisation_id AND t.commune_insee = oc.commune_insee)`);
  report.territories.added +=
    await tx.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
    SELECT organisation_id, commune_insee, 'declared' FROM g_terr
    ON CONFLICT (organisation_id, commune_insee) DO NOTHING`);
}

/**
 * One transaction: authorities that no longer exist (a merged commune, a dissolved EPCI) are
 * removed, unless people or other records depend on them; then kept, without territory, and reported.
 */
async function removeStaleAuthorities(tx: Queryable, geo: Geography, report: GeographyReport) {
  await tx.run(sql`CREATE TEMP TABLE g_auth_keys ON COMMIT DROP AS
    SELECT * FROM unnest(${geo.authorities.map((a) => a.level)}::text[], ${geo.authorities.map((a) => a.code)}::text[]) AS x(level, code)`);
  await tx.run(sql`ALTER TABLE g_auth_keys ADD PRIMARY KEY (level, code)`);
  const stale = await tx.many<{ id: string; name: string; members: boolean }>(sql`
    SELECT o.id, o.name, EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id) AS members
    FROM organisations o
    WHERE o.kind = 'local_authority' AND o.source = 'cog'
      AND NOT EXISTS (SELECT 1 FROM g_auth_keys g WHERE g.level = o.level AND g.code = o.code)`);
  for (const s of stale) {
    report.territories.removed += await tx.run(
      sql`DELETE FROM organisation_communes WHERE organisation_id = ${s.id}`,
    );
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
