import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { ecsiAwarenessStats } from './index.js';

/** ECSI awareness (art. 3 : sensibiliser les Missions Locales et les collectivités à l’ECSI). */
for (const kind of DB_KINDS) {
  describe(`ECSI library and awareness (${kind})`, () => {
    let app: TestApp;
    let member: TestClient;
    let staff: TestClient;
    let memberId: string;
    let ml: OrgFixture;
    let ml2: OrgFixture;
    let commune: OrgFixture;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-04-01T09:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lyon' });
      ml2 = await anOrganisation(app.db, {
        kind: 'mission_locale',
        name: 'Mission Locale de Bourg-en-Bresse',
      });
      commune = await anOrganisation(app.db, { kind: 'local_authority', name: 'Commune de Villeurbanne' });
      const u = await aUser(app.db, { memberOf: [{ organisationId: ml.id }] });
      memberId = u.id;
      member = await app.as(u.id);
      staff = await app.as((await aUser(app.db, { globalRole: 'network_admin' })).id);
    });
    afterAll(() => app?.close());

    const suggest = async (title: string, extra: Record<string, string> = {}) => {
      await member.page('/ecsi/proposer');
      return member.postForm('/ecsi/proposer', {
        title,
        kind: 'guide',
        summary: 'Des activités pour parler de solidarité internationale avec des jeunes.',
        audience: 'missions_locales',
        language: 'fr',
        licence: 'CC BY 4.0',
        source: 'Réseau régional',
        url: 'https://exemple.fr/guide',
        ...extra,
      });
    };

    it('a suggestion is invisible until network staff publish it; then it is found like in the directory', async () => {
      const bad = await suggest('', { url: '', licence: '' });
      expect(bad.status).toBe(422);
      const html = await bad.text();
      expect(html).toContain('error-summary');
      expect(html).toMatch(/Indiquez le titre/);
      expect((await suggest('Guide de l’éducation à la solidarité internationale')).status).toBe(303);
      const row = await app.db.one<{ id: string; status: string; suggested_by: string }>(
        sql`SELECT id, status, suggested_by FROM ecsi_resources WHERE title LIKE 'Guide de l’éducation%'`,
      );
      expect(row).toMatchObject({ status: 'suggested', suggested_by: memberId });
      const anon = app.anonymous();
      expect((await (await anon.get('/api/v1/ecsi/resources')).json()).total).toBe(0);
      expect((await anon.get(`/ecsi/ressources/${row.id}`)).status).toBe(404);
      // Members cannot moderate.
      await member.page('/ecsi');
      expect((await member.postForm(`/ecsi/ressources/${row.id}/publier`)).status).toBe(403);
      const queue = await staff.page('/ecsi/moderation');
      expect(queue.html).toContain('Guide de l’éducation à la solidarité internationale');
      expect((await staff.postForm(`/ecsi/ressources/${row.id}/publier`)).status).toBe(303);
      // Found without accents or case, and by filters.
      const found = await (await anon.get('/api/v1/ecsi/resources?q=EDUCATION%20solidarite')).json();
      expect(found.items.map((x: any) => x.id)).toEqual([row.id]);
      expect((await (await anon.get('/api/v1/ecsi/resources?kind=tool')).json()).total).toBe(0);
      expect((await (await anon.get('/api/v1/ecsi/resources?audience=missions_locales')).json()).total).toBe(
        1,
      );
      const badFilter = await anon.get('/api/v1/ecsi/resources?kind=roman');
      expect(badFilter.status).toBe(400);
      expect((await badFilter.json()).error.fields.kind).toMatch(/Type inconnu/);
      const page = await (await anon.get('/ecsi?q=solidarite')).text();
      expect(page).toContain('Guide de l’éducation à la solidarité internationale');
      // Published twice: refused (409), nothing changes.
      expect((await staff.postForm(`/ecsi/ressources/${row.id}/publier`)).status).toBe(409);
      // Withdrawn: gone from the library.
      expect((await staff.postForm(`/ecsi/ressources/${row.id}/retirer`)).status).toBe(303);
      expect((await (await anon.get('/api/v1/ecsi/resources')).json()).total).toBe(0);
      const log = await app.db.many<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE entity_id = ${row.id} ORDER BY id`,
      );
      expect(log.map((l) => l.action)).toEqual([
        'ecsi.resource.suggest',
        'ecsi.resource.publish',
        'ecsi.resource.withdraw',
      ]);
    });

    it('a rejection needs a reason and is final', async () => {
      await suggest('Une proposition hors sujet');
      const row = await app.db.one<{ id: string }>(
        sql`SELECT id FROM ecsi_resources WHERE title = 'Une proposition hors sujet'`,
      );
      await staff.page('/ecsi/moderation');
      const noReason = await staff.postForm(`/ecsi/ressources/${row.id}/refuser`, {});
      expect(noReason.status).toBe(422);
      expect(await noReason.text()).toMatch(/motif du refus/);
      expect(
        (await staff.postForm(`/ecsi/ressources/${row.id}/refuser`, { [`reason-${row.id}`]: 'Hors ECSI.' }))
          .status,
      ).toBe(303);
      const after = await app.db.one<any>(
        sql`SELECT status, rejection_reason FROM ecsi_resources WHERE id = ${row.id}`,
      );
      expect(after).toEqual({ status: 'rejected', rejection_reason: 'Hors ECSI.' });
      expect((await staff.postForm(`/ecsi/ressources/${row.id}/publier`)).status).toBe(409);
    });

    it('a file can be attached instead of a link, and is served once published', async () => {
      await member.page('/ecsi/proposer');
      const form = new FormData();
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await member.page('/ecsi/proposer')).html)![1];
      for (const [k, v] of Object.entries({
        _csrf: csrf,
        title: 'Fiche outil',
        kind: 'tool',
        summary: 'Une fiche.',
        audience: 'both',
        licence: 'Licence Ouverte 2.0',
        source: 'CUF',
      }))
        form.set(k, v);
      form.set(
        'file',
        new File([new Uint8Array([37, 80, 68, 70, 45])], 'fiche.pdf', { type: 'application/pdf' }),
      );
      const res = await member.request('/ecsi/proposer', { method: 'POST', body: form });
      expect(res.status).toBe(303);
      const row = await app.db.one<{ id: string }>(
        sql`SELECT id FROM ecsi_resources WHERE title = 'Fiche outil'`,
      );
      expect((await app.anonymous().get(`/ecsi/ressources/${row.id}/fichier`)).status).toBe(404);
      await staff.page('/ecsi/moderation');
      await staff.postForm(`/ecsi/ressources/${row.id}/publier`);
      const file = await app.anonymous().get(`/ecsi/ressources/${row.id}/fichier`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([37, 80, 68, 70, 45]));
    });

    it('awareness actions count the Missions Locales made aware (organisations, never persons)', async () => {
      await member.page('/ecsi/actions/nouvelle');
      const unknown = await member.postForm('/ecsi/actions/nouvelle', {
        title: 'Atelier ECSI',
        kind: 'workshop',
        heldOn: '2026-03-15',
        organiserId: ml.id,
        participants: 'Commune de Villeurbanne\nMission Locale Imaginaire',
      });
      expect(unknown.status).toBe(422);
      expect(await unknown.text()).toContain('Mission Locale Imaginaire');
      const notMine = await member.postForm('/ecsi/actions/nouvelle', {
        title: 'Atelier ECSI',
        kind: 'workshop',
        heldOn: '2026-03-15',
        organiserId: commune.id,
        participants: '',
      });
      expect(notMine.status).toBe(422);
      const ok = await member.postForm('/ecsi/actions/nouvelle', {
        title: 'Atelier ECSI',
        kind: 'workshop',
        heldOn: '2026-03-15',
        organiserId: ml.id,
        participants: 'commune de villeurbanne\nMission Locale de Bourg-en-Bresse',
      });
      expect(ok.status).toBe(303);
      await member.postForm('/ecsi/actions/nouvelle', {
        title: 'Présentation',
        kind: 'presentation',
        heldOn: '2026-03-20',
        organiserId: ml.id,
        participants: 'Mission Locale de Bourg-en-Bresse',
      });
      const stats = await ecsiAwarenessStats(app.db, { from: '2026-01-01', to: '2026-12-31' });
      expect(stats).toEqual({
        actions: 2,
        missionsLocalesAware: 2,
        authoritiesAware: 1,
        byKind: { workshop: 1, presentation: 1 },
      });
      expect(
        (await ecsiAwarenessStats(app.db, { from: '2026-03-16', to: '2026-12-31' })).missionsLocalesAware,
      ).toBe(2);
      expect((await ecsiAwarenessStats(app.db, { from: '2025-01-01', to: '2025-12-31' })).actions).toBe(0);
      const api = await (
        await app.anonymous().get('/api/v1/ecsi/awareness?from=2026-01-01&to=2026-12-31')
      ).json();
      expect(api.missionsLocalesAware).toBe(2);
      const page = await (await app.anonymous().get('/ecsi/actions')).text();
      expect(page).toContain('Missions Locales sensibilisées à l’ECSI : 2');
      expect(page).toContain('Mission Locale de Bourg-en-Bresse');
      void ml2;
    });
  });
}
