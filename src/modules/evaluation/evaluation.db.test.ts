import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { computeDashboard } from './index.js';

/** Art. 4 : indicators of the partnership, computed from the platform at a date, aggregates only. */
for (const kind of DB_KINDS) {
  describe(`Evaluation indicators (${kind})`, () => {
    let app: TestApp;
    let staff: TestClient;
    let member: TestClient;
    let mlLyon: OrgFixture;
    let mlLille: OrgFixture;
    let villeurbanne: OrgFixture;
    let roubaix: OrgFixture;

    const connection = (
      from: OrgFixture,
      to: OrgFixture,
      createdAt: string,
      answer?: [string, 'accepted' | 'declined'],
    ) =>
      app.db.run(sql`INSERT INTO connections (requester_id, receiver_id, requested_by_name, requested_by_email, message,
          status, created_at, expires_at, answered_at, decline_reason)
        VALUES (${from.id}, ${to.id}, 'Camille', 'camille@exemple.fr', 'Bonjour', ${answer?.[1] ?? 'pending'},
          ${createdAt}, ${createdAt}::timestamptz + interval '30 days', ${answer?.[0] ?? null},
          ${answer?.[1] === 'declined' ? 'Pas cette année.' : null})`);

    const project = async (
      title: string,
      createdAt: string,
      partners: OrgFixture[],
      p: {
        kind?: string;
        young?: number;
        staff?: number;
        countries?: string[];
        requested?: number;
        obtained?: number;
      } = {},
    ) => {
      const { id } = await app.db.one<{
        id: string;
      }>(sql`INSERT INTO projects (title, kind, status, created_at)
        VALUES (${title}, ${p.kind ?? 'youth_mobility'}, 'running', ${createdAt}) RETURNING id`);
      for (const o of partners)
        await app.db.run(
          sql`INSERT INTO project_partners (project_id, organisation_id) VALUES (${id}, ${o.id})`,
        );
      if (p.young !== undefined) {
        // Same young people counted along two dimensions: the headcount is not doubled.
        const a = Math.floor(p.young / 2);
        await app.db.run(sql`INSERT INTO project_participants VALUES
          (${id}, 'young', 'age', '16-17', ${a}), (${id}, 'young', 'age', '18-25', ${p.young - a}),
          (${id}, 'young', 'sex', 'femme', ${p.young})`);
      }
      if (p.staff !== undefined)
        await app.db.run(
          sql`INSERT INTO project_participants VALUES (${id}, 'staff', 'age', 'adulte', ${p.staff})`,
        );
      for (const c of p.countries ?? [])
        await app.db.run(sql`INSERT INTO project_countries VALUES (${id}, ${c})`);
      if (p.requested !== undefined)
        await app.db.run(sql`INSERT INTO project_funding_lines (project_id, source, requested, obtained, status)
          VALUES (${id}, 'Erasmus+', ${p.requested}, ${p.obtained ?? null}, ${p.obtained ? 'obtained' : 'requested'})`);
      return id;
    };

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-05-15T10:00:00Z');
      await app.db.run(sql`INSERT INTO regions (code, name) VALUES ('84', 'Auvergne-Rhône-Alpes'), ('32', 'Hauts-de-France')
        ON CONFLICT (code) DO NOTHING`);
      mlLyon = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lyon' });
      mlLille = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lille' });
      villeurbanne = await anOrganisation(app.db, {
        kind: 'local_authority',
        name: 'Commune de Villeurbanne',
      });
      roubaix = await anOrganisation(app.db, { kind: 'local_authority', name: 'Commune de Roubaix' });
      for (const [o, r] of [
        [mlLyon, '84'],
        [villeurbanne, '84'],
        [mlLille, '32'],
        [roubaix, '32'],
      ] as const)
        await app.db.run(sql`UPDATE organisations SET region_code = ${r} WHERE id = ${o.id}`);

      // Year 1 of the convention: 2025-07-04 → 2026-07-03.
      await connection(mlLyon, villeurbanne, '2025-09-01T10:00:00Z', ['2025-09-03T10:00:00Z', 'accepted']);
      await connection(mlLille, roubaix, '2025-10-01T10:00:00Z', ['2025-10-05T10:00:00Z', 'declined']);
      // Answered after 1 March 2026: still pending on that date.
      await connection(roubaix, mlLyon, '2026-02-01T10:00:00Z', ['2026-04-01T10:00:00Z', 'accepted']);
      // Before the convention year: not counted.
      await connection(mlLille, villeurbanne, '2025-06-01T10:00:00Z', ['2025-06-02T10:00:00Z', 'accepted']);

      await project('Échange Lyon–Dakar', '2025-10-10T10:00:00Z', [mlLyon, villeurbanne], {
        young: 12,
        staff: 3,
        countries: ['SN'],
        requested: 10000,
        obtained: 8500,
      });
      await project('Chantier Lille–Tunis', '2025-11-10T10:00:00Z', [mlLille, roubaix], {
        kind: 'ecsi',
        young: 3,
        countries: ['TN', 'SN'],
      });
      await project('Projet de printemps', '2026-04-10T10:00:00Z', [mlLyon], { young: 8 });

      staff = await app.as((await aUser(app.db, { globalRole: 'network_admin' })).id);
      member = await app.as((await aUser(app.db, { memberOf: [{ organisationId: mlLyon.id }] })).id);
    });
    afterAll(() => app?.close());

    const value = (d: Awaited<ReturnType<typeof computeDashboard>>, key: string) =>
      d.indicators.find((i) => i.key === key)?.figure;

    it('computes the starter set for the convention year, as it stood on a past date', async () => {
      const now = new Date('2026-05-15T10:00:00Z');
      const today = await computeDashboard(app.db, { on: '2026-05-15', now });
      expect(today.period).toEqual({ year: 1, from: '2025-07-04', to: '2026-07-03' });
      expect(value(today, 'connections_requested')?.value).toBe(3);
      expect(value(today, 'connections_acceptance')?.value).toBe(66.7);
      // Answer times 2, 4 and 59 days: median 4.
      expect(value(today, 'connections_answer_days')?.value).toBe(4);
      expect(value(today, 'missions_locales_connected')?.value).toBe(1);
      expect(value(today, 'authorities_connected')?.value).toBe(2);
      expect(value(today, 'projects')?.value).toBe(3);
      expect(
        today.indicators.find((i) => i.key === 'projects')?.parts?.find((p) => p.key === 'ecsi')?.figure
          .value,
      ).toBe(1);
      expect(value(today, 'countries')?.value).toBe(2);
      // 12 + 3 + 8 young people, each counted once although declared along two dimensions.
      expect(value(today, 'young_people')).toEqual({ value: 23, suppressed: false });
      expect(value(today, 'funding_requested')?.value).toBe(10000);
      expect(value(today, 'funding_obtained')?.value).toBe(8500);

      const past = await computeDashboard(app.db, { on: '2026-03-01', now });
      expect(value(past, 'connections_requested')?.value).toBe(3);
      // On 1 March the third request had no answer yet.
      expect(value(past, 'connections_acceptance')?.value).toBe(50);
      expect(value(past, 'authorities_connected')?.value).toBe(1);
      expect(value(past, 'projects')?.value).toBe(2);
      expect(value(past, 'young_people')?.value).toBe(15);

      const before = await computeDashboard(app.db, { on: '2025-07-03', now });
      expect(before.period.year).toBe(1);
      expect(value(before, 'connections_requested')?.value).toBe(0);
    });

    it('never shows fewer than 5 people: staff (3) and a région with 3 young people are suppressed, and a second région too', async () => {
      const d = await computeDashboard(app.db, { on: '2026-05-15', now: new Date('2026-05-15T10:00:00Z') });
      expect(value(d, 'staff')).toEqual({ value: null, suppressed: true });
      const hdf = d.byRegion.find((r) => r.code === '32');
      const ara = d.byRegion.find((r) => r.code === '84');
      expect(hdf?.youngPeople).toEqual({ value: null, suppressed: true });
      // Otherwise 23 − 20 would give the Hauts-de-France figure away.
      expect(ara?.youngPeople).toEqual({ value: null, suppressed: true });
      expect(ara?.projects.value).toBe(2);
      expect(ara?.name).toBe('Auvergne-Rhône-Alpes');

      const lyonOnly = await computeDashboard(app.db, { on: '2026-05-15', now: new Date(), region: '84' });
      expect(value(lyonOnly, 'projects')?.value).toBe(2);
      expect(value(lyonOnly, 'young_people')?.value).toBe(20);
      expect(value(lyonOnly, 'connections_requested')?.value).toBe(2);
    });

    it('shows the dashboard to network staff with charts, tables and provenance; members are refused', async () => {
      const { res, html } = await staff.page('/evaluation?on=2026-03-01');
      expect(res.status).toBe(200);
      expect(html).toContain('Indicateurs du partenariat');
      expect(html).toContain('chiffres au 1 mars 2026');
      expect(html).toMatch(/Calculé le \d+ \w+ 2026/);
      expect(html).toMatch(/<svg[^>]*role="img"/);
      expect(html).toContain('<caption>Projets communs par type</caption>');
      expect(html).toMatch(/data-indicator="staff">&lt; 5</);
      expect(html).toMatch(/data-indicator="young_people">15</);
      expect(html).toContain('href="/evaluation/indicateurs.csv?on=2026-03-01"');
      expect((await member.get('/evaluation')).status).toBe(403);

      const bad = await staff.get('/evaluation?on=2026-02-30');
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('Date de calcul : indiquez une date valide');
      const future = await staff.get('/evaluation?on=2030-01-01');
      expect(await future.text()).toContain('choisissez aujourd’hui ou une date passée');
    });

    it('exports the same numbers as CSV and Excel, suppression included', async () => {
      const csv = await staff.get('/evaluation/indicateurs.csv?on=2026-05-15');
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = await csv.text();
      expect(text).toContain('young_people;Jeunes participants;people;23;1;2026-05-15;France');
      expect(text).toContain('staff;Professionnels participants;people;< 5;');
      expect(text).toContain('young_people.32;Jeunes participants : Hauts-de-France;people;< 5;');
      expect(text).not.toMatch(/young_people\.32;[^;]*;people;3;/);

      const xlsx = await staff.get('/evaluation/indicateurs.xlsx?on=2026-05-15');
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await xlsx.arrayBuffer());
      const ws = wb.getWorksheet('Indicateurs');
      const rows: unknown[][] = [];
      ws?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      expect(rows[0][1]).toBe('indicateur');
      expect(rows.find((r) => r[1] === 'young_people')?.[4]).toBe(23);
      expect(rows.find((r) => r[1] === 'staff')?.[4]).toBe('< 5');
    });

    it('answers the API with the figures and names the bad parameter', async () => {
      const res = await staff.get('/api/v1/evaluation/indicators?on=2026-03-01&region=84');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.on).toBe('2026-03-01');
      expect(body.scope).toEqual({ region: '84' });
      expect(body.indicators.find((i: any) => i.key === 'young_people').figure).toEqual({
        value: 12,
        suppressed: false,
      });
      const bad = await staff.get('/api/v1/evaluation/indicators?departement=ABC');
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.fields.departement).toMatch(/Département/);
    });
  });
}
