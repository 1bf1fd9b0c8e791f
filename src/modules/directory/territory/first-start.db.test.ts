import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../../tests/helpers/db.js';
import { aUser } from '../../../../tests/helpers/fixtures.js';
import { seedDemo } from '../../../db/seed/demo.js';
import { sql } from '../../../db/sql.js';
import { directoryModule } from '../routes.js';
import type { CogData } from './domain/geography.js';
import { geographyProgress, importGeography, readCog } from './import-geography.js';
import { FIRST_START_JOB, firstStartState, runFirstStartImport } from './jobs.js';

/**
 * The first start in demo mode, on an empty database: the national directory is queued once
 * and imported in the background in small transactions, then the demo is placed in its real
 * territory. Bounded for `npm test`: the real COG 2026 restricted to one région (Nouvelle-
 * Aquitaine, ~4,300 communes) and the real shipped list of Missions Locales (those seated
 * there are imported). The national scale is measured by `npm run bench` and
 * real-data.db.test.ts.
 */
function oneRegion(cog: CogData, region: string): CogData {
  const communes = cog.communes.filter((c) => c.region === region);
  const codes = new Set(communes.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));
  const epci = cog.epci
    .map((e) => ({ ...e, membres: e.membres.filter((m) => codes.has(m.code)) }))
    .filter((e) => e.membres.length > 0);
  return {
    communes,
    epci,
    ept: [],
    departements: cog.departements.filter((d) => d.region === region),
    regions: cog.regions.filter((r) => r.code === region),
  };
}

const count = async (app: TestApp, q: ReturnType<typeof sql>) => (await app.db.one<{ n: number }>(q)).n;

for (const kind of DB_KINDS) {
  describe(`first start in demo mode (${kind})`, () => {
    let app: TestApp;
    const cog = oneRegion(readCog(), '75');
    beforeAll(async () => {
      app = await createTestApp({ kind });
      await seedDemo(app.deps);
    });
    afterAll(() => app?.close());

    it('queues the national import once: a second start queues nothing', async () => {
      await directoryModule.firstDemoStart!(app.deps);
      await directoryModule.firstDemoStart!(app.deps);
      const jobs = await app.db.many<{ status: string }>(
        sql`SELECT status FROM jobs WHERE kind = ${FIRST_START_JOB}`,
      );
      expect(jobs).toEqual([{ status: 'pending' }]);
      expect(await firstStartState(app.db)).toMatchObject({ phase: 'queued' });
      // The job itself imports the whole country; here the same steps run on one région.
      await app.db.run(sql`DELETE FROM jobs WHERE kind = ${FIRST_START_JOB}`);
    });

    it('imports the geography in small transactions with progress, then the shipped Missions Locales, then places the demo in Grand Poitiers', async () => {
      const state = await runFirstStartImport(app.db, cog);
      expect(state.phase).toBe('done');
      const progress = (await geographyProgress(app.db))!;
      expect(progress.status).toBe('done');
      expect(progress.total).toBeGreaterThan(15); // many small transactions, not one
      expect(progress.done).toBe(progress.total);
      expect(await count(app, sql`SELECT count(*)::int AS n FROM communes`)).toBe(
        cog.communes.filter((c) => c.type === 'commune-actuelle').length,
      );
      // The Missions Locales of the shipped list seated in the région (the others are reported).
      const ml = await count(
        app,
        sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'mission_locale' AND source = 'imilo'`,
      );
      expect(ml).toBeGreaterThan(30);
      expect(state.missionsLocales!.created).toBe(ml);
      const poitou = await app.db.one<{ name: string; n: number }>(sql`SELECT o.name,
          (SELECT count(*)::int FROM organisation_communes oc WHERE oc.organisation_id = o.id) AS n
        FROM organisations o WHERE o.code = '86194S00'`);
      expect(poitou).toEqual({ name: "Mission Locale d'Insertion du Poitou", n: 40 });

      // The demo Mission Locale serves the 40 real communes of Grand Poitiers; demo authorities are there too.
      const demo = await app.db.many<{ code: string; seat_insee: string; n: number; name: string }>(sql`
        SELECT o.code, o.seat_insee, o.name, (SELECT count(*)::int FROM organisation_communes oc WHERE oc.organisation_id = o.id) AS n
        FROM organisations o WHERE o.is_demo AND o.code IN ('DEMO-ML', 'DEMO-EPCI', 'DEMO-COM', 'DEMO-DEP') ORDER BY o.code`);
      expect(demo.map((d) => [d.code, d.seat_insee, d.n])).toEqual([
        ['DEMO-COM', '86194', 1],
        [
          'DEMO-DEP',
          '86194',
          cog.communes.filter((c) => c.departement === '86' && c.type === 'commune-actuelle').length,
        ],
        ['DEMO-EPCI', '86194', 40],
        ['DEMO-ML', '86194', 40],
      ]);
      for (const d of demo) expect(d.name).toMatch(/\(démo\)$/);
      // No real organisation received invented facts: only demo records have profiles.
      expect(
        await count(
          app,
          sql`SELECT count(*)::int AS n FROM organisations WHERE NOT is_demo AND (open_to_partnership OR cuf_member)`,
        ),
      ).toBe(0);
    }, 600_000);

    it('the demo Mission Locale’s matches are the demo authorities of its territory with an international profile', async () => {
      const ml = await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'DEMO-ML'`);
      const member = await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] });
      const res = await (await app.as(member.id)).get(`/api/v1/organisations/${ml.id}/matches`);
      expect(res.status).toBe(200);
      const body = await res.json();
      const names: string[] = JSON.stringify(body).match(/"name":"[^"]+"/g) ?? [];
      expect(names.join(' ')).toContain('Communauté urbaine de démonstration (démo)');
    });

    it('a second run changes nothing; an interrupted geography import resumes where it stopped', async () => {
      const again = await importGeography(app.db, cog);
      expect(again.communes).toEqual({ created: 0, updated: 0, removed: 0 });
      expect(again.authorities).toMatchObject({ created: 0, updated: 0, removed: 0 });
      expect(again.territories).toEqual({ added: 0, removed: 0 });
      // Change one commune's name, then stop after 5 transactions.
      await app.db.run(sql`UPDATE communes SET name = 'Renommée' WHERE insee = '86194'`);
      await app.db.run(sql`DELETE FROM app_meta WHERE key = 'geography_import'`);
      await expect(
        importGeography(app.db, cog, {
          chunkRows: 500,
          onProgress: (p) => {
            if (p.done === 5) throw new Error('arrêt simulé');
          },
        }),
      ).rejects.toThrow('arrêt simulé');
      const stopped = (await geographyProgress(app.db))!;
      expect(stopped).toMatchObject({ status: 'failed', done: 5 });
      const steps: number[] = [];
      await importGeography(app.db, cog, { chunkRows: 500, onProgress: (p) => steps.push(p.done) });
      expect(steps[0]).toBe(5); // resumed, not restarted
      expect((await geographyProgress(app.db))!.status).toBe('done');
      expect(
        (await app.db.one<{ name: string }>(sql`SELECT name FROM communes WHERE insee = '86194'`)).name,
      ).toBe('Poitiers');
    }, 600_000);
  });
}
