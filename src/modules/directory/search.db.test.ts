import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { EXPORT_FIELDS } from './export.js';

async function place(app: TestApp, id: string, dep: string, region: string) {
  await app.db.run(
    sql`UPDATE organisations SET departement_code = ${dep}, region_code = ${region} WHERE id = ${id}`,
  );
}

for (const kind of DB_KINDS) {
  describe(`directory search, map and export (${kind})`, () => {
    let app: TestApp;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      app = await createTestApp({ kind });
      await app.db.run(sql`INSERT INTO regions (code, name) VALUES ('93', 'Provence-Alpes-Côte d''Azur'),
        ('84', 'Auvergne-Rhône-Alpes'), ('04', 'La Réunion') ON CONFLICT DO NOTHING`);
      await app.db.run(sql`INSERT INTO departements (code, name, region_code) VALUES ('13', 'Bouches-du-Rhône', '93'),
        ('42', 'Loire', '84'), ('974', 'La Réunion', '04') ON CONFLICT DO NOTHING`);
      const org = async (
        key: string,
        o: Parameters<typeof anOrganisation>[1],
        dep?: string,
        reg?: string,
      ) => {
        ids[key] = (await anOrganisation(app.db, o)).id;
        if (dep && reg) await place(app, ids[key], dep, reg);
      };
      await org(
        'marseille',
        { kind: 'local_authority', level: 'commune', name: 'Marseille', code: '13055' },
        '13',
        '93',
      );
      await org('mlMarseille', { kind: 'mission_locale', name: 'Mission Locale de Marseille' }, '13', '93');
      await org(
        'stEtienne',
        { kind: 'local_authority', level: 'commune', name: 'Saint-Étienne', code: '42218' },
        '42',
        '84',
      );
      await org('mlReunion', { kind: 'mission_locale', name: 'Mission Locale Sud Réunion' }, '974', '04');
      await org('dakar', { kind: 'foreign_partner', name: 'Ville de Dakar' });
      await app.db.run(sql`UPDATE organisations SET country = 'SN', city = 'Dakar' WHERE id = ${ids.dakar}`);
      await app.db.run(sql`UPDATE organisations SET open_to_partnership = true, email = 'accueil@ml-marseille.fr',
        description = 'Contact : Jeanne Secrète' WHERE id = ${ids.mlMarseille}`);
      await app.db.run(
        sql`INSERT INTO organisation_countries (organisation_id, country) VALUES (${ids.mlMarseille}, 'SN')`,
      );
      await app.db.run(
        sql`INSERT INTO organisation_themes (organisation_id, theme_code) VALUES (${ids.mlMarseille}, 'youth_mobility')`,
      );
      await app.db.run(
        sql`INSERT INTO organisation_country_groups (organisation_id, group_code) VALUES (${ids.mlMarseille}, 'senegal')`,
      );
      await app.db.run(sql`INSERT INTO organisation_contacts (organisation_id, name, email, sharing_level)
        VALUES (${ids.mlMarseille}, 'Jeanne Contact', 'jeanne.contact@ml-marseille.fr', 'public')`);
      // A bulk of communes for pagination (45 in the Loire).
      await app.db.run(sql`INSERT INTO organisations (kind, level, name, code, departement_code, region_code)
        SELECT 'local_authority', 'commune', 'Commune de Loire ' || lpad(i::text, 2, '0'), '42' || lpad(i::text, 3, '0'), '42', '84'
        FROM generate_series(300, 344) AS i`);
    });
    afterAll(() => app.close());

    const api = async (qs: string) => {
      const res = await app.anonymous().get(`/api/v1/organisations${qs}`);
      return { status: res.status, body: await res.json() };
    };

    it('finds Marseille with a typo ("marseile") and without accents ("saint etienne")', async () => {
      const typo = await api('?q=marseile');
      expect(typo.status).toBe(200);
      expect(typo.body.items.map((i: any) => i.name)).toEqual(
        expect.arrayContaining(['Marseille', 'Mission Locale de Marseille']),
      );
      expect(typo.body.items[0].name).toBe('Marseille');
      const accents = await api('?q=saint%20etienne');
      expect(accents.body.items[0]).toMatchObject({
        name: 'Saint-Étienne',
        departement: { code: '42', name: 'Loire' },
      });
      const upper = await api('?q=SAINT-ETIENNE');
      expect(upper.body.items[0].name).toBe('Saint-Étienne');
      const page = await app.anonymous().page('/annuaire?q=marseile');
      expect(page.res.status).toBe(200);
      expect(page.html).toContain('Mission Locale de Marseille');
      expect(page.html).toContain(`/organisations/${ids.mlMarseille}`);
    });

    it('filters by kind, level, région, département, partner country, group, theme and openness', async () => {
      const names = async (qs: string) => (await api(qs)).body.items.map((i: any) => i.name);
      expect(await names('?kind=mission_locale')).toEqual([
        'Mission Locale de Marseille',
        'Mission Locale Sud Réunion',
      ]);
      // Default order: engaged organisations (here the ML, open to partnership) before communes.
      expect(await names('?region=93')).toEqual(['Mission Locale de Marseille', 'Marseille']);
      expect(await names('?departement=974')).toEqual(['Mission Locale Sud Réunion']);
      expect(await names('?country=SN')).toEqual(['Mission Locale de Marseille', 'Ville de Dakar']);
      // One country input everywhere: the name, in French or English, with or without accents.
      expect(await names('?country=S%C3%A9n%C3%A9gal')).toEqual([
        'Mission Locale de Marseille',
        'Ville de Dakar',
      ]);
      expect(await names('?country=senegal')).toEqual(['Mission Locale de Marseille', 'Ville de Dakar']);
      expect(await names('?group=senegal')).toEqual(['Mission Locale de Marseille']);
      expect(await names('?theme=youth_mobility')).toEqual(['Mission Locale de Marseille']);
      expect(await names('?open=1')).toEqual(['Mission Locale de Marseille']);
      expect((await api('?level=commune&departement=42')).body.total).toBe(46);
    });

    it('paginates by 20 with the total, shareable URLs, and refuses a bad page or filter (field named)', async () => {
      const p1 = await api('?departement=42');
      expect(p1.body.total).toBe(46);
      expect(p1.body.items).toHaveLength(20);
      expect(p1.body.pages).toBe(3);
      const p3 = await api('?departement=42&page=3');
      expect(p3.body.items).toHaveLength(6);
      const page2 = await app.anonymous().page('/annuaire?departement=42&page=2');
      expect(page2.html).toContain('46 organisations trouvées');
      expect(page2.html).toContain('href="/annuaire?departement=42&amp;page=3"');
      const bad = await api('?page=abc&kind=nope');
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(['kind', 'page']);
      const badPage = await app.anonymous().get('/annuaire?page=0');
      expect(badPage.status).toBe(400);
      expect(await badPage.text()).toContain('Le numéro de page commence à 1.');
    });

    it('an empty result tells what to do next', async () => {
      const res = await app.anonymous().page('/annuaire?q=zzzzqqqq&kind=mission_locale');
      expect(res.html).toContain('Aucune organisation trouvée');
      expect(res.html).toContain('Retirer tous les filtres');
    });

    it('autocomplete suggests at most 10 names, prefix first, typos tolerated', async () => {
      const res = await app.anonymous().get('/api/v1/organisations/autocomplete?q=mars');
      const body = await res.json();
      expect(body.items[0]).toMatchObject({
        name: 'Marseille',
        kind: 'local_authority',
        departementCode: '13',
      });
      const many = await (
        await app.anonymous().get('/api/v1/organisations/autocomplete?q=commune%20de%20loire')
      ).json();
      expect(many.items).toHaveLength(10);
      const typo = await (await app.anonymous().get('/api/v1/organisations/autocomplete?q=marseile')).json();
      expect(typo.items.map((i: any) => i.name)).toContain('Marseille');
      const short = await (await app.anonymous().get('/api/v1/organisations/autocomplete?q=m')).json();
      expect(short.items).toEqual([]);
    });

    it('the map view colours départements by count, with a title, a description and a data table', async () => {
      const { res, html } = await app.anonymous().page('/annuaire?vue=carte&kind=mission_locale');
      expect(res.status).toBe(200);
      expect(html).toContain('role="img"');
      expect(html).toContain('<title id="carte-titre">Missions Locales par département</title>');
      expect(html).toMatch(/<td>13<\/td><td><a [^>]+>Bouches-du-Rhône<\/a><\/td><td class="num">1<\/td>/);
      expect(html).toMatch(/<td>974<\/td><td><a [^>]+>La Réunion<\/a><\/td><td class="num">1<\/td>/);
      expect(html).toContain('CC-BY-4.0');
      expect(html).not.toMatch(/\sstyle="/);
    });

    it('exports the public directory as CSV and JSON without personal data, described by a Table Schema', async () => {
      const csv = await app.anonymous().get('/annuaire/export.csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = await csv.text();
      const [header, ...lines] = text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(header.split(',')).toEqual(EXPORT_FIELDS.map((f) => f.name));
      expect(lines).toHaveLength(50);
      expect(text).toContain('Mission Locale de Marseille');
      expect(text).not.toContain('Jeanne');
      expect(text).not.toContain('@');
      const json = await (await app.anonymous().get('/annuaire/export.json?kind=mission_locale')).json();
      expect(json.licence.name).toBe('Licence Ouverte 2.0');
      expect(json.count).toBe(2);
      expect(Object.keys(json.data[0])).toEqual(EXPORT_FIELDS.map((f) => f.name));
      expect(JSON.stringify(json)).not.toContain('Jeanne');
      const schema = await (await app.anonymous().get('/annuaire/schema.json')).json();
      expect(schema.fields.map((f: any) => f.name)).toEqual(EXPORT_FIELDS.map((f) => f.name));
      expect(schema.licenses[0].name).toBe('Licence Ouverte 2.0');
    });
  });
}
