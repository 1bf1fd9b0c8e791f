import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { DEFAULT_CATALOGUE, seedFundingCatalogue } from '../funding/seed-catalogue.js';

for (const kind of DB_KINDS) {
  describe(`joint projects (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let city: OrgFixture;
    let mlUser: string;
    let cityUser: string;
    let outsider: string;
    let admin: string;
    let id: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-02-01T09:00:00Z');
      await seedFundingCatalogue(app.db, DEFAULT_CATALOGUE);
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Montpellier' });
      city = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Ville de Montpellier',
      });
      const other = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Autre Mission Locale' });
      mlUser = (await aUser(app.db, { memberOf: [{ organisationId: ml.id }] })).id;
      cityUser = (await aUser(app.db, { memberOf: [{ organisationId: city.id }] })).id;
      outsider = (await aUser(app.db, { memberOf: [{ organisationId: other.id }] })).id;
      admin = (await aUser(app.db, { globalRole: 'network_admin' })).id;
    });
    afterAll(() => app.close());

    const count = async (table: string) =>
      (await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`)).n;

    it('a Mission Locale and a city turn an idea into a project (bad input → 422 naming the field, nothing written)', async () => {
      const u = await app.as(mlUser);
      const form = await u.page('/projets/nouveau');
      expect(form.res.status).toBe(200);
      const bad = await u.postForm('/projets/nouveau', {
        organisationId: ml.id,
        partnerIds: city.id,
        title: 'Jeunes solidaires Montpellier–Saint-Louis',
        kind: 'youth_mobility',
        startsOn: '2026-07-01',
        endsOn: '2026-03-01',
        countries: 'Sénégal, Atlantide',
      });
      expect(bad.status).toBe(422);
      const html = await bad.text();
      expect(html).toContain('Date de fin : elle doit suivre la date de début.');
      expect(html).toContain('Pays : « Atlantide » n’est pas un pays connu');
      expect(await count('projects')).toBe(0);
      const res = await u.postForm('/projets/nouveau', {
        organisationId: ml.id,
        partnerIds: city.id,
        title: 'Jeunes solidaires Montpellier–Saint-Louis',
        kind: 'youth_mobility',
        startsOn: '2026-03-01',
        endsOn: '2026-06-30',
        countries: 'Sénégal',
        objectives: 'Dix jeunes en mission de solidarité, accueil réciproque en 2027.',
      });
      expect(res.status).toBe(303);
      id = res.headers.get('location')!.split('/').at(-1)!;
      const page = await u.page(`/projets/${id}`);
      expect(page.html).toContain('Ville de Montpellier');
      expect(page.html).toContain('Sénégal');
      // Only partners (and network admins) see an unpublished project.
      expect((await (await app.as(outsider)).get(`/projets/${id}`)).status).toBe(403);
      expect((await app.anonymous().get(`/api/v1/projects/${id}`)).status).toBe(401);
      expect((await (await app.as(admin)).get(`/api/v1/projects/${id}`)).status).toBe(200);
    });

    it('finds eligible funding with reasons (API and page)', async () => {
      const u = await app.as(cityUser);
      const res = await u.get(`/api/v1/projects/${id}/funding-eligibility`);
      expect(res.status).toBe(200);
      const body = await res.json();
      const slugs = (xs: any[]) => xs.map((x) => x.programme.slug);
      expect(slugs(body.eligible)).toContain('daect-aap-jeunesse');
      expect(slugs(body.eligible)).toContain('fonjep-jsi-vvvsi');
      expect(slugs(body.ineligible)).toContain('afd-ficol');
      const ficol = body.ineligible.find((x: any) => x.programme.slug === 'afd-ficol');
      expect(ficol.reasons).toContain(
        'Ne finance pas ce type de projet (mobilité internationale de jeunes).',
      );
      const erasmus = body.ineligible.find((x: any) => x.programme.slug === 'erasmus-jeunesse-echanges');
      expect(erasmus.reasons).toEqual(['Pays hors de la zone du programme : SN.']);
      const page = await u.page(`/projets/${id}`);
      expect(page.html).toContain('Programmes qui correspondent');
      expect(page.html).toContain('Peut être déposé par une collectivité territoriale du partenariat.');
    });

    it('records budget, funding and participants; refuses negative amounts and impossible transitions', async () => {
      let u = await app.as(mlUser);
      await u.page(`/projets/${id}`);
      const neg = await u.postForm(`/projets/${id}/budget`, { label: 'Transport', amount: '-100' });
      expect(neg.status).toBe(422);
      expect(await neg.text()).toContain('Montant : un montant ne peut pas être négatif.');
      expect(await count('project_budget_lines')).toBe(0);
      expect(
        (await u.postForm(`/projets/${id}/budget`, { label: 'Transport', amount: '12 000' })).status,
      ).toBe(303);
      expect(
        (await u.postForm(`/projets/${id}/budget`, { label: 'Hébergement', amount: '8000' })).status,
      ).toBe(303);

      // idea → funded is not in the table
      const jump = await u.json('POST', `/api/v1/projects/${id}/transitions`, { to: 'funded' });
      expect(jump.status).toBe(409);
      expect((await jump.json()).error.message).toBe('Un projet « idée » ne peut pas passer à « financé ».');
      expect(
        (await u.json('POST', `/api/v1/projects/${id}/transitions`, { to: 'in_preparation' })).status,
      ).toBe(200);
      // funded needs an obtained funding line
      const early = await u.postForm(`/projets/${id}/statut`, { to: 'funded' });
      expect(early.status).toBe(422);
      expect(await early.text()).toContain(
        'Enregistrez au moins un financement obtenu dans le plan de financement.',
      );
      const history = await count('project_history');

      const jsi = await app.db.one<{ id: string }>(
        sql`SELECT id FROM funding_programmes WHERE slug = 'fonjep-jsi-vvvsi'`,
      );
      const over = await u.postForm(`/projets/${id}/financements`, {
        programmeId: jsi.id,
        requested: '12000',
        status: 'requested',
      });
      expect(over.status).toBe(303);
      const elig = await (await u.get(`/api/v1/projects/${id}/funding-eligibility`)).json();
      const j = elig.ineligible.find((x: any) => x.programme.slug === 'fonjep-jsi-vvvsi');
      expect(j.reasons[0]).toMatch(
        /^Montant demandé \(12.000 €\) supérieur au plafond du programme \(10.000 €\)\.$/,
      );
      const noAmount = await u.postForm(`/projets/${id}/financements`, {
        source: 'Région Occitanie',
        requested: '6000',
        status: 'obtained',
      });
      expect(noAmount.status).toBe(422);
      expect(await noAmount.text()).toContain('Montant obtenu : indiquez le montant obtenu');
      expect(await count('project_history')).toBe(history + 1);
      const line = await app.db.one<{ id: string }>(
        sql`SELECT id FROM project_funding_lines WHERE project_id = ${id}`,
      );
      expect(
        (
          await u.postForm(`/projets/${id}/financements/${line.id}`, {
            programmeId: jsi.id,
            source: 'JSI',
            requested: '8000',
            obtained: '7500',
            status: 'obtained',
          })
        ).status,
      ).toBe(303);
      await u.postForm(`/projets/${id}/financements`, {
        source: 'Région Occitanie',
        requested: '6000',
        obtained: '5000',
        status: 'obtained',
      });
      const json = await (await u.get(`/api/v1/projects/${id}`)).json();
      expect(json.budget).toEqual({
        total: 20000,
        requested: 14000,
        obtained: 12500,
        remaining: 7500,
        coveredPercent: 62.5,
      });

      expect((await u.postForm(`/projets/${id}/statut`, { to: 'funded' })).status).toBe(303);
      app.setNow('2026-03-02T09:00:00Z');
      u = await app.as(mlUser); // a new session at the new date
      await u.page(`/projets/${id}`);
      expect((await u.json('POST', `/api/v1/projects/${id}/transitions`, { to: 'running' })).status).toBe(
        200,
      );

      const badCounts = await u.postForm(`/projets/${id}/participants`, {
        'young.age.18_25': '10',
        'young.sex.female': '6',
        'young.sex.male': '3',
      });
      expect(badCounts.status).toBe(422);
      expect(await badCounts.text()).toContain('le total par sexe (9) doit égaler le total par âge (10)');
      expect(
        (
          await u.postForm(`/projets/${id}/participants`, {
            'young.age.18_25': '10',
            'young.sex.female': '6',
            'young.sex.male': '4',
            'young.situation.neet': '7',
            'young.situation.qpv': '3',
            'staff.age.over_30': '2',
          })
        ).status,
      ).toBe(303);
      const rows = await app.db.many(sql`SELECT * FROM project_participants WHERE project_id = ${id}`);
      expect(rows.length).toBe(6);
      expect(Object.keys(rows[0] as object).sort()).toEqual([
        'audience',
        'category',
        'count',
        'dimension',
        'project_id',
      ]);
    });

    it('moves to evaluation, is published after moderation, and the timeline shows every change', async () => {
      let u = await app.as(cityUser);
      await u.page(`/projets/${id}`);
      const tooEarly = await u.json('POST', `/api/v1/projects/${id}/transitions`, { to: 'completed' });
      expect(tooEarly.status).toBe(409);
      expect((await tooEarly.json()).error.message).toBe(
        'Le projet finit le 30 juin 2026 : il ne peut pas encore être terminé.',
      );
      app.setNow('2026-07-01T09:00:00Z');
      u = await app.as(cityUser); // a new session at the new date
      await u.page(`/projets/${id}`);
      expect((await u.json('POST', `/api/v1/projects/${id}/transitions`, { to: 'completed' })).status).toBe(
        200,
      );
      const missing = await u.json('POST', `/api/v1/projects/${id}/transitions`, { to: 'evaluated' });
      expect((await missing.json()).error.message).toBe(
        'Complétez l’auto-évaluation (art. 2) : horizontalité, réciprocité, durabilité.',
      );
      await u.page(`/projets/${id}`);
      expect(
        (
          await u.postForm(`/projets/${id}/evaluation`, {
            horizontalityLevel: '3',
            horizontalityComment: 'Programme construit avec la commune de Saint-Louis.',
            reciprocityLevel: '2',
            durabilityLevel: '2',
          })
        ).status,
      ).toBe(303);
      expect((await u.json('POST', `/api/v1/projects/${id}/transitions`, { to: 'evaluated' })).status).toBe(
        200,
      );
      const after = await u.json('POST', `/api/v1/projects/${id}/transitions`, {
        to: 'abandoned',
        reason: 'x',
      });
      expect(after.status).toBe(409);

      expect((await app.anonymous().get(`/projets/${id}`)).status).toBe(302);
      await u.postForm(`/projets/${id}/publication`);
      const a = await app.as(admin);
      const queue = await a.page('/projets?publication=requested');
      expect(queue.html).toContain('Jeunes solidaires Montpellier–Saint-Louis');
      expect(queue.html).toContain('Publication demandée');
      await a.page(`/projets/${id}`);
      expect((await a.postForm(`/projets/${id}/publier`, { publish: '1' })).status).toBe(303);
      const pub = await app.anonymous().page(`/projets/${id}`);
      expect(pub.res.status).toBe(200);
      expect(pub.html).not.toContain('Historique');
      // Public fields only: no budget, funding plan or eligibility for visitors.
      expect(pub.html).not.toContain('Plan de financement');
      expect(pub.html).toContain('Auto-évaluation');
      const pubJson = await (await app.anonymous().get(`/api/v1/projects/${id}`)).json();
      expect(pubJson).toMatchObject({ status: 'evaluated', budget: null, funding: null });
      expect(pubJson.participants.young.age).toEqual({ '18_25': 10 });
      expect((await app.anonymous().get(`/api/v1/projects/${id}/funding-eligibility`)).status).toBe(401);
      const list = await app.anonymous().page('/projets');
      expect(list.html).toContain('Jeunes solidaires Montpellier–Saint-Louis');
      const en = await app.anonymous().page(`/projets/${id}?lang=en`);
      expect(en.res.status).toBe(200);

      const history = await app.db.many<{ action: string; details: any }>(
        sql`SELECT action, details FROM project_history WHERE project_id = ${id} ORDER BY id`,
      );
      expect(history.filter((h) => h.action === 'status').map((h) => h.details.to)).toEqual([
        'in_preparation',
        'funded',
        'running',
        'completed',
        'evaluated',
      ]);
      const audits = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'project' AND entity_id = ${id}`,
      );
      expect(audits.n).toBe(history.length);
      const csv = await a.get('/projets/export.csv');
      expect(csv.status).toBe(200);
      expect(await csv.text()).toContain(
        'Jeunes solidaires Montpellier–Saint-Louis;Mobilité internationale de jeunes;Évalué',
      );
    });
  });
}

for (const kind of DB_KINDS) {
  describe(`project documents and Excel export (${kind})`, () => {
    let app: TestApp;
    let id: string;
    let editor: string;
    let admin: string;
    let outsider: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      const ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lille' });
      const city = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Ville de Lille',
      });
      editor = (await aUser(app.db, { memberOf: [{ organisationId: ml.id }] })).id;
      admin = (await aUser(app.db, { globalRole: 'network_admin' })).id;
      outsider = (await aUser(app.db)).id;
      const u = await app.as(editor);
      await u.page('/projets/nouveau');
      const res = await u.postForm('/projets/nouveau', {
        organisationId: ml.id,
        partnerIds: city.id,
        title: '=HYPERLINK("http://x") Échanges Lille–Tunis',
        kind: 'ecsi',
        countries: 'TN',
      });
      id = res.headers.get('location')!.split('/').at(-1)!;
      await u.postForm(`/projets/${id}/budget`, { label: 'Voyage', amount: '4000' });
      await u.postForm(`/projets/${id}/financements`, {
        source: 'Ville',
        requested: '3000',
        obtained: '3000',
        status: 'obtained',
      });
    });
    afterAll(() => app.close());

    const upload = async (name: string, content: string, type = 'application/octet-stream') => {
      const u = await app.as(editor);
      const page = await u.page(`/projets/${id}`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1];
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('document', new File([content], name, { type }));
      return u.request(`/projets/${id}/documents`, {
        method: 'POST',
        body: form,
        headers: { 'x-csrf-token': csrf },
      });
    };

    it('attaches a PDF (stored in the database, downloadable by partners and network admins only)', async () => {
      const res = await upload('compte rendu.pdf', '%PDF-1.4\nbonjour', 'application/pdf');
      expect(res.status).toBe(303);
      const doc = await app.db.one<{ id: string; size_bytes: number }>(
        sql`SELECT id, size_bytes FROM project_documents WHERE project_id = ${id}`,
      );
      expect(doc.size_bytes).toBe(16);
      const get = await (await app.as(editor)).get(`/projets/${id}/documents/${doc.id}`);
      expect(get.status).toBe(200);
      expect(get.headers.get('content-type')).toBe('application/pdf');
      expect(get.headers.get('content-disposition')).toContain("filename*=UTF-8''compte%20rendu.pdf");
      expect(await get.text()).toBe('%PDF-1.4\nbonjour');
      expect((await (await app.as(admin)).get(`/projets/${id}/documents/${doc.id}`)).status).toBe(200);
      expect((await (await app.as(outsider)).get(`/projets/${id}/documents/${doc.id}`)).status).toBe(403);
    });

    it('refuses dangerous or mislabelled files with a message naming the field; nothing stored', async () => {
      const before = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM project_documents`);
      const exe = await upload('photo.jpg', 'MZ\u0090\u0000 programme');
      expect(exe.status).toBe(422);
      expect(await exe.text()).toContain(
        'Document : ce fichier contient un programme ou une page web ; il est refusé.',
      );
      const js = await upload('outil.js', 'alert(1)');
      expect(js.status).toBe(422);
      expect(await js.text()).toContain('Document : ce type de fichier est refusé (.js).');
      const after = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM project_documents`);
      expect(after.n).toBe(before.n);
    });

    it('a network admin exports every project to Excel (.xlsx), text never turned into formulas', async () => {
      const res = await (await app.as(admin)).get('/projets/export.xlsx');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(await res.arrayBuffer()) as any);
      const ws = wb.getWorksheet('Projets')!;
      expect(ws.getRow(1).getCell(2).value).toBe('Titre');
      const row = ws.getRow(2);
      expect(row.getCell(2).value).toBe('=HYPERLINK("http://x") Échanges Lille–Tunis');
      expect(row.getCell(2).formula).toBeUndefined();
      expect(row.getCell(3).value).toBe(
        'Éducation à la citoyenneté et à la solidarité internationale (ECSI)',
      );
      expect(row.getCell(6).value).toBe('Tunisie');
      expect(row.getCell(9).value).toBe(4000);
      expect(row.getCell(10).value).toBe(3000);
      expect(row.getCell(11).value).toBe(75);
      expect(wb.getWorksheet('Financements')!.getRow(2).getCell(2).value).toBe('Ville');
      expect((await (await app.as(editor)).get('/projets/export.xlsx')).status).toBe(403);
    });
  });
}

describe('demo data (pglite)', () => {
  it('seeds the funding catalogue and a demo project in preparation, once', async () => {
    const app = await createTestApp({ env: { DEMO: 'true' } });
    try {
      const { seedDemo } = await import('../../db/seed/demo.js');
      await seedDemo(app.deps);
      const p = await app.db.one<{ id: string; status: string }>(
        sql`SELECT id, status FROM projects WHERE title = 'Jeunes solidaires (démo)'`,
      );
      expect(p.status).toBe('in_preparation');
      const f = await app.db.one<{ programme_id: string | null }>(
        sql`SELECT programme_id FROM project_funding_lines WHERE project_id = ${p.id}`,
      );
      expect(f.programme_id).not.toBeNull();
      const { seedDemoProject } = await import('./seed-demo.js');
      expect(await seedDemoProject(app.deps)).toBe(false);
    } finally {
      await app.close();
    }
  });
});
