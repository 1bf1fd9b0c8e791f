import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { sql } from '../../db/sql.js';
import { PROJECT_ROOT } from '../../paths.js';
import { importGeography } from '../directory/territory/import-geography.js';
import { importMissionsLocales } from '../directory/territory/import-missions-locales.js';
import { allMissionLocaleMatches } from './find-matches.js';

/**
 * Matching at national scale: the full COG 2026 (npm package) and the real I-Milo list
 * (../shared/data, skipped when absent). Targets (issue 4): all suggestions for all
 * Missions Locales of France < 2 s; one organisation's list < 50 ms p95. PGlite only (the
 * national import costs ~15 s of a 2-core machine); the bounds asserted leave room for a
 * CI run sharing its cores, the measured figures are printed.
 */
const IMILO_CSV = join(
  PROJECT_ROOT,
  '..',
  'shared',
  'data',
  'missions_locales',
  'missions_locales_imilo_structures_2023.csv',
);
const hasPackage = existsSync(
  join(PROJECT_ROOT, 'node_modules', '@etalab', 'decoupage-administratif', 'data'),
);

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

describe.skipIf(!existsSync(IMILO_CSV) || !hasPackage)(
  'matching on the real geography and Missions Locales',
  () => {
    let app: TestApp;
    let mls: { id: string; name: string }[];

    beforeAll(async () => {
      app = await createTestApp();
      await importGeography(app.db);
      const r = await importMissionsLocales(app.db, {
        format: 'imilo',
        files: [{ name: 'imilo.csv', content: readFileSync(IMILO_CSV, 'utf8') }],
        partial: true,
      });
      expect(r.created).toBe(446);
      // Some engagement so that the profile reads are not empty: every région and département
      // and the cities over 100 000 inhabitants cooperate with a country; half are CUF members.
      await app.db.run(sql`UPDATE organisations o SET cuf_member = (length(o.name) % 2 = 0), open_to_partnership = true
      WHERE o.kind = 'local_authority' AND (o.level IN ('region', 'departement', 'collectivite_unique', 'collectivite_statut_particulier')
        OR (o.level = 'commune' AND o.code IN (SELECT insee FROM communes WHERE population > 100000)))`);
      await app.db.run(sql`INSERT INTO organisation_countries (organisation_id, country)
      SELECT id, (ARRAY['SN', 'MA', 'BF', 'VN', 'HT'])[1 + length(name) % 5] FROM organisations WHERE open_to_partnership`);
      await app.db.run(sql`INSERT INTO organisation_themes (organisation_id, theme_code)
      SELECT id, 'youth_mobility' FROM organisations WHERE cuf_member`);
      await app.db.exec('ANALYZE');
      mls = await app.db.many(
        sql`SELECT id, name FROM organisations WHERE kind = 'mission_locale' ORDER BY code`,
      );
    }, 240_000);
    afterAll(async () => {
      await app?.close();
    });

    it('all suggestions for all Missions Locales of France (target < 2 s)', async () => {
      await allMissionLocaleMatches(app.db, new Date()); // warm-up
      const runs: number[] = [];
      let pairs = 0;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        pairs = (await allMissionLocaleMatches(app.db, new Date())).length;
        runs.push(performance.now() - t0);
      }
      const best = Math.min(...runs);
      console.info(
        `[bench] all ML suggestions (PGlite): ${pairs} pairs, best ${best.toFixed(0)} ms, runs ${runs.map((x) => x.toFixed(0)).join('/')} ms`,
      );
      expect(pairs).toBeGreaterThan(446 * 4); // every ML has at least its communes, EPCI, département, région
      expect(best).toBeLessThan(4000);
    }, 60_000);

    it('one organisation’s list through the API (target p95 < 50 ms): Missions Locales and régions', async () => {
      const client = app.anonymous();
      const regions = await app.db.many<{ id: string }>(
        sql`SELECT id FROM organisations WHERE kind = 'local_authority' AND level = 'region'`,
      );
      const sample = mls.filter((_, i) => i % 4 === 0); // ~112 Missions Locales
      for (const m of sample.slice(0, 5)) await client.get(`/api/v1/organisations/${m.id}/matches`); // warm-up
      const mlTimes: number[] = [];
      for (const m of sample) {
        const t0 = performance.now();
        const res = await client.get(`/api/v1/organisations/${m.id}/matches`);
        await res.json();
        mlTimes.push(performance.now() - t0);
        expect(res.status).toBe(200);
      }
      const regionTimes: number[] = [];
      for (const r of regions) {
        const t0 = performance.now();
        const res = await client.get(`/api/v1/organisations/${r.id}/matches`);
        await res.json();
        regionTimes.push(performance.now() - t0);
      }
      // The bare route of the same server in the same run, so that the figure reads as a
      // ratio whatever the load of the machine (the bench convention of this project).
      const bare: number[] = [];
      for (let i = 0; i < sample.length; i++) {
        const t0 = performance.now();
        await (await client.get('/healthz')).json();
        bare.push(performance.now() - t0);
      }
      console.info(
        `[bench] bare /healthz p95 ${p95(bare).toFixed(1)} ms → ML list p95 = ${(p95(mlTimes) / p95(bare)).toFixed(1)} × the bare route`,
      );
      console.info(
        `[bench] one list via API (PGlite): ML p50 ${[...mlTimes].sort((a, b) => a - b)[mlTimes.length >> 1].toFixed(1)} ms, p95 ${p95(mlTimes).toFixed(1)} ms (n=${mlTimes.length}); région p95 ${p95(regionTimes).toFixed(1)} ms (n=${regionTimes.length})`,
      );
      expect(p95(mlTimes)).toBeLessThan(100);
    }, 120_000);

    it('Lyon: the Métropole de Lyon and the Région Auvergne-Rhône-Alpes cover the Mission Locale de Lyon (approximate territory, said so)', async () => {
      const lyon = mls.find((m) => m.name === 'Mission Locale de Lyon')!;
      const body = await (await app.anonymous().get(`/api/v1/organisations/${lyon.id}/matches`)).json();
      const byName = new Map<string, string[]>(body.items.map((i: any) => [i.organisation.name, i.reasons]));
      // Engagement reasons come first (ADR 0030, 2026-11-29); the territory one says it is approximate.
      expect(byName.get('Région Auvergne-Rhône-Alpes')).toContain(
        'Son territoire couvre 100 % de la population du vôtre (estimation : le territoire de votre Mission Locale n’est pas encore déclaré, on retient l’intercommunalité de son siège).',
      );
      const groups = new Map<string, string>(body.items.map((i: any) => [i.organisation.name, i.group]));
      expect(groups.get('Région Auvergne-Rhône-Alpes')).toBe('suggested');
      expect([...byName.keys()]).toContain('Métropole de Lyon');
      expect([...byName.keys()].some((n) => n.startsWith('Département'))).toBe(false); // no Rhône département over Lyon
    });
  },
);
