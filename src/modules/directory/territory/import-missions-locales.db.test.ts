import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../../tests/helpers/db.js';
import { sql } from '../../../db/sql.js';
import { tinyCog } from './fixtures/tiny-cog.js';
import { importGeography } from './import-geography.js';
import { importMissionsLocales } from './import-missions-locales.js';

const fixture = (name: string) => ({
  name,
  content: readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'),
});

for (const kind of DB_KINDS) {
  describe(`import missions-locales on a tiny geography (${kind})`, () => {
    let app: TestApp;
    const served = async (code: string) =>
      app.db.many<{ commune_insee: string; coverage: string }>(sql`SELECT oc.commune_insee, oc.coverage
        FROM organisation_communes oc JOIN organisations o ON o.id = oc.organisation_id
        WHERE o.kind = 'mission_locale' AND o.code = ${code} ORDER BY 1`);
    const mlCount = async () =>
      (
        await app.db.one<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'mission_locale'`,
        )
      ).n;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      await importGeography(app.db, tinyCog());
    });
    afterAll(async () => {
      await app?.close();
    });

    it('Passerelle CSV: every rejected row is reported with its line and reason, and nothing is imported', async () => {
      const r = await importMissionsLocales(app.db, {
        format: 'csv',
        files: [fixture('modele-missions-locales-invalide.csv')],
      });
      expect(r.imported).toBe(false);
      expect(r.rejected.map((x) => x.where)).toEqual(['ligne 2', 'ligne 3', 'ligne 5', 'ligne 4']);
      expect(r.rejected[0].reason).toMatch(/SIRET « 43012526000018 » invalide/);
      expect(r.rejected[1].reason).toMatch(/nom absent/);
      expect(r.rejected[2].reason).toMatch(/courriel « pas-une-adresse » invalide.*mal formé\(s\) 1A/);
      expect(r.rejected[3].reason).toMatch(/commune du siège introuvable.*01099/);
      expect(await mlCount()).toBe(0);
      expect(await app.db.many(sql`SELECT 1 FROM organisations WHERE kind = 'regional_association'`)).toEqual(
        [],
      );
    });

    it('--partial imports the valid rows; a dry run writes nothing but tells what would change', async () => {
      const files = [fixture('modele-missions-locales-invalide.csv')];
      const dry = await importMissionsLocales(app.db, { format: 'csv', files, partial: true, dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, imported: false, created: 1, accepted: 1 });
      expect(await mlCount()).toBe(0);
      const r = await importMissionsLocales(app.db, { format: 'csv', files, partial: true });
      expect(r).toMatchObject({ imported: true, created: 1, accepted: 1 });
      expect(r.rejected).toHaveLength(4);
      expect(await served('01004S00')).toEqual([{ commune_insee: '01004', coverage: 'declared' }]);
      // UNML, CUF and the 15 regional associations now exist.
      const nets = await app.db.many<{ kind: string; n: number }>(
        sql`SELECT kind, count(*)::int AS n FROM organisations WHERE source = 'reference' GROUP BY kind ORDER BY kind`,
      );
      expect(nets).toEqual([
        { kind: 'cuf', n: 1 },
        { kind: 'regional_association', n: 15 },
        { kind: 'unml', n: 1 },
      ]);
    });

    it('Passerelle CSV: declared communes, or the seat’s EPCI as an approximation', async () => {
      const r = await importMissionsLocales(app.db, {
        format: 'csv',
        files: [fixture('modele-missions-locales.csv')],
      });
      expect(r.rejected).toEqual([]);
      expect(r).toMatchObject({ created: 1, updated: 1 });
      expect(await served('01001S00')).toEqual([
        { commune_insee: '01001', coverage: 'declared' },
        { commune_insee: '01002', coverage: 'declared' },
        { commune_insee: '01003', coverage: 'declared' },
      ]);
      // The Delta ML had declared 01004 in the first file: no communes now → kept as declared.
      expect(await served('01004S00')).toEqual([{ commune_insee: '01004', coverage: 'declared' }]);
      const again = await importMissionsLocales(app.db, {
        format: 'csv',
        files: [fixture('modele-missions-locales.csv')],
      });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    });

    it('Annuaire de l’administration: mission_locale records joined with the geographic competence', async () => {
      await app.db.run(sql`DELETE FROM organisations WHERE kind = 'mission_locale'`);
      const r = await importMissionsLocales(app.db, {
        format: 'annuaire',
        files: [fixture('annuaire-missions-locales.json'), fixture('annuaire-competence-geographique.json')],
        partial: true,
      });
      // The mairie record is not a Mission Locale.
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0]).toMatchObject({ where: 'enregistrement 3' });
      expect(r.rejected[0].reason).toMatch(/mairie, pas une Mission Locale/);
      expect(r.created).toBe(2);
      const ml = await app.db.one<any>(sql`SELECT name, siret, email, website, address, seat_insee, code
        FROM organisations WHERE kind = 'mission_locale' AND siret = '43012526000017'`);
      expect(ml).toEqual({
        name: 'Mission locale des Lettres',
        siret: '43012526000017',
        email: 'contact@ml-lettres.example.fr',
        website: 'https://ml-lettres.example.fr',
        address: '12 rue de la Mairie, 01400 Alpha',
        seat_insee: '01001',
        code: '01001S00',
      });
      expect((await served('01001S00')).map((x) => `${x.commune_insee}:${x.coverage}`)).toEqual([
        '01001:declared',
        '01002:declared',
        '01003:declared',
      ]);
      // No competence rows for the Delta ML: approximated by its seat's EPCI.
      expect(await served('01004S00')).toEqual([{ commune_insee: '01004', coverage: 'approximate' }]);
    });

    it('an ML whose seat’s commune was merged follows the merger; approximate territories follow the EPCI', async () => {
      await importGeography(app.db, tinyCog({ merged: true }));
      const res = await app.anonymous().get('/api/v1/territories/communes/01004');
      const body = await res.json();
      expect(body.missionsLocales).toEqual([
        expect.objectContaining({ name: 'Mission locale du Delta', coverage: 'approximate' }),
      ]);
      expect(await served('01001S00')).toEqual([
        { commune_insee: '01001', coverage: 'declared' },
        { commune_insee: '01003', coverage: 'declared' },
      ]);
    });
  });
}
