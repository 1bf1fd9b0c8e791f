import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { sql } from '../../db/sql.js';

/**
 * Issue 9 §2: the directory's default order puts engaged organisations and Missions
 * Locales before the communes; "mission locale marseille" puts that Mission Locale first
 * and does not list every Mission Locale (all terms required, typo pass only below the
 * relevance floor); "ML", "CD", "CC", "CA", "CU" are understood.
 */
for (const kind of DB_KINDS) {
  describe(`directory ranking and abbreviations (${kind})`, () => {
    let app: TestApp;
    const id: Record<string, string> = {};

    const org = async (key: string, kind: string, level: string | null, name: string) => {
      id[key] = (
        await app.db.one<{ id: string }>(
          sql`INSERT INTO organisations (kind, level, name) VALUES (${kind}, ${level}, ${name}) RETURNING id`,
        )
      ).id;
    };

    beforeAll(async () => {
      app = await createTestApp({ kind });
      // 400 Missions Locales, as many communes, and a few named ones.
      await app.db.run(sql`INSERT INTO organisations (kind, name)
        SELECT 'mission_locale', 'Mission Locale de Ville ' || lpad(i::text, 3, '0') FROM generate_series(1, 400) AS i`);
      await app.db.run(sql`INSERT INTO organisations (kind, level, name, code)
        SELECT 'local_authority', 'commune', 'Aaron-' || lpad(i::text, 3, '0'), 'X' || i FROM generate_series(1, 400) AS i`);
      await org('marseille', 'local_authority', 'commune', 'Marseille');
      await org('marseillan', 'local_authority', 'commune', 'Marseillan');
      await org('mlMarseille', 'mission_locale', null, 'Mission Locale de Marseille');
      await org('mlImilo', 'mission_locale', null, '13-ML MARSEILLE Nord');
      await org('metropole', 'local_authority', 'epci', 'Métropole d’Aix-Marseille-Provence');
      await org('nord', 'local_authority', 'departement', 'Département du Nord');
      await org('gex', 'local_authority', 'epci', 'CC du Pays de Gex');
      await org('avignon', 'local_authority', 'epci', 'CA du Grand Avignon (COGA)');
      await org('dunkerque', 'local_authority', 'epci', 'CU de Dunkerque');
      await org('accous', 'local_authority', 'commune', 'Accous');
      await org('engaged', 'local_authority', 'commune', 'Zuydcoote');
      await org('cuf', 'local_authority', 'commune', 'Zermatt-sur-Loire');
      // Engagement: partner countries only (kept by the 0055 triggers), or CUF membership.
      await app.db.run(
        sql`INSERT INTO organisation_countries (organisation_id, country) VALUES (${id.engaged}, 'SN')`,
      );
      await app.db.run(sql`UPDATE organisations SET cuf_member = true WHERE id = ${id.cuf}`);
    });
    afterAll(() => app.close());

    const search = async (q: string) => {
      const res = await app.anonymous().get(`/api/v1/organisations?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      return { total: body.total as number, names: body.items.map((i: any) => i.name) as string[] };
    };

    it('"mission locale marseille": that Mission Locale first, not the 400 Missions Locales', async () => {
      const r = await search('mission locale marseille');
      expect(r.names[0]).toBe('Mission Locale de Marseille');
      expect(r.total).toBe(2); // and the I-Milo name "13-ML MARSEILLE Nord"
      expect(r.names).toContain('13-ML MARSEILLE Nord');
      const page = await app.anonymous().page('/annuaire?q=mission+locale+marseille');
      expect(page.html).toContain('Mission Locale de Marseille');
      expect(page.html).not.toContain('Ville 001');
    });

    it('"marseille": the commune first; close names ("Marseillan") only when nothing matches exactly (relevance floor)', async () => {
      const exact = await search('marseille');
      expect(exact.names[0]).toBe('Marseille');
      expect(exact.names).not.toContain('Marseillan');
      expect(exact.total).toBe(4);
      const typo = await search('marseile');
      expect(typo.names[0]).toBe('Marseille');
      expect(typo.names).toContain('Mission Locale de Marseille');
    });

    it('abbreviations: ML, CD, CC, CA, CU — and the full phrases find the abbreviated official names', async () => {
      expect((await search('ML Marseille')).names.slice(0, 2).sort()).toEqual([
        '13-ML MARSEILLE Nord',
        'Mission Locale de Marseille',
      ]);
      expect((await search('ML Marseille')).total).toBe(2);
      expect((await search('CD Nord')).names).toEqual(['Département du Nord']);
      expect((await search('conseil départemental du Nord')).names).toEqual(['Département du Nord']);
      expect((await search('CC Gex')).names).toEqual(['CC du Pays de Gex']);
      expect((await search('communauté de communes du pays de gex')).names).toEqual(['CC du Pays de Gex']);
      expect((await search('CA Avignon')).names).toEqual(['CA du Grand Avignon (COGA)']);
      expect((await search("communauté d'agglomération du Grand Avignon")).names).toEqual([
        'CA du Grand Avignon (COGA)',
      ]);
      expect((await search('CU Dunkerque')).names).toEqual(['CU de Dunkerque']);
      // A whole word: "cc" does not find "Accous".
      expect((await search('cc')).names).not.toContain('Accous');
    });

    it('default order: engaged organisations, then Missions Locales, then other authorities, then communes', async () => {
      const first = await search('');
      expect(first.names.slice(0, 2)).toEqual(['Zermatt-sur-Loire', 'Zuydcoote']);
      expect(first.names.slice(2, 20).every((n) => /mission locale|ML/i.test(n))).toBe(true);
      const last = await app.anonymous().get(`/api/v1/organisations?page=${Math.ceil(first.total / 20)}`);
      const lastNames = (await last.json()).items.map((i: any) => i.name);
      expect(lastNames.slice(-3)).toEqual(['Accous', 'Marseillan', 'Marseille']); // communes last
      // An engagement removed is seen at once (trigger), and the order follows.
      await app.db.run(sql`DELETE FROM organisation_countries WHERE organisation_id = ${id.engaged}`);
      expect((await search('')).names.slice(0, 2)).toEqual(['Zermatt-sur-Loire', '13-ML MARSEILLE Nord']);
      await app.db.run(
        sql`INSERT INTO organisation_countries (organisation_id, country) VALUES (${id.engaged}, 'SN')`,
      );
    });

    it('autocomplete understands the abbreviations too', async () => {
      const res = await app.anonymous().get('/api/v1/organisations/autocomplete?q=ml%20marseille');
      const names = (await res.json()).items.map((i: any) => i.name);
      expect(names.sort()).toEqual(['13-ML MARSEILLE Nord', 'Mission Locale de Marseille']);
    });
  });
}
