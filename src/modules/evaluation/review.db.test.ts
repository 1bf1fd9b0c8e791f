import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { pdfLines } from '../../../tests/helpers/pdf.js';
import { sql } from '../../db/sql.js';
import { createAgreement } from '../agreements/create-agreement.js';

/** Art. 4 : the annual review, each party's section, approval of the exact content (hash), frozen once approved. */
for (const kind of DB_KINDS) {
  describe(`Annual review (bilan) of an agreement (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let commune: OrgFixture;
    let mlAdmin: TestClient;
    let communeAdmin: TestClient;
    let mlMember: TestClient;
    let outsider: TestClient;
    let id: string;
    const base = () => `/conventions/${id}/bilans/1`;
    const hashOf = (html: string) => /data-review-hash[^>]*>([0-9a-f]{64})</.exec(html)?.[1] ?? '';

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-05-15T10:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lyon' });
      commune = await anOrganisation(app.db, { kind: 'local_authority', name: 'Commune de Villeurbanne' });
      const created = await app.db.transaction((tx) =>
        createAgreement(
          { tx, audit: { actor: { kind: 'system', label: 'tests' } }, now: new Date('2025-09-01T10:00:00Z') },
          {
            title: 'Convention Lyon–Villeurbanne',
            kind: 'local_partnership',
            partyIds: [ml.id, commune.id],
            body: { format: 'markdown', text: '# Convention\n\nTexte.\n' },
          },
        ),
      );
      id = created.id;
      // The local convention's years run from its creation date.
      await app.db.run(sql`UPDATE agreements SET created_at = '2025-09-01T10:00:00Z' WHERE id = ${id}`);
      mlAdmin = await app.as(
        (await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] })).id,
      );
      communeAdmin = await app.as(
        (await aUser(app.db, { memberOf: [{ organisationId: commune.id, role: 'admin' }] })).id,
      );
      mlMember = await app.as((await aUser(app.db, { memberOf: [{ organisationId: ml.id }] })).id);
      outsider = await app.as((await aUser(app.db)).id);
    });
    afterAll(() => app?.close());

    it('each party writes its section; approval is of the exact hash; a change asks everyone again; then it is frozen', async () => {
      const first = await mlAdmin.page(base());
      expect(first.res.status).toBe(200);
      expect(first.html).toContain('Bilan de l’année 1');
      expect(first.html).toContain('du 1 septembre 2025 au 31 août 2026');
      expect((await outsider.get(base())).status).toBe(403);

      expect(
        (
          await mlAdmin.postForm(`${base()}/partie`, {
            organisationId: ml.id,
            body: '12 jeunes partis à Dakar.',
          })
        ).status,
      ).toBe(303);
      // A party writes only its own section.
      expect(
        (await mlAdmin.postForm(`${base()}/partie`, { organisationId: commune.id, body: 'Non.' })).status,
      ).toBe(403);
      expect(
        (await mlMember.postForm(`${base()}/partie`, { organisationId: ml.id, body: 'Non.' })).status,
      ).toBe(403);

      const v1 = hashOf((await mlAdmin.page(base())).html);
      expect(v1).toMatch(/^[0-9a-f]{64}$/);
      expect(
        (await mlAdmin.postForm(`${base()}/approuver`, { organisationId: ml.id, hash: v1 })).status,
      ).toBe(303);

      // The commune writes its part: the content changed, the earlier approval no longer counts.
      const c1 = await communeAdmin.page(base());
      expect(c1.html).toContain('12 jeunes partis à Dakar.');
      await communeAdmin.postForm(`${base()}/partie`, {
        organisationId: commune.id,
        body: 'Accueil de 3 délégations.',
      });
      const v2 = hashOf((await communeAdmin.page(base())).html);
      expect(v2).not.toBe(v1);
      const stale = await communeAdmin.postForm(`${base()}/approuver`, {
        organisationId: commune.id,
        hash: v1,
      });
      expect(stale.status).toBe(409);
      expect(await stale.text()).toContain('Le bilan a changé');
      expect(
        (await communeAdmin.postForm(`${base()}/approuver`, { organisationId: commune.id, hash: v2 })).status,
      ).toBe(303);
      let api = await (await mlMember.get(`/api/v1/agreements/${id}/reviews/1`)).json();
      expect(api).toMatchObject({ state: 'draft', hash: v2 });

      await mlAdmin.page(base());
      expect(
        (await mlAdmin.postForm(`${base()}/approuver`, { organisationId: ml.id, hash: v2 })).status,
      ).toBe(303);
      const done = await mlMember.page(base());
      expect(done.html).toContain('Bilan approuvé par toutes les parties le 15 mai 2026');
      api = await (await mlMember.get(`/api/v1/agreements/${id}/reviews/1`)).json();
      expect(api).toMatchObject({ state: 'approved', hash: v2, approvedOn: '2026-05-15' });
      expect(api.approvals.filter((a: any) => a.hash === v2)).toHaveLength(2);

      // Frozen: no more edits.
      await mlAdmin.page(base());
      const late = await mlAdmin.postForm(`${base()}/partie`, {
        organisationId: ml.id,
        body: 'Autre chose.',
      });
      expect(late.status).toBe(409);
      expect(await late.text()).toContain('il ne change plus');
      const viaApi = await mlAdmin.json('PUT', `/api/v1/agreements/${id}/reviews/1/sections`, {
        organisationId: ml.id,
        body: 'x',
      });
      expect(viaApi.status).toBe(409);
    });

    it('prints the review as a PDF with real text, the hash and page numbers', async () => {
      const res = await mlMember.get(`${base()}/bilan.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const bytes = new Uint8Array(await res.arrayBuffer());
      const text = (await pdfLines(bytes)).join('\n');
      expect(text).toContain('Bilan de l’année 1 — Convention Lyon–Villeurbanne');
      expect(text).toContain('12 jeunes partis à Dakar.');
      expect(text).toContain('Faits marquants — Commune de Villeurbanne');
      expect(text).toContain('Approuvé par toutes les parties le 15 mai 2026');
      expect(text).toMatch(/Page 1 sur \d/);
      // Tagged PDF: a structure tree with headings.
      const raw = Buffer.from(bytes).toString('latin1');
      expect(raw).toContain('/StructTreeRoot');
      expect(raw).toContain('/MarkInfo');
    });
  });
}
