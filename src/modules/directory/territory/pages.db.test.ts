import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../../tests/helpers/db.js';
import { anOrganisation, aUser } from '../../../../tests/helpers/fixtures.js';
import { sql } from '../../../db/sql.js';
import { tinyCog } from './fixtures/tiny-cog.js';
import { importGeography } from './import-geography.js';

for (const kind of DB_KINDS) {
  describe(`territory pages (${kind})`, () => {
    let app: TestApp;
    let mlId: string;
    let adminId: string;
    let networkAdminId: string;
    beforeAll(async () => {
      app = await createTestApp({ kind });
      await importGeography(app.db, tinyCog());
      const ml = await anOrganisation(app.db, {
        kind: 'mission_locale',
        name: 'Mission Locale des Lettres',
        code: '01001S00',
      });
      mlId = ml.id;
      await app.db.run(sql`UPDATE organisations SET seat_insee = '01001' WHERE id = ${mlId}`);
      await app.db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
        VALUES (${mlId}, '01001', 'approximate'), (${mlId}, '01002', 'approximate')`);
      adminId = (await aUser(app.db, { memberOf: [{ organisationId: mlId, role: 'admin' }] })).id;
      networkAdminId = (await aUser(app.db, { globalRole: 'network_admin', network: 'unml' })).id;
    });
    afterAll(async () => {
      await app?.close();
    });
    const served = async () =>
      app.db.many<{ commune_insee: string; coverage: string }>(
        sql`SELECT commune_insee, coverage FROM organisation_communes WHERE organisation_id = ${mlId} ORDER BY 1`,
      );

    it('an ML admin sees the approximate territory, adds a commune by name and an EPCI; all becomes declared', async () => {
      const client = await app.as(adminId);
      const { res, html } = await client.page(`/organisations/${mlId}/territoire`);
      expect(res.status).toBe(200);
      expect(html).toContain('Territoire approximatif');
      expect(html).toContain('Bêta');

      const bad = await client.postForm(`/organisations/${mlId}/territoire`, {
        action: 'ajouter',
        communes: 'Nulle-Part\n99999',
      });
      expect(bad.status).toBe(422);
      const badHtml = await bad.text();
      expect(badHtml).toContain('« Nulle-Part » : aucune commune de ce nom');
      expect(badHtml).toContain('« 99999 » : aucune commune ne porte ce code INSEE');
      expect(await served()).toEqual([
        { commune_insee: '01001', coverage: 'approximate' },
        { commune_insee: '01002', coverage: 'approximate' },
      ]);

      const ok = await client.postForm(`/organisations/${mlId}/territoire`, {
        action: 'ajouter',
        communes: 'gamma',
      });
      expect(ok.status).toBe(303);
      expect(await served()).toEqual([
        { commune_insee: '01001', coverage: 'declared' },
        { commune_insee: '01002', coverage: 'declared' },
        { commune_insee: '01003', coverage: 'declared' },
      ]);
      await client.postForm(`/organisations/${mlId}/territoire`, {
        action: 'ajouter_epci',
        epci: 'CC du Delta',
      });
      await client.postForm(`/organisations/${mlId}/territoire`, {
        action: 'retirer',
        retirer: ['01002', '01003'],
      });
      expect((await served()).map((x) => x.commune_insee)).toEqual(['01001', '01004']);
      const audits = await app.db.many<{ actor_user_id: string }>(
        sql`SELECT actor_user_id FROM audit_log WHERE action = 'organisation.territory_edited' AND organisation_id = ${mlId}`,
      );
      expect(audits).toHaveLength(3);
      expect(audits.every((a) => a.actor_user_id === adminId)).toBe(true);
    });

    it('a network admin imports a CSV from the browser: dry run first, then for real', async () => {
      const client = await app.as(networkAdminId);
      const { html } = await client.page('/admin/import/missions-locales');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
      const form = (dry: boolean) => {
        const f = new FormData();
        f.set('_csrf', csrf);
        f.set('format', 'csv');
        if (dry) f.set('simulation', '1');
        f.set(
          'fichiers',
          new File(
            [
              'nom;code_insee_siege;communes_desservies\nMission Locale du Delta;01004;01004\nSans siège;01099;\n',
            ],
            'modele.csv',
            { type: 'text/csv' },
          ),
        );
        return f;
      };
      const dry = await client.request('/admin/import/missions-locales', {
        method: 'POST',
        body: form(true),
      });
      const dryHtml = await dry.text();
      expect(dry.status).toBe(200);
      expect(dryHtml).toContain('Simulation : rien n’a été enregistré');
      expect(dryHtml).toContain('commune du siège introuvable');
      expect(dryHtml).toContain('en l’état, rien ne serait importé');
      expect(dryHtml).toContain('Missions Locales créées : 1 ;');
      expect(await app.db.many(sql`SELECT 1 FROM organisations WHERE code = '01004S00'`)).toEqual([]);

      const real = await client.request('/admin/import/missions-locales', {
        method: 'POST',
        body: form(false),
      });
      expect(real.status).toBe(422); // a rejected row, and "partial" not ticked: nothing imported
      expect(await real.text()).toContain('Rien n’a été importé');
      expect(await app.db.many(sql`SELECT 1 FROM organisations WHERE code = '01004S00'`)).toEqual([]);
    });
  });
}
