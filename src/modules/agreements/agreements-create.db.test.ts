import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { pdfLines } from '../../../tests/helpers/pdf.js';
import { sql } from '../../db/sql.js';
import { createProject } from '../projects/operations.js';
import { seedNationalConvention } from './seed-national-convention.js';

/**
 * Issue 9 §4 — agreements from the browser: picker-based creation with the user's own
 * organisation preselected, start from a connection or a joint project (prefilled), the
 * project ↔ agreement link, the text's Markdown rendered as a document on the print page and
 * in the PDF, history by names, and the weight of /conventions/nouvelle.
 */
for (const kind of DB_KINDS) {
  describe(`agreements from the browser (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let city: OrgFixture;
    let region: OrgFixture;
    let mlAdmin: { id: string; name: string };
    let cityAdminId: string;
    let outsiderId: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-05-04T08:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lorient' });
      city = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Ville de Lorient',
      });
      region = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'region',
        name: 'Région Bretagne',
      });
      // A directory of many organisations: the form must not list them.
      for (let i = 0; i < 60; i++) await anOrganisation(app.db, { name: `Commune témoin ${i}` });
      mlAdmin = await aUser(app.db, {
        name: 'Anne Martin',
        memberOf: [{ organisationId: ml.id, role: 'admin' }],
      });
      cityAdminId = (await aUser(app.db, { memberOf: [{ organisationId: city.id, role: 'admin' }] })).id;
      const other = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale ailleurs' });
      outsiderId = (await aUser(app.db, { memberOf: [{ organisationId: other.id, role: 'admin' }] })).id;
    });
    afterAll(() => app.close());

    it('the form preselects the own organisation, lists no directory, weighs ≤ 60 KB gzip', async () => {
      const client = await app.as(mlAdmin.id);
      const form = await client.page('/conventions/nouvelle');
      expect(form.res.status).toBe(200);
      expect(form.html).toMatch(
        new RegExp(`<input type="radio" name="ownOrganisationId" id="own-${ml.id}" value="${ml.id}" checked`),
      );
      expect(form.html).toContain('Mission Locale de Lorient');
      expect(form.html).not.toContain('Commune témoin');
      expect(form.html).toContain('data-partner-search="/api/v1/organisations/autocomplete"');
      expect(form.html).toContain('<script src="/static/js/convention-partenaires.js" defer');

      // Page weight: HTML + every stylesheet and script it loads, each gzipped (DESIGN.md: ≤ 60 KB).
      const assets = [...form.html.matchAll(/(?:href|src)="(\/static\/[^"]+\.(?:css|js))"/g)].map(
        (m) => m[1],
      );
      expect(assets).toContain('/static/js/convention-partenaires.js');
      let total = gzipSync(Buffer.from(form.html)).byteLength;
      for (const a of assets) {
        const res = await client.get(a);
        expect(res.status).toBe(200);
        total += gzipSync(Buffer.from(await res.arrayBuffer())).byteLength;
      }
      console.info(`/conventions/nouvelle: ${total} bytes gzip (HTML + ${assets.length} assets)`);
      expect(total).toBeLessThanOrEqual(60 * 1024);
    });

    it('without JavaScript: "Rechercher" returns the form with results to tick, then creates it', async () => {
      const client = await app.as(mlAdmin.id);
      await client.page('/conventions/nouvelle');
      const tooShort = await client.postForm('/conventions/nouvelle', {
        _action: 'search',
        ownOrganisationId: ml.id,
        partnerQuery: 'L',
      });
      expect(tooShort.status).toBe(422);
      expect(await tooShort.text()).toContain('Tapez au moins deux caractères du nom.');

      const search = await client.postForm('/conventions/nouvelle', {
        _action: 'search',
        ownOrganisationId: ml.id,
        title: 'Mobilité des jeunes lorientais',
        partnerQuery: 'lorient',
      });
      expect(search.status).toBe(200);
      const html = await search.text();
      expect(html).toContain('value="Mobilité des jeunes lorientais"'); // what was typed is kept
      expect(html).toContain(
        `<input type="checkbox" name="partyIds" id="found-${city.id}" value="${city.id}"/>`,
      );
      // Its own organisation is not offered as a partner.
      expect(html).not.toContain(`id="found-${ml.id}"`);

      // Nothing chosen → 422 naming the field.
      const none = await client.postForm('/conventions/nouvelle', {
        ownOrganisationId: ml.id,
        title: 'Sans partenaire',
        kind: 'local_partnership',
        text: 'Texte',
      });
      expect(none.status).toBe(422);
      expect(await none.text()).toContain('Choisissez au moins un partenaire');

      // The partner ticked, an existing paper agreement dated before today.
      const res = await client.postForm('/conventions/nouvelle', {
        ownOrganisationId: ml.id,
        partyIds: [city.id],
        title: 'Mobilité des jeunes lorientais',
        kind: 'local_partnership',
        proposedOn: '2026-03-02',
        text: '# Convention\n\nArticle 1 : objet.\n',
      });
      expect(res.status).toBe(303);
      const id = res.headers.get('location')!.split('?')[0].split('/').at(-1)!;
      const parties = await app.db.many<{ organisation_id: string }>(
        sql`SELECT organisation_id FROM agreement_parties WHERE agreement_id = ${id} ORDER BY position`,
      );
      expect(parties.map((p) => p.organisation_id)).toEqual([ml.id, city.id]);
      const v = await app.db.one<{ proposed_on: string; proposed_by_organisation_id: string }>(
        sql`SELECT proposed_on, proposed_by_organisation_id FROM agreement_versions WHERE agreement_id = ${id}`,
      );
      expect(v).toEqual({ proposed_on: '2026-03-02', proposed_by_organisation_id: ml.id });

      // The city signs later (2 April): the version keeps its own, earlier date.
      const asCity = await app.as(cityAdminId);
      const page = await asCity.page(`/conventions/${id}?action=approve`);
      const hash = /name="hash" value="([0-9a-f]{64})"/.exec(page.html)![1];
      expect(
        (
          await asCity.postForm(`/conventions/${id}/approbations`, {
            organisationId: city.id,
            hash,
            signerName: 'Paul Durand',
            signerRole: 'Maire',
            signedOn: '2026-04-02',
          })
        ).status,
      ).toBe(303);
      const detail = await asCity.page(`/conventions/${id}`);
      const timeline = detail.html.slice(detail.html.indexOf('class="timeline"'));
      const proposed = timeline.indexOf('2 mars 2026');
      const signed = timeline.indexOf('2 avril 2026');
      expect(proposed).toBeGreaterThan(-1);
      expect(signed).toBeGreaterThan(proposed);
      expect(timeline).toContain('Version 1 proposée (Mission Locale de Lorient)');
      expect(timeline).toContain('Version 1 approuvée par Ville de Lorient — signée par Paul Durand (Maire)');
      expect(timeline).toContain('enregistré par Anne Martin');

      // A future date of the text → 422 naming the field.
      const future = await client.postForm('/conventions/nouvelle', {
        ownOrganisationId: ml.id,
        partyIds: [city.id],
        title: 'Plus tard',
        kind: 'local_partnership',
        proposedOn: '2026-06-01',
        text: 'Texte',
      });
      expect(future.status).toBe(422);
      expect(await future.text()).toContain('La date du texte ne peut pas être dans le futur.');
    });

    it('starts from an accepted connection with both sides prefilled', async () => {
      const asMl = await app.as(mlAdmin.id);
      await asMl.page('/compte');
      const created = await asMl.json('POST', '/api/v1/connections', {
        requesterId: ml.id,
        receiverId: region.id,
        message: 'Bonjour, construisons une mobilité de jeunes ensemble.',
      });
      expect(created.status).toBe(201);
      const connectionId = (await created.json()).id;
      const regionAdmin = await aUser(app.db, { memberOf: [{ organisationId: region.id, role: 'admin' }] });
      const asRegion = await app.as(regionAdmin.id);
      await asRegion.page('/compte');
      expect((await asRegion.json('POST', `/api/v1/connections/${connectionId}/accept`, {})).status).toBe(
        200,
      );
      const connection = await asMl.page(`/mises-en-relation/${connectionId}`);
      const href = `/conventions/nouvelle?organisation=${ml.id}&amp;partenaire=${region.id}`;
      expect(connection.html).toContain(href);
      const form = await asMl.page(href.replaceAll('&amp;', '&'));
      expect(form.res.status).toBe(200);
      expect(form.html).toMatch(new RegExp(`id="own-${ml.id}" value="${ml.id}" checked`));
      expect(form.html).toContain(
        `<input type="checkbox" name="partyIds" id="party-${region.id}" value="${region.id}" checked=""/>`,
      );
      expect(form.html).not.toContain('Aucun partenaire pour le moment');
    });

    it('starts from a joint project; the project links to its agreement, once', async () => {
      const projectId = await app.db.transaction((tx) =>
        createProject(
          { tx, audit: { actor: { kind: 'system', label: 'tests' } }, now: app.deps.now() },
          {
            title: 'Jeunes lorientais au Sénégal',
            kind: 'youth_mobility',
            summary: '',
            objectives: '',
            startsOn: null,
            endsOn: null,
            countries: ['SN'],
            organisationId: ml.id,
            partnerIds: [city.id],
          },
        ),
      );
      const asMl = await app.as(mlAdmin.id);
      const projectPage = await asMl.page(`/projets/${projectId}`);
      expect(projectPage.html).toContain(`href="/conventions/nouvelle?projet=${projectId}"`);
      const form = await asMl.page(`/conventions/nouvelle?projet=${projectId}`);
      expect(form.html).toContain('value="Convention locale — Jeunes lorientais au Sénégal"');
      expect(form.html).toContain(`<input type="hidden" name="projectId" value="${projectId}"/>`);
      expect(form.html).toContain('<option value="project_agreement" selected');
      expect(form.html).toMatch(new RegExp(`id="own-${ml.id}" value="${ml.id}" checked`));
      expect(form.html).toContain(`id="party-${city.id}" value="${city.id}" checked`);

      // A non-partner cannot attach an agreement to the project.
      const outsider = await app.as(outsiderId);
      const outsiderForm = await outsider.page(`/conventions/nouvelle?projet=${projectId}`);
      expect(outsiderForm.html).not.toContain('name="projectId"');

      const res = await asMl.postForm('/conventions/nouvelle', {
        projectId,
        ownOrganisationId: ml.id,
        partyIds: [city.id],
        title: 'Convention locale — Jeunes lorientais au Sénégal',
        kind: 'project_agreement',
        text: 'Texte',
      });
      expect(res.status).toBe(303);
      const agreementId = res.headers.get('location')!.split('?')[0].split('/').at(-1)!;
      const link = await app.db.one<{ agreement_id: string }>(
        sql`SELECT agreement_id FROM agreement_projects WHERE project_id = ${projectId}`,
      );
      expect(link.agreement_id).toBe(agreementId);
      const after = await asMl.page(`/projets/${projectId}`);
      expect(after.html).toContain(
        `<a href="/conventions/${agreementId}">Convention locale — Jeunes lorientais au Sénégal</a>`,
      );
      expect(after.html).not.toContain(`/conventions/nouvelle?projet=${projectId}`);
      const audited = await app.db.one<{ after: { projectId: string } }>(
        sql`SELECT after FROM audit_log WHERE action = 'agreement.create' AND entity_id = ${agreementId}`,
      );
      expect(audited.after.projectId).toBe(projectId);

      // A second agreement for the same project → 422, nothing written.
      const again = await asMl.postForm('/conventions/nouvelle', {
        projectId,
        ownOrganisationId: ml.id,
        partyIds: [city.id],
        title: 'Doublon',
        kind: 'project_agreement',
        text: 'Texte',
      });
      expect(again.status).toBe(422);
      expect(await again.text()).toContain('Ce projet a déjà sa convention.');
      expect(
        (
          await app.db.one<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM agreements WHERE title = 'Doublon'`,
          )
        ).n,
      ).toBe(0);
    });

    it('prints the Markdown text as a document (page and PDF), raw HTML escaped', async () => {
      const client = await app.as(mlAdmin.id);
      await client.page('/conventions/nouvelle');
      const text = [
        '# Convention de coopération',
        '',
        '## Article 1 — Objet',
        '',
        'Les parties **s’engagent** à *coopérer* :',
        '',
        '- informer les jeunes',
        '- accompagner les conseillers',
        '',
        '1. première étape',
        '2. seconde étape',
        '',
        '<script>alert(1)</script>',
        '',
      ].join('\n');
      const res = await client.postForm('/conventions/nouvelle', {
        ownOrganisationId: ml.id,
        partyIds: [city.id],
        title: 'Convention en Markdown',
        kind: 'local_partnership',
        text,
      });
      expect(res.status).toBe(303);
      const url = res.headers.get('location')!.split('?')[0];

      const print = await client.page(`${url}/impression`);
      expect(print.html).toContain('<h3>Convention de coopération</h3>');
      expect(print.html).toContain('<h4>Article 1 — Objet</h4>');
      expect(print.html).toContain('<strong>s’engagent</strong>');
      expect(print.html).toContain('<em>coopérer</em>');
      expect(print.html).toContain('<li>informer les jeunes</li>');
      expect(print.html).toContain('<ol>');
      expect(print.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(print.html).not.toContain('<script>alert(1)</script>');
      expect(print.html).not.toContain('# Convention');
      const version = await client.page(`${url}/versions/1`);
      expect(version.html).toContain('<h2>Convention de coopération</h2>');

      const pdf = await client.get(`${url}.pdf`);
      expect(pdf.status).toBe(200);
      const lines = await pdfLines(new Uint8Array(await pdf.arrayBuffer()));
      expect(lines).toContain('Convention de coopération');
      expect(lines).toContain('Article 1 — Objet');
      expect(lines).toContain('Les parties s’engagent à coopérer :');
      expect(lines).toContain('• informer les jeunes');
      expect(lines).toContain('2. seconde étape');
      expect(lines.filter((l) => /^#|\*\*/.test(l))).toEqual([]);
    });

    it('the history of the national convention names people and organisations, no internal label', async () => {
      const { id } = await seedNationalConvention(app.db, app.deps.now());
      const admin = await aUser(app.db, { globalRole: 'platform_admin' });
      const client = await app.as(admin.id);
      const page = await client.page(`/conventions/${id}`);
      expect(page.res.status).toBe(200);
      const timeline = page.html.slice(page.html.indexOf('class="timeline"'));
      expect(timeline).not.toContain('seed:');
      expect(timeline).toContain(
        'Version 1 approuvée par Union nationale des Missions Locales — signée par Stéphane Valli (Président)',
      );
      expect(timeline).toContain('Version 1 approuvée par Cités Unies France — signée par Michaël Delafosse');
    });

    it('the partner picker script exists and only calls the public autocomplete', () => {
      const js = readFileSync(
        new URL('../../../public/js/convention-partenaires.js', import.meta.url),
        'utf8',
      );
      expect(js).toContain("getAttribute('data-partner-search')");
      expect(js).not.toMatch(/innerHTML/);
    });
  });
}
