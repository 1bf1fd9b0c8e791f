import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/helpers/app.js';
import { sql } from '../../../db/sql.js';
import { PROJECT_ROOT } from '../../../paths.js';
import { importBuiltinMissionsLocales } from './builtin-missions-locales.js';
import { type GeographyReport, importGeography } from './import-geography.js';
import { importMissionsLocales } from './import-missions-locales.js';

/**
 * The real thing: the full COG 2026 from the npm package, and the real I-Milo list from
 * ../shared/data (CI copies shared/ beside the clone). The I-Milo part is skipped only when
 * that folder is absent (a clone without shared data); the geography always runs. PGlite
 * only: the PostgreSQL run of the same SQL is covered by the tiny-geography tests, and the
 * national import costs ~15 s of a 2-core machine.
 */
const SHARED = join(PROJECT_ROOT, '..', 'shared', 'data', 'missions_locales');
const IMILO_CSV = join(SHARED, 'missions_locales_imilo_structures_2023.csv');
const IMILO_JSON = join(SHARED, 'passemploi_referentiel_structures_milo.json');

let app: TestApp;
let first: GeographyReport;

beforeAll(async () => {
  app = await createTestApp();
  first = await importGeography(app.db);
}, 900_000);
afterAll(async () => {
  await app?.close();
});

const commune = async (code: string) => {
  const res = await app.anonymous().get(`/api/v1/territories/communes/${code}`);
  return { status: res.status, body: await res.json() };
};
const levels = (body: any) => body.authorities.map((a: any) => `${a.level}:${a.name}`);

describe('national geography (COG 2026)', () => {
  it('imports every current commune, EPCI, département and région, timed', () => {
    expect(first.communes.created).toBe(34969);
    expect(first.epci.created).toBe(1255);
    expect(first.departements.created).toBe(109);
    expect(first.regions.created).toBe(26);
    expect(first.authorities.created).toBe(36345);
    console.info(`[bench] import geography (PGlite): ${first.durationMs} ms wall, ${first.cpuMs} ms CPU`);
    // Target < 30 s on an idle 2-core machine. Wall time depends on what else runs on the
    // shared cores, so the budget is checked on the CPU time this import used (PGlite runs
    // in this process); the wall-time bound only catches a hang. Since ADR 0050 the import is
    // ~300 small transactions (pages keep answering): measured 30–35 s of CPU on these shared,
    // overloaded cores (load average ~20), hence the looser bound.
    expect(first.cpuMs).toBeLessThan(45_000);
    expect(first.durationMs).toBeLessThan(900_000);
  });

  it('Paris (75056): Ville de Paris, Métropole du Grand Paris, Région Île-de-France — no Département de Paris', async () => {
    const { status, body } = await commune('75056');
    expect(status).toBe(200);
    expect(levels(body)).toEqual([
      'metropole_statut_particulier:Métropole du Grand Paris',
      'collectivite_statut_particulier:Ville de Paris',
      'region:Région Île-de-France',
    ]);
    expect(body.departement).toEqual({ code: '75', name: 'Paris' });
    expect(body.epci).toMatchObject({ siren: '200054781' });
  });

  it('a municipal arrondissement answers for its commune, and says so', async () => {
    const { body } = await commune('69382');
    expect(body.insee).toBe('69123');
    expect(body.resolvedFrom).toEqual({ code: '69382', kind: 'arrondissement_municipal' });
    expect(levels(body)).toContain('collectivite_statut_particulier:Métropole de Lyon');
    expect(levels(body).some((l: string) => l.startsWith('departement:'))).toBe(false);
  });

  it('Bastia (2B033): Collectivité de Corse', async () => {
    const { body } = await commune('2b033');
    expect(body.name).toBe('Bastia');
    expect(levels(body)).toContain('collectivite_statut_particulier:Collectivité de Corse');
    expect(levels(body).some((l: string) => l.startsWith('region:') || l.startsWith('departement:'))).toBe(
      false,
    );
  });

  it('malformed → 400, unknown → 404, in French', async () => {
    const bad = await commune('7505');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/code INSEE « 7505 » n’est pas valide/);
    const unknown = await commune('99999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/Aucune commune/);
  });

  it('autocomplete ignores accents, case and hyphens, and answers fast', async () => {
    const client = app.anonymous();
    const get = async (q: string) =>
      (await (await client.get(`/api/v1/territories/communes?q=${encodeURIComponent(q)}`)).json()).items;
    expect((await get('saint etienne'))[0]).toMatchObject({ insee: '42218', name: 'Saint-Étienne' });
    expect((await get('ÉVRY'))[0].name).toMatch(/^Évry/);
    expect((await get('75056'))[0].name).toBe('Paris');
    expect((await get('2A004'))[0].name).toBe('Ajaccio');
    expect(await get('zzzzqx')).toEqual([]);
    expect((await client.get('/api/v1/territories/communes?q=')).status).toBe(400);
    const times: number[] = [];
    const queries = ['par', 'lyo', 'mars', 'saint', 'bor', 'nan', 'tou', 'le', 'la', 'str'];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      await get(queries[i % queries.length]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)];
    console.info(
      `[bench] commune autocomplete (PGlite, in-process): p50 ${times[30].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
    );
    // Target p95 < 30 ms (npm run bench); a looser bound here, the cores being shared.
    expect(p95).toBeLessThan(150);
  });

  it('a second import changes nothing', async () => {
    const again = await importGeography(app.db);
    expect(again.communes).toEqual({ created: 0, updated: 0, removed: 0 });
    expect(again.authorities).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(again.territories).toEqual({ added: 0, removed: 0 });
  }, 180_000);
});

// Skipped only when ../shared/data is absent (a clone without the shared reference data).
describe.skipIf(!existsSync(IMILO_CSV) || !existsSync(IMILO_JSON))('real I-Milo structures list', () => {
  const file = (p: string) => ({ name: p.split('/').pop()!, content: readFileSync(p, 'utf8') });

  it('CSV: rejects the 4 rows that are not Missions Locales or have no seat, imports nothing without --partial', async () => {
    const r = await importMissionsLocales(app.db, { format: 'imilo', files: [file(IMILO_CSV)] });
    expect(r.read).toBe(450);
    expect(r.imported).toBe(false);
    expect(r.rejected.map((x) => x.where)).toEqual(['ligne 2', 'ligne 41', 'ligne 86', 'ligne 368']);
    expect(r.rejected.map((x) => x.reason.slice(0, 8))).toEqual([
      '99994S00',
      '65441S00',
      '99999S00',
      '97600S00',
    ]);
    expect(
      (
        await app.db.one<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'mission_locale'`,
        )
      ).n,
    ).toBe(0);
  });

  it('CSV with --partial: 446 Missions Locales, arrondissements and former codes resolved', async () => {
    const r = await importMissionsLocales(app.db, {
      format: 'imilo',
      files: [file(IMILO_CSV)],
      partial: true,
    });
    expect(r).toMatchObject({ imported: true, created: 446, accepted: 446 });
    const seat = (code: string) => r.changes.find((c) => c.code === code);
    expect(seat('69382S00')).toMatchObject({
      seatInsee: '69123',
      seatResolution: 'arrondissement_municipal',
    });
    expect(seat('13201S00')).toMatchObject({
      seatInsee: '13055',
      seatResolution: 'arrondissement_municipal',
    });
    expect(seat('50383S00')).toMatchObject({ seatInsee: '50129', seatResolution: 'ancien_code' });
    expect(r.changes.every((c) => c.coverage === 'approximate' && c.communes > 0)).toBe(true);
    console.info(`[bench] import I-Milo CSV: ${r.durationMs} ms`);

    const lyon = await commune('69123');
    expect(lyon.body.missionsLocales).toContainEqual(
      expect.objectContaining({ name: 'Mission Locale de Lyon', coverage: 'approximate' }),
    );
  });

  it('JSON of the same list: nothing new (0 created, 446 unchanged)', async () => {
    const r = await importMissionsLocales(app.db, {
      format: 'imilo',
      files: [file(IMILO_JSON)],
      partial: true,
    });
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 446 });
    expect(r.rejected).toHaveLength(4);
  });
});

describe('the national list of Missions Locales shipped with Passerelle (--builtin)', () => {
  it('loads 448 Missions Locales on the national geography; a second load changes nothing', async () => {
    const before = await app.db.one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'mission_locale'`,
    );
    const r = await importBuiltinMissionsLocales(app.db);
    expect(r).toMatchObject({ imported: true, read: 448, accepted: 448, rejected: [] });
    // The I-Milo tests above may have imported 446 of them from ../shared already: same records.
    expect(r.created).toBe(448 - before.n);
    const after = await app.db.one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'mission_locale'`,
    );
    expect(after.n).toBe(448);
    const mayotte = r.changes.find((c) => c.code === '97600S00');
    expect(mayotte).toMatchObject({ seatInsee: '97611', coverage: 'approximate' });
    const again = await importBuiltinMissionsLocales(app.db);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 448 });
  }, 120_000);
});
