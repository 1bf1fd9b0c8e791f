import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../../tests/helpers/db.js';
import { aUser } from '../../../../tests/helpers/fixtures.js';
import { sql } from '../../../db/sql.js';
import { tinyCog as tiny } from './fixtures/tiny-cog.js';
import { importGeography } from './import-geography.js';

for (const kind of DB_KINDS) {
  describe(`import geography — mergers and re-runs (${kind})`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ kind });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('creates, then changes nothing on a second run, then follows a merger through former codes', async () => {
      const db = app.db;
      const first = await importGeography(db, tiny());
      expect(first.communes).toEqual({ created: 4, updated: 0, removed: 0 });
      // 4 communes + 2 EPCI + département + région
      expect(first.authorities).toMatchObject({ created: 8, updated: 0, removed: 0 });

      const again = await importGeography(db, tiny());
      expect(again.communes).toEqual({ created: 0, updated: 0, removed: 0 });
      expect(again.authorities).toMatchObject({ created: 0, updated: 0, removed: 0 });
      expect(again.territories).toEqual({ added: 0, removed: 0 });

      // A Mission Locale seated in Bêta and declaring Bêta and Gamma; Gamma's authority has a member.
      const ml = await db.one<{ id: string }>(sql`INSERT INTO organisations (kind, name, code, seat_insee)
        VALUES ('mission_locale', 'Mission Locale des Lettres', '01002S00', '01002') RETURNING id`);
      await db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
        VALUES (${ml.id}, '01002', 'declared'), (${ml.id}, '01003', 'declared')`);
      const beta = await db.one<{ id: string }>(
        sql`SELECT id FROM organisations WHERE kind = 'local_authority' AND level = 'commune' AND code = '01002'`,
      );
      await aUser(db, { memberOf: [{ organisationId: beta.id, role: 'admin' }] });

      const merged = await importGeography(db, tiny({ merged: true }));
      expect(merged.communes).toEqual({ created: 0, updated: 1, removed: 1 });
      expect(merged.mergersFollowed).toEqual([{ former: '01002', insee: '01001' }]);
      expect(merged.formerCodes.created).toBe(1);
      // Bêta's council no longer exists, but someone belongs to it: kept, reported, no territory.
      expect(merged.authorities.kept).toEqual(['Bêta']);
      const mlAfter = await db.one<{ seat_insee: string }>(
        sql`SELECT seat_insee FROM organisations WHERE id = ${ml.id}`,
      );
      expect(mlAfter.seat_insee).toBe('01001');
      const served = await db.many<{ commune_insee: string; coverage: string }>(
        sql`SELECT commune_insee, coverage FROM organisation_communes WHERE organisation_id = ${ml.id} ORDER BY 1`,
      );
      expect(served).toEqual([
        { commune_insee: '01001', coverage: 'declared' },
        { commune_insee: '01003', coverage: 'declared' },
      ]);
      expect(
        await db.many(sql`SELECT 1 FROM organisation_communes WHERE organisation_id = ${beta.id}`),
      ).toEqual([]);

      // The API answers for the current commune when asked with the former code.
      const res = await app.anonymous().get('/api/v1/territories/communes/01002');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.insee).toBe('01001');
      expect(body.resolvedFrom).toEqual({ code: '01002', kind: 'ancien_code' });
      expect(body.missionsLocales).toEqual([
        { id: ml.id, name: 'Mission Locale des Lettres', coverage: 'declared' },
      ]);
      expect(body.authorities.map((a: any) => a.level)).toEqual(['commune', 'epci', 'departement', 'region']);

      // Audited, once per import.
      const audits = await db.many(
        sql`SELECT 1 FROM audit_log WHERE action = 'territory.geography_imported'`,
      );
      expect(audits).toHaveLength(3);
    });

    it('an authority that disappeared without members is removed', async () => {
      const db = app.db;
      const gamma = await importGeography(db, {
        ...tiny({ merged: true }),
        communes: tiny({ merged: true }).communes.filter((c) => c.code !== '01003'),
        epci: [
          { code: '200000001', nom: 'CC des Lettres', type: 'CC', membres: [{ code: '01001' }] },
          { code: '200000002', nom: 'CC du Delta', type: 'CC', membres: [{ code: '01004' }] },
        ],
      });
      expect(gamma.communes.removed).toBe(1);
      expect(gamma.authorities.removed).toBe(1);
      expect(
        await db.many(sql`SELECT 1 FROM organisations WHERE kind = 'local_authority' AND code = '01003'`),
      ).toEqual([]);
    });
  });
}
