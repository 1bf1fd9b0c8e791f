import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

for (const kind of DB_KINDS) {
  describe(`organisation profiles (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let other: OrgFixture;
    let admin: UserFixture;
    let member: UserFixture;
    let outsider: UserFixture;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Marseille' });
      other = await anOrganisation(app.db, { kind: 'local_authority', level: 'commune', name: 'Aubagne' });
      admin = await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] });
      member = await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'member' }] });
      outsider = await aUser(app.db, { memberOf: [{ organisationId: other.id, role: 'admin' }] });
      const contacts = [
        ['Anne Publique', 'public'],
        ['Paul Partenaire', 'partners'],
        ['Claire Confidentielle', 'confidential'],
      ];
      for (const [i, [name, level]] of contacts.entries())
        await app.db.run(sql`INSERT INTO organisation_contacts (organisation_id, name, email, sharing_level, position)
          VALUES (${ml.id}, ${name}, ${`${level}@ml.fr`}, ${level}, ${i})`);
    });
    afterAll(() => app.close());

    it('shows contacts by sharing level: anonymous → public; signed-in → partners; member → confidential', async () => {
      const anon = await app.anonymous().page(`/organisations/${ml.id}`);
      expect(anon.res.status).toBe(200);
      expect(anon.html).toContain('Anne Publique');
      expect(anon.html).not.toContain('Paul Partenaire');
      expect(anon.html).not.toContain('Claire Confidentielle');

      const signedIn = await (await app.as(outsider.id)).page(`/organisations/${ml.id}`);
      expect(signedIn.html).toContain('Paul Partenaire');
      expect(signedIn.html).not.toContain('Claire Confidentielle');

      const own = await (await app.as(member.id)).page(`/organisations/${ml.id}`);
      expect(own.html).toContain('Claire Confidentielle');
      // Only admins get the edit button.
      expect(own.html).not.toContain(`/organisations/${ml.id}/modifier`);
      const asAdmin = await (await app.as(admin.id)).page(`/organisations/${ml.id}`);
      expect(asAdmin.html).toContain(`/organisations/${ml.id}/modifier`);
      expect(asAdmin.html).toContain(`/organisations/${ml.id}/territoire`);

      const api = await (await app.as(outsider.id)).get(`/api/v1/organisations/${ml.id}`);
      const body = await api.json();
      expect(body.contacts.map((c: any) => c.name)).toEqual(['Anne Publique', 'Paul Partenaire']);
    });

    it('shows the territory: communes served (approximate flagged), département, région and a thumbnail', async () => {
      await app.db.run(
        sql`INSERT INTO regions (code, name) VALUES ('93', 'Provence-Alpes-Côte d''Azur') ON CONFLICT DO NOTHING`,
      );
      await app.db.run(
        sql`INSERT INTO departements (code, name, region_code) VALUES ('13', 'Bouches-du-Rhône', '93') ON CONFLICT DO NOTHING`,
      );
      await app.db.run(sql`INSERT INTO communes (insee, name, departement_code, region_code) VALUES
        ('13055', 'Marseille', '13', '93'), ('13005', 'Aubagne', '13', '93') ON CONFLICT DO NOTHING`);
      await app.db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage) VALUES
        (${ml.id}, '13055', 'declared'), (${ml.id}, '13005', 'approximate')`);
      const { html } = await app.anonymous().page(`/organisations/${ml.id}`);
      expect(html).toContain('2 communes');
      expect(html).toContain('Territoire approximatif');
      expect(html).toContain('Bouches-du-Rhône (13)');
      expect(html).toContain('class="territory-thumbnail"');
      const body = await (await app.anonymous().get(`/api/v1/organisations/${ml.id}`)).json();
      expect(body.territory).toEqual({
        communes: 2,
        approximate: true,
        departements: [{ code: '13', name: 'Bouches-du-Rhône' }],
        regions: [{ code: '93', name: "Provence-Alpes-Côte d'Azur" }],
      });
    });

    it('unknown or malformed ids are 404', async () => {
      expect((await app.anonymous().get('/organisations/pas-un-uuid')).status).toBe(404);
      const res = await app.anonymous().get('/api/v1/organisations/00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    });

    it('the edit form refuses bad input with 422, names the field, keeps the values, writes nothing', async () => {
      const client = await app.as(admin.id);
      const form = await client.page(`/organisations/${ml.id}/modifier`);
      expect(form.res.status).toBe(200);
      expect(form.html).toContain('Anne Publique'); // current contacts prefilled
      const auditBefore = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
      const res = await client.postForm(`/organisations/${ml.id}/modifier`, {
        description: 'Une description gardée',
        website: 'pas-une-adresse',
        countries: 'Sénégal, Atlantide',
        'contacts.0.name': 'Anne Publique',
        'contacts.0.sharingLevel': 'public',
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('error-summary');
      expect(html).toContain('Site web');
      expect(html).toContain('Atlantide');
      expect(html).toContain('Une description gardée');
      const org = await app.db.one<{ description: string | null }>(
        sql`SELECT description FROM organisations WHERE id = ${ml.id}`,
      );
      expect(org.description).toBeNull();
      const auditAfter = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
      expect(auditAfter.n).toBe(auditBefore.n);
    });

    it('an admin edits the profile: data, foreign partner, verification date and history in one go', async () => {
      app.setNow('2026-03-10T10:00:00Z');
      const client = await app.as(admin.id);
      await client.page(`/organisations/${ml.id}/modifier`);
      const res = await client.postForm(`/organisations/${ml.id}/modifier`, {
        description: 'Accompagnement des jeunes de 16 à 25 ans.',
        website: 'https://www.ml-marseille.fr',
        openToPartnership: 'on',
        partnershipWanted: 'Une collectivité engagée au Sénégal',
        themes: ['youth_mobility', 'ecsi'],
        countries: 'Sénégal, MA',
        countryGroups: ['senegal'],
        'contacts.0.name': 'Anne Publique',
        'contacts.0.sharingLevel': 'public',
        'contacts.1.name': 'Nouveau Contact',
        'contacts.1.email': 'nouveau@ml.fr',
        'contacts.1.sharingLevel': 'partners',
        'newPartner.name': 'Ville de Saint-Louis',
        'newPartner.country': 'Sénégal',
        'newPartner.city': 'Saint-Louis',
        'newPartner.type': 'municipality',
        verified: 'on',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/organisations/${ml.id}?enregistre=1`);
      const org = await app.db.one<any>(
        sql`SELECT open_to_partnership, last_verified_on, website FROM organisations WHERE id = ${ml.id}`,
      );
      expect(org).toEqual({
        open_to_partnership: true,
        last_verified_on: '2026-03-10',
        website: 'https://www.ml-marseille.fr',
      });
      const partner = await app.db.one<any>(
        sql`SELECT o.kind, o.country, o.city FROM organisation_partners p JOIN organisations o ON o.id = p.partner_id WHERE p.organisation_id = ${ml.id}`,
      );
      expect(partner).toEqual({ kind: 'foreign_partner', country: 'SN', city: 'Saint-Louis' });
      const entries = await app.db.many<any>(
        sql`SELECT action, before, after, actor_user_id FROM audit_log WHERE entity_id = ${ml.id} ORDER BY id`,
      );
      const last = entries[entries.length - 1];
      expect(last.action).toBe('organisation.profile_updated');
      expect(last.actor_user_id).toBe(admin.id);
      expect(last.after.countries).toEqual(['MA', 'SN']);
      expect(last.before.countries).toEqual([]);
      expect(Object.keys(last.after)).toEqual(
        expect.arrayContaining([
          'description',
          'openToPartnership',
          'themes',
          'contacts',
          'partners',
          'lastVerifiedOn',
        ]),
      );

      const page = await app.anonymous().page(`/organisations/${ml.id}`);
      expect(page.html).toContain('Dernière vérification : 10 mars 2026');
      expect(page.html).toContain('Ville de Saint-Louis');
      expect(page.html).toContain('Sénégal');
      expect(page.html).toContain('Profil modifié');
      expect(page.html).not.toContain(admin.email); // authors are shown to insiders only
      const own = await (await app.as(member.id)).page(`/organisations/${ml.id}`);
      expect(own.html).toContain(admin.email);
    });

    it('history is written in the same transaction: a failing write leaves neither change nor history', async () => {
      const before = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
      const client = await app.as(admin.id);
      await client.page('/');
      // A partner id that is not a foreign partner: refused inside the transaction.
      const res = await client.json('PATCH', `/api/v1/organisations/${ml.id}`, {
        description: 'Ne doit pas être enregistrée',
        partners: [{ id: other.id }],
      });
      expect(res.status).toBe(422);
      expect(Object.keys((await res.json()).error.fields)).toEqual(['partners.0']);
      const after = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
      expect(after.n).toBe(before.n);
      const org = await app.db.one<any>(sql`SELECT description FROM organisations WHERE id = ${ml.id}`);
      expect(org.description).toBe('Accompagnement des jeunes de 16 à 25 ans.');
    });

    it('PATCH /api/v1/organisations/{id}: admins only, 422 naming fields, returns the profile', async () => {
      const asMember = await app.as(member.id);
      await asMember.page('/');
      expect(
        (await asMember.json('PATCH', `/api/v1/organisations/${ml.id}`, { description: 'x' })).status,
      ).toBe(403);

      const client = await app.as(admin.id);
      await client.page('/');
      const bad = await client.json('PATCH', `/api/v1/organisations/${ml.id}`, {
        countries: ['XX'],
        contacts: [{ name: 'A', sharingLevel: 'secret' }],
        cufMember: true,
      });
      expect(bad.status).toBe(422);
      const fields = (await bad.json()).error.fields;
      expect(Object.keys(fields)).toEqual(expect.arrayContaining(['countries.0', 'contacts.0.sharingLevel']));

      const ok = await client.json('PATCH', `/api/v1/organisations/${ml.id}`, {
        themes: ['staff_mobility'],
        countries: ['JP'],
      });
      expect(ok.status).toBe(200);
      const body = await ok.json();
      expect(body.themes).toEqual([
        { code: 'staff_mobility', name: 'Mobilité des professionnels de l’insertion' },
      ]);
      expect(body.countries).toEqual([{ code: 'JP', name: 'Japon' }]);
      expect(body.contacts.map((c: any) => c.sharingLevel)).toEqual(
        ['public', 'partners', 'confidential'].slice(0, 2),
      );
      expect(body).toMatchObject({ id: ml.id, kind: 'mission_locale', openToPartnership: true });
      // Keys left out of a PATCH keep their value.
      expect(body.description).toBe('Accompagnement des jeunes de 16 à 25 ans.');
      expect(body.website).toBe('https://www.ml-marseille.fr');
      expect(body.partnershipWanted).toBe('Une collectivité engagée au Sénégal');
    });

    it('CUF membership is recorded on local authorities, by platform admins only', async () => {
      const platform = await aUser(app.db, { globalRole: 'platform_admin' });
      const client = await app.as(platform.id);
      await client.page('/');
      const onMl = await client.json('PATCH', `/api/v1/organisations/${ml.id}`, { cufMember: true });
      expect(onMl.status).toBe(422);
      expect((await onMl.json()).error.fields.cufMember).toContain('collectivités');
      const ok = await client.json('PATCH', `/api/v1/organisations/${other.id}`, { cufMember: true });
      expect(ok.status).toBe(200);
      expect((await ok.json()).cufMember).toBe(true);
      const outsiderClient = await app.as(outsider.id);
      await outsiderClient.page('/');
      const self = await outsiderClient.json('PATCH', `/api/v1/organisations/${other.id}`, {
        cufMember: false,
      });
      expect(self.status).toBe(422);
    });
  });
}
