import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

for (const kind of DB_KINDS) {
  describe(`agreement pages (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let city: OrgFixture;
    let mlAdminId: string;
    let cityAdminId: string;
    let outsiderId: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-05-04T08:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Nantes' });
      city = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Ville de Nantes',
      });
      const other = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Autre ML' });
      mlAdminId = (await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] })).id;
      cityAdminId = (await aUser(app.db, { memberOf: [{ organisationId: city.id, role: 'admin' }] })).id;
      outsiderId = (await aUser(app.db, { memberOf: [{ organisationId: other.id, role: 'admin' }] })).id;
    });
    afterAll(() => app.close());

    it('creates, signs, amends and compares a convention through the pages', async () => {
      const mlAdmin = await app.as(mlAdminId);
      const form = await mlAdmin.page('/conventions/nouvelle');
      expect(form.res.status).toBe(200);
      expect(form.html).toContain('Créer une convention');

      // Bad input: one party, no text → 422 with the fields named, nothing written.
      const bad = await mlAdmin.postForm('/conventions/nouvelle', {
        title: 'Projet',
        kind: 'local_partnership',
        partyIds: ml.id,
      });
      expect(bad.status).toBe(422);
      const badHtml = await bad.text();
      expect(badHtml).toContain('Le formulaire contient des erreurs');
      expect(badHtml).toContain('Écrivez le texte ou joignez le PDF.');
      const res = await mlAdmin.postForm('/conventions/nouvelle', {
        title: 'Convention Jeunes solidaires',
        kind: 'project_agreement',
        partyIds: [ml.id, city.id],
        termYears: '2',
        text: 'Article 1 : objet.\nArticle 2 : durée de deux ans.\n',
      });
      expect(res.status).toBe(303);
      const url = res.headers.get('location')!.split('?')[0];
      const id = url.split('/').at(-1)!;

      let page = await mlAdmin.page(url);
      expect(page.res.status).toBe(200);
      expect(page.html).toContain('En projet');
      page = await mlAdmin.page(`${url}?action=approve`);
      const hash1 = /name="hash" value="([0-9a-f]{64})"/.exec(page.html)![1];

      // A signature with a malformed date → the page again, 422, the field named.
      const badSign = await mlAdmin.postForm(`${url}/approbations`, {
        organisationId: ml.id,
        hash: hash1,
        signerName: 'Anne Martin',
        signerRole: 'Présidente',
        signedOn: '2026-02-31',
      });
      expect(badSign.status).toBe(422);
      expect(await badSign.text()).toContain('AAAA-MM-JJ');
      const sign = await mlAdmin.postForm(`${url}/approbations`, {
        organisationId: ml.id,
        hash: hash1,
        signerName: 'Anne Martin',
        signerRole: 'Présidente',
        signedOn: '2026-05-02',
      });
      expect(sign.status).toBe(303);
      const cityAdmin = await app.as(cityAdminId);
      await cityAdmin.page(url);
      expect(
        (
          await cityAdmin.postForm(`${url}/approbations`, {
            organisationId: city.id,
            hash: hash1,
            signerName: 'Paul Durand',
            signerRole: 'Maire',
            signedOn: '2026-05-04',
          })
        ).status,
      ).toBe(303);
      page = await cityAdmin.page(url);
      expect(page.html).toContain('En vigueur');
      expect(page.html).toContain('4 mai 2026');
      expect(page.html).toContain('3 mai 2028'); // 2 years: last day = 2nd anniversary − 1 day

      // ?on= shows the past state.
      const past = await cityAdmin.page(`${url}?on=2026-05-03`);
      expect(past.html).toContain('En cours de signature');
      expect(past.html).toContain('telle qu’elle était le 3 mai 2026');

      // Amendment, then the diff.
      const v2 = await cityAdmin.postForm(`${url}/versions`, {
        organisationId: city.id,
        text: 'Article 1 : objet élargi.\nArticle 2 : durée de deux ans.\n',
      });
      expect(v2.status).toBe(303);
      const diff = await cityAdmin.page(`${url}/versions/2/diff`);
      expect(diff.res.status).toBe(200);
      expect(diff.html).toContain('<del>Article 1 : objet.</del>');
      expect(diff.html).toContain('<ins>Article 1 : objet élargi.</ins>');
      expect(diff.html).toContain('1 ligne(s) ajoutée(s), 1 ligne(s) supprimée(s).');
      // Approving the old hash from a stale form → 409 and the page says why.
      const stale = await mlAdmin.postForm(`${url}/approbations`, {
        organisationId: ml.id,
        hash: hash1,
        signerName: 'Anne Martin',
        signerRole: 'Présidente',
        signedOn: '2026-05-04',
      });
      expect(stale.status).toBe(409);
      expect(await stale.text()).toContain('n&#39;est plus la dernière');

      // Print page and PDF export.
      const print = await cityAdmin.page(`${url}/impression`);
      expect(print.html).toContain('Relevé des signatures');
      expect(print.html).toContain('Paul Durand');
      const pdf = await cityAdmin.get(`${url}.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await pdf.arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // English for the foreign partners.
      const en = await cityAdmin.page(`${url}?lang=en`);
      expect(en.html).toContain('In force');
      expect(en.html).toContain('Parties and signatures');

      // A non-party sees neither the page nor the PDF.
      const outsider = await app.as(outsiderId);
      expect((await outsider.get(url)).status).toBe(403);
      expect((await outsider.get(`${url}.pdf`)).status).toBe(403);
      const list = await outsider.page('/conventions');
      expect(list.html).not.toContain('Jeunes solidaires');
      const mine = await cityAdmin.page('/conventions');
      expect(mine.html).toContain('Jeunes solidaires');

      const rows = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM agreement_events WHERE agreement_id = ${id}`,
      );
      expect(rows.n).toBe(5);
    });

    it('records an annual meeting and a dispute moving through its stages', async () => {
      const mlAdmin = await app.as(mlAdminId);
      const list = await mlAdmin.page('/conventions');
      const url = /href="(\/conventions\/[0-9a-f-]{36})"/.exec(list.html)![1];
      await mlAdmin.page(url);
      expect(
        (
          await mlAdmin.postForm(`${url}/reunions`, {
            heldOn: '2026-05-04',
            attendees: 'ML, Ville',
            minutes: 'Tour de table des actions de l’année',
            decisions: 'Feuille de route validée',
            review: '12 jeunes partis, 3 ateliers ECSI',
            roadmapYear: '1',
          })
        ).status,
      ).toBe(303);
      // Art. 4 : everything typed is kept — the review (bilan) and the roadmap year too.
      const kept = await app.db.one<any>(
        sql`SELECT minutes, decisions, review, roadmap_year FROM agreement_meetings ORDER BY created_at DESC LIMIT 1`,
      );
      expect(kept).toEqual({
        minutes: 'Tour de table des actions de l’année',
        decisions: 'Feuille de route validée',
        review: '12 jeunes partis, 3 ateliers ECSI',
        roadmap_year: 1,
      });
      const badYear = await mlAdmin.postForm(`${url}/reunions`, {
        heldOn: '2026-05-04',
        attendees: 'ML, Ville',
        roadmapYear: '0',
      });
      expect(badYear.status).toBe(422);
      expect(await badYear.text()).toContain('1 pour la première année');
      expect(
        (
          await mlAdmin.postForm(`${url}/litiges`, {
            organisationId: ml.id,
            subject: 'Retard de versement',
            openedOn: '2026-05-04',
          })
        ).status,
      ).toBe(303);
      const page = await mlAdmin.page(url);
      expect(page.html).toContain('Feuille de route validée');
      expect(page.html).toContain('Tour de table des actions de l’année');
      expect(page.html).toContain('12 jeunes partis, 3 ateliers ECSI');
      expect(page.html).toContain('Année de la feuille de route examinée');
      const disputeId = /action=stage-([0-9a-f-]{36})/.exec(page.html)![1];
      const back = await mlAdmin.postForm(`${url}/litiges/${disputeId}/etape`, {
        organisationId: ml.id,
        stage: 'amicable',
        stageOn: '2026-05-04',
      });
      expect(back.status).toBe(422);
      const med = await mlAdmin.postForm(`${url}/litiges/${disputeId}/etape`, {
        organisationId: ml.id,
        stage: 'mediation',
        stageOn: '2026-05-04',
      });
      expect(med.status).toBe(303);
      expect((await mlAdmin.page(url)).html).toContain('Médiation');
    });
  });
}
