import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { tinyCog } from '../directory/territory/fixtures/tiny-cog.js';
import { importGeography } from '../directory/territory/import-geography.js';
import { MIN_SCORE } from './domain/score.js';

/**
 * Issue 9 §2 on a tiny geography (convention art. 2–3): the Mission Locale serves Alpha
 * (100 inhabitants) and Bêta (3 900). Its suggestions are the authorities engaged
 * internationally, best first; those with no known international activity are grouped
 * apart, and an active one under the minimum score too. Past joint projects are read
 * through the projects module (published ones only).
 */
for (const kind of DB_KINDS) {
  describe(`matching order and groups (${kind})`, () => {
    let app: TestApp;
    const org: Record<string, { id: string; name: string }> = {};
    const authority = (level: string, code?: string) =>
      app.db.one<{ id: string; name: string }>(
        sql`SELECT id, name FROM organisations WHERE kind = 'local_authority' AND level = ${level}
          ${code ? sql`AND code = ${code}` : sql.empty} ORDER BY name LIMIT 1`,
      );
    const project = async (title: string, publication: string, partners: string[]) => {
      const p = await app.db.one<{ id: string }>(sql`INSERT INTO projects (title, kind, status, publication)
        VALUES (${title}, 'youth_mobility', 'running', ${publication}) RETURNING id`);
      for (const o of partners)
        await app.db.run(
          sql`INSERT INTO project_partners (project_id, organisation_id) VALUES (${p.id}, ${o})`,
        );
    };

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow(new Date('2026-11-29T09:00:00Z'));
      const cog = tinyCog();
      const pop: Record<string, number> = { '01001': 100, '01002': 3900, '01003': 500, '01004': 500 };
      cog.communes = cog.communes.map((c: any) => ({ ...c, population: pop[c.code] }));
      await importGeography(app.db, cog);
      org.region = await authority('region');
      org.ain = await authority('departement');
      org.epci = await authority('epci');
      org.alpha = await authority('commune', '01001');
      org.beta = await authority('commune', '01002');
      org.ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale des Lettres' });
      await app.db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
        VALUES (${org.ml.id}, '01001', 'declared'), (${org.ml.id}, '01002', 'declared')`);
      // The région: nothing on its profile, but a published project with the ML (past joint project).
      await project('Échange Dakar 2026', 'published', [org.region.id, org.ml.id]);
      // Bêta: a *private* project with the ML — must not show on a public list.
      await project('Projet confidentiel', 'private', [org.beta.id, org.ml.id]);
      // The CC des Lettres: open to partnership.
      await app.db.run(sql`UPDATE organisations SET open_to_partnership = true WHERE id = ${org.epci.id}`);
      // Alpha: one CUF country group, on 2.5 % of the territory: active, but under the minimum score.
      await app.db.run(
        sql`INSERT INTO country_groups (code, name, kind) VALUES ('test_sn', 'Sénégal (test)', 'groupe_pays') ON CONFLICT DO NOTHING`,
      );
      await app.db.run(
        sql`INSERT INTO organisation_country_groups (organisation_id, group_code) VALUES (${org.alpha.id}, 'test_sn')`,
      );
    });
    afterAll(() => app.close());

    it('suggestions first (engagement before territory), then the active one under the minimum, then the authorities without known international activity', async () => {
      const res = await app.anonymous().get(`/api/v1/organisations/${org.ml.id}/matches`);
      expect(res.status).toBe(200);
      const items = (await res.json()).items as any[];
      expect(items.map((i) => [i.organisation.name, i.group, i.score])).toEqual([
        [org.region.name, 'suggested', 10 + 20],
        [org.epci.name, 'suggested', 8 + 20],
        [org.alpha.name, 'below_threshold', 3 + 1],
        [org.ain.name, 'no_known_activity', 20],
        [org.beta.name, 'no_known_activity', 20],
      ]);
      expect(items[2].score).toBeLessThan(MIN_SCORE);
      expect(items[0].reasons).toEqual([
        'Vous menez déjà un projet ensemble sur Passerelle.',
        'Son territoire couvre 100 % de la population du vôtre.',
      ]);
      expect(items[2].reasons[0]).toBe('Elle participe au groupe pays Sénégal (test) de Cités Unies France.');
      // The private project with Bêta is not revealed.
      expect(JSON.stringify(items[4])).not.toContain('projet');
    });

    it('the page: suggestions listed, the two other groups collapsed with their count', async () => {
      const page = await app.anonymous().page(`/organisations/${org.ml.id}/rapprochements`);
      expect(page.res.status).toBe(200);
      const html = page.html;
      expect(html).toContain('2 suggestions');
      expect(html).toMatch(
        /<details class="match-group" id="sans-action-internationale"><summary>Collectivités de votre territoire sans action internationale connue \(2\)<\/summary>/,
      );
      expect(html).toContain(
        `Collectivités actives à l’international avec un score inférieur à ${MIN_SCORE} / 100 (1)`,
      );
      expect(html).not.toMatch(/<details class="match-group"[^>]* open/);
      // The suggestions come before the groups.
      expect(html.indexOf(org.region.name)).toBeLessThan(html.indexOf('sans-action-internationale'));
      expect(html.indexOf(org.beta.name)).toBeGreaterThan(html.indexOf('sans-action-internationale'));
    });

    it('an authority’s list keeps every Mission Locale of its territory as a suggestion', async () => {
      const body = await (await app.anonymous().get(`/api/v1/organisations/${org.alpha.id}/matches`)).json();
      expect(body.items.map((i: any) => [i.organisation.name, i.group])).toEqual([
        ['Mission Locale des Lettres', 'suggested'],
      ]);
    });

    it('a profile change moves an authority between groups at once', async () => {
      await app.db.run(
        sql`INSERT INTO organisation_countries (organisation_id, country) VALUES (${org.beta.id}, 'MA')`,
      );
      const items = (await (await app.anonymous().get(`/api/v1/organisations/${org.ml.id}/matches`)).json())
        .items;
      const beta = items.find((i: any) => i.organisation.id === org.beta.id);
      expect(beta).toMatchObject({ group: 'suggested', score: 8 + 20 });
      expect(beta.reasons[0]).toBe('Elle coopère déjà avec ce pays : Maroc.');
      await app.db.run(sql`DELETE FROM organisation_countries WHERE organisation_id = ${org.beta.id}`);
    });
  });
}
