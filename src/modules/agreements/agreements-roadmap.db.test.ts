import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { seedDemoNationalAgreement } from './seed-national-convention.js';

for (const kind of DB_KINDS) {
  describe(`annual roadmap (${kind})`, () => {
    let app: TestApp;
    let id: string;
    let unmlAdminId: string;
    let cufAdminId: string;
    let unml: string;
    let cuf: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-11-26T10:00:00Z');
      id = (await seedDemoNationalAgreement(app.db, app.deps.now())).id;
      unml = (await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'UNML'`)).id;
      cuf = (await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'CUF'`)).id;
      unmlAdminId = (await aUser(app.db, { memberOf: [{ organisationId: unml, role: 'admin' }] })).id;
      cufAdminId = (await aUser(app.db, { memberOf: [{ organisationId: cuf, role: 'admin' }] })).id;
    });
    afterAll(() => app.close());

    it('the national convention shows its year-2 roadmap, validated, with the year-1 action carried over', async () => {
      const client = await app.as(unmlAdminId);
      const agreement = await client.page(`/conventions/${id}`);
      expect(agreement.html).toContain('En vigueur');
      expect(agreement.html).toContain('4 juillet 2025');
      expect(agreement.html).toContain('3 juillet 2028');
      // Issue 9 §4: roadmaps named and linked by calendar period (art. 3: one per convention year).
      expect(agreement.html).toContain(
        `<a href="/conventions/${id}/feuilles-de-route/2026">Année 2 — 4 juillet 2026 au 3 juillet 2027</a>`,
      );
      expect(agreement.html).toContain(
        `<a href="/conventions/${id}/feuilles-de-route/2025">Année 1 — 4 juillet 2025 au 3 juillet 2026</a>`,
      );
      const y2 = await client.page(`/conventions/${id}/feuilles-de-route/2`);
      expect(y2.res.status).toBe(200);
      expect(y2.html).toContain('<h1>Feuille de route — Année 2 — 4 juillet 2026 au 3 juillet 2027</h1>');
      // The calendar-year URL finds the roadmap covering that year (the one starting in it).
      const y2026 = await client.page(`/conventions/${id}/feuilles-de-route/2026`);
      expect(y2026.res.status).toBe(200);
      expect(y2026.html).toContain('<h1>Feuille de route — Année 2 — 4 juillet 2026 au 3 juillet 2027</h1>');
      expect(y2026.html).toContain('Mises en relation Missions Locales – collectivités pilotes');
      expect((await client.page(`/conventions/${id}/feuilles-de-route/2025`)).html).toContain(
        'Année 1 — 4 juillet 2025 au 3 juillet 2026',
      );
      // 2028 holds only the end of year 3; 2029 is after the term.
      expect((await client.page(`/conventions/${id}/feuilles-de-route/2028`)).html).toContain(
        'Année 3 — 4 juillet 2027 au 3 juillet 2028',
      );
      const after = await client.page(`/conventions/${id}/feuilles-de-route/2029`);
      expect(after.res.status).toBe(404);
      expect(after.html).toContain('Aucune année de la convention ne tombe en 2029.');
      // Seeded approvals show no internal label ("seed: …"), only the date.
      expect(y2.html).toContain('Union nationale des Missions Locales : approuvée le');
      expect(y2.html).not.toContain('seed:');
      expect(y2.html).toContain('Validée par toutes les parties');
      expect(y2.html).toContain('Mises en relation Missions Locales – collectivités pilotes');
      expect(y2.html).toContain('reportée de l’année précédente');
      // Carried over with its history: the copy points to the year-1 action.
      const carried = await app.db.one<{ carried_from_action_id: string; progress: number }>(sql`
        SELECT a.carried_from_action_id, a.progress FROM roadmap_actions a JOIN agreement_roadmaps r ON r.id = a.roadmap_id
        WHERE r.agreement_id = ${id} AND r.year = 2 AND a.carried_from_action_id IS NOT NULL`);
      expect(carried.progress).toBe(40);
      // Weighted roll-up: (40 + 0 + 0) / 3 = 13 %.
      expect(y2.html).toContain('13 %');
      // Accessibility: no two elements share an id, whichever form is open.
      const actionId = /modifier=([0-9a-f-]{36})/.exec(y2.html)![1];
      for (const url of [
        `/conventions/${id}`,
        `/conventions/${id}?action=meeting`,
        `/conventions/${id}?action=notice`,
        `/conventions/${id}/feuilles-de-route/2?modifier=${actionId}`,
      ]) {
        const ids = [...(await client.page(url)).html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(ids.length, url).toBeGreaterThan(3);
        expect(
          ids.filter((x, i) => ids.indexOf(x) !== i),
          url,
        ).toEqual([]);
      }
    });

    it('adding an action changes the hash: validation again, a stale hash is refused (409)', async () => {
      const client = await app.as(unmlAdminId);
      const before = await client.page(`/conventions/${id}/feuilles-de-route/2`);
      const oldHash = /name="hash" value="([0-9a-f]{64})"/.exec(before.html)?.[1];
      expect(oldHash).toBeUndefined(); // validated: no approval form
      const bad = await client.postForm(`/conventions/${id}/feuilles-de-route/2/actions`, {
        title: '',
        engagement: 'unknown',
        ownerOrganisationId: unml,
      });
      expect(bad.status).toBe(422);
      const add = await client.postForm(`/conventions/${id}/feuilles-de-route/2/actions`, {
        title: 'Rencontre nationale commune',
        engagement: 'exchange_events',
        ownerOrganisationId: unml,
        indicator: 'participants',
        targetValue: '200',
        dueOn: '2027-06-15',
        weight: '2',
      });
      expect(add.status).toBe(303);
      const page = await client.page(`/conventions/${id}/feuilles-de-route/2`);
      expect(page.html).toContain('En attente de validation');
      const hash = /name="hash" value="([0-9a-f]{64})"/.exec(page.html)![1];
      const stale = await client.postForm(`/conventions/${id}/feuilles-de-route/2/approbations`, {
        organisationId: unml,
        hash: 'a'.repeat(64),
      });
      expect(stale.status).toBe(409);
      // The UNML admin cannot approve for CUF.
      expect(
        (
          await client.postForm(`/conventions/${id}/feuilles-de-route/2/approbations`, {
            organisationId: cuf,
            hash,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await client.postForm(`/conventions/${id}/feuilles-de-route/2/approbations`, {
            organisationId: unml,
            hash,
          })
        ).status,
      ).toBe(303);
      const cufClient = await app.as(cufAdminId);
      await cufClient.page(`/conventions/${id}/feuilles-de-route/2`);
      expect(
        (
          await cufClient.postForm(`/conventions/${id}/feuilles-de-route/2/approbations`, {
            organisationId: cuf,
            hash,
          })
        ).status,
      ).toBe(303);
      expect((await cufClient.page(`/conventions/${id}/feuilles-de-route/2`)).html).toContain(
        'Validée par toutes les parties',
      );
    });

    it('imports actions from CSV with a per-row error report, all or nothing; exports them', async () => {
      const client = await app.as(unmlAdminId);
      await client.page(`/conventions/${id}/feuilles-de-route/2`);
      const count = async () =>
        (
          await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM roadmap_actions a
            JOIN agreement_roadmaps r ON r.id = a.roadmap_id WHERE r.agreement_id = ${id} AND r.year = 2`)
        ).n;
      const before = await count();
      const bad = await client.postForm(`/conventions/${id}/feuilles-de-route/2/import`, {
        csv: 'titre;engagement;porteur\nLettre commune;joint_communication;CUF\n;nope;Mairie\n',
      });
      expect(bad.status).toBe(422);
      const html = await bad.text();
      expect(html).toContain('Ligne 3');
      expect(html).toContain('n&#39;est pas partie à la convention');
      expect(await count()).toBe(before);
      const ok = await client.postForm(`/conventions/${id}/feuilles-de-route/2/import`, {
        csv: 'titre;engagement;porteur;avancement\nLettre commune;joint_communication;CUF;10\nWebinaire ECSI;ecsi_awareness;UNML;0\n',
      });
      expect(ok.status).toBe(303);
      expect(await count()).toBe(before + 2);
      const csv = await client.get(`/conventions/${id}/feuilles-de-route/2/actions.csv`);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = await csv.text();
      expect(text).toContain('titre;description;engagement;porteur');
      expect(text).toContain('Lettre commune;;joint_communication;Cités Unies France');
    });

    it('the signed document of the national convention is uploaded by its users, not copied in the code', async () => {
      const approvals = await app.db.many<{ id: string; organisation_id: string }>(
        sql`SELECT id, organisation_id FROM agreement_approvals WHERE agreement_id = ${id} ORDER BY signed_on, created_at`,
      );
      const unmlApproval = approvals.find((a) => a.organisation_id === unml)!;
      const upload = async (userId: string, bytes: string) => {
        const client = await app.as(userId);
        const { html } = await client.page(`/conventions/${id}`);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
        const form = new FormData();
        form.set('_csrf', csrf);
        form.set('file', new File([bytes], 'convention-signee.pdf', { type: 'application/pdf' }));
        return client.request(`/conventions/${id}/approbations/${unmlApproval.id}/copie`, {
          method: 'POST',
          body: form,
        });
      };
      // CUF cannot upload UNML's signed copy; a text file is not a PDF.
      expect((await upload(cufAdminId, '%PDF-1.4 x')).status).toBe(403);
      expect((await upload(unmlAdminId, 'pas un pdf')).status).toBe(422);
      expect((await upload(unmlAdminId, '%PDF-1.4 copie signée')).status).toBe(303);
      expect((await upload(unmlAdminId, '%PDF-1.4 encore')).status).toBe(409);
      const client = await app.as(cufAdminId);
      const file = await client.get(`/conventions/${id}/approbations/${unmlApproval.id}/copie`);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).toString('utf8')).toBe('%PDF-1.4 copie signée');
      const events = await app.db.many<{ type: string }>(
        sql`SELECT type FROM agreement_events WHERE agreement_id = ${id} AND type = 'signed_copy_attached'`,
      );
      expect(events).toHaveLength(1);
    });

    it('one roadmap per year; none beyond the term', async () => {
      const client = await app.as(unmlAdminId);
      await client.page(`/conventions/${id}/feuilles-de-route/2`);
      expect((await client.postForm(`/conventions/${id}/feuilles-de-route`, { year: '2' })).status).toBe(409);
      expect((await client.postForm(`/conventions/${id}/feuilles-de-route`, { year: '4' })).status).toBe(422);
      const y3 = await client.postForm(`/conventions/${id}/feuilles-de-route`, { year: '3' });
      expect(y3.status).toBe(303);
      const page = await client.page(`/conventions/${id}/feuilles-de-route/3`);
      expect(page.html).toContain('Année 3 — 4 juillet 2027 au 3 juillet 2028');
    });
  });
}
