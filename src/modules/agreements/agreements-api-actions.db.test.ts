/**
 * Issue 10, "Every action has its API": the agreement page's and roadmap pages' actions
 * through /api/v1, with the typed client and real personal tokens (same operations, same
 * policies, same validation as the pages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, personalToken, typedClient } from '../../../tests/helpers/api-client.js';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { seedDemoNationalAgreement } from './seed-national-convention.js';

const PDF: Uint8Array<ArrayBuffer> = new TextEncoder().encode(
  '%PDF-1.4\n% copie signée\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
);

for (const kind of DB_KINDS) {
  describe(`agreement actions in the API (${kind})`, () => {
    let app: TestApp;
    let id: string;
    let unml: string;
    let cuf: string;
    let unmlApi: ApiClient;
    let cufApi: ApiClient;
    let outsiderApi: ApiClient;
    let unmlToken: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-11-26T10:00:00Z');
      id = (await seedDemoNationalAgreement(app.db, app.deps.now())).id;
      unml = (await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'UNML'`)).id;
      cuf = (await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'CUF'`)).id;
      const other = await anOrganisation(app.db, { kind: 'mission_locale' });
      const unmlAdmin = (await aUser(app.db, { memberOf: [{ organisationId: unml, role: 'admin' }] })).id;
      const cufAdmin = (await aUser(app.db, { memberOf: [{ organisationId: cuf, role: 'admin' }] })).id;
      const outsider = (await aUser(app.db, { memberOf: [{ organisationId: other.id, role: 'admin' }] })).id;
      unmlToken = await personalToken(app, unmlAdmin);
      unmlApi = typedClient(app, unmlToken);
      cufApi = typedClient(app, await personalToken(app, cufAdmin));
      outsiderApi = typedClient(app, await personalToken(app, outsider));
    });
    afterAll(() => app?.close());

    const raw = (path: string, init: RequestInit) =>
      app.app.request(`http://passerelle.test${path}`, {
        ...init,
        headers: { authorization: `Bearer ${unmlToken}`, ...(init.headers ?? {}) },
      });

    it('GET roadmaps: each year with its calendar period, state, hash and actions (art. 3)', async () => {
      const res = await unmlApi.GET('/api/v1/agreements/{id}/roadmaps', { params: { path: { id } } });
      expect(res.response.status).toBe(200);
      const items = res.data!.items;
      expect(items.map((i) => i.year)).toEqual([1, 2]);
      expect(items[0]).toMatchObject({ startsOn: '2025-07-04', endsOn: '2026-07-03', state: 'validated' });
      expect(items[1]).toMatchObject({ startsOn: '2026-07-04', endsOn: '2027-07-03', state: 'validated' });
      expect(items[1].hash).toMatch(/^[0-9a-f]{64}$/);
      expect(items[1].actions.some((a) => a.carriedFromActionId)).toBe(true);
      const denied = await outsiderApi.GET('/api/v1/agreements/{id}/roadmaps', { params: { path: { id } } });
      expect(denied.response.status).toBe(403);
    });

    it('roadmap: add an action (new hash → draft), follow it up, approve by hash for each party', async () => {
      const path = { id, year: '2' };
      const bad = await unmlApi.POST('/api/v1/agreements/{id}/roadmaps/{year}/actions', {
        params: { path },
        body: { title: '', engagement: 'exchange_events', ownerOrganisationId: unml },
      });
      expect(bad.response.status).toBe(422);
      expect(Object.keys(bad.error!.error.fields!)).toContain('title');
      const added = await unmlApi.POST('/api/v1/agreements/{id}/roadmaps/{year}/actions', {
        params: { path },
        body: {
          title: 'Webinaire national ECSI',
          engagement: 'exchange_events',
          ownerOrganisationId: unml,
          coOwnerIds: [cuf],
          indicator: 'participants',
          targetValue: 150,
          dueOn: '2027-03-15',
          weight: 2,
        },
      });
      expect(added.response.status).toBe(201);
      expect(added.data!.state).toBe('draft');
      const action = added.data!.actions.find((a) => a.title === 'Webinaire national ECSI')!;
      expect(action).toMatchObject({ status: 'planned', progress: 0, weight: 2, coOwnerIds: [cuf] });

      const followed = await unmlApi.PATCH('/api/v1/agreements/{id}/roadmaps/{year}/actions/{actionId}', {
        params: { path: { ...path, actionId: action.id } },
        body: { status: 'in_progress', progress: 30 },
      });
      expect(followed.response.status).toBe(200);
      expect(followed.data!.actions.find((a) => a.id === action.id)).toMatchObject({
        status: 'in_progress',
        progress: 30,
      });
      const badProgress = await unmlApi.PATCH('/api/v1/agreements/{id}/roadmaps/{year}/actions/{actionId}', {
        params: { path: { ...path, actionId: action.id } },
        body: { status: 'in_progress', progress: 140 },
      });
      expect(badProgress.response.status).toBe(422);
      expect(badProgress.error!.error.fields).toHaveProperty('progress');

      const hash = followed.data!.hash;
      const stale = await unmlApi.POST('/api/v1/agreements/{id}/roadmaps/{year}/approvals', {
        params: { path },
        body: { organisationId: unml, hash: 'a'.repeat(64) },
      });
      expect(stale.response.status).toBe(409);
      const forOther = await unmlApi.POST('/api/v1/agreements/{id}/roadmaps/{year}/approvals', {
        params: { path },
        body: { organisationId: cuf, hash },
      });
      expect(forOther.response.status).toBe(403);
      const first = await unmlApi.POST('/api/v1/agreements/{id}/roadmaps/{year}/approvals', {
        params: { path },
        body: { organisationId: unml, hash },
      });
      expect(first.response.status).toBe(201);
      expect(first.data!.state).toBe('draft');
      const second = await cufApi.POST('/api/v1/agreements/{id}/roadmaps/{year}/approvals', {
        params: { path },
        body: { organisationId: cuf, hash },
      });
      expect(second.data!.state).toBe('validated');
      expect(
        second
          .data!.approvals.filter((a) => a.current)
          .map((a) => a.organisationId)
          .sort(),
      ).toEqual([unml, cuf].sort());
    });

    it('roadmap CSV: export, import all-or-nothing with per-line errors', async () => {
      const exported = await raw(`/api/v1/agreements/${id}/roadmaps/2/actions.csv`, {});
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toContain('text/csv');
      const csv = await exported.text();
      expect(csv).toContain('Webinaire national ECSI');
      const before = (await unmlApi.GET('/api/v1/agreements/{id}/roadmaps', { params: { path: { id } } }))
        .data!.items[1].actions.length;

      const [header, firstRow] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
      const sep = header.includes(';') ? ';' : ',';
      const orphan = [
        'Action sans porteur',
        '',
        'exchange_events',
        'Organisation inconnue',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ];
      const broken = `${header}\n${firstRow}\n${orphan.join(sep)}\n`;
      const rejected = await raw(`/api/v1/agreements/${id}/roadmaps/2/actions/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: broken,
      });
      expect(rejected.status).toBe(422);
      const err = (await rejected.json()) as { error: { fields: Record<string, string> } };
      expect(Object.keys(err.error.fields)).toContain('line 3');
      const unchanged = (await unmlApi.GET('/api/v1/agreements/{id}/roadmaps', { params: { path: { id } } }))
        .data!.items[1].actions.length;
      expect(unchanged).toBe(before);

      const ok = await raw(`/api/v1/agreements/${id}/roadmaps/2/actions/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: `${header}\n${['Rencontre importée', '', 'exchange_events', 'UNML', 'CUF', '', '', '2027-05-01', 'planned', '0', '1'].join(sep)}\n`,
      });
      expect(ok.status).toBe(201);
      const imported = (await ok.json()) as { imported: number; roadmap: { actions: { title: string }[] } };
      expect(imported.imported).toBe(1);
      expect(imported.roadmap.actions.map((a) => a.title)).toContain('Rencontre importée');
    });

    it('annual meeting (art. 4): 422 naming the field, then recorded with its history entry', async () => {
      const bad = await unmlApi.POST('/api/v1/agreements/{id}/meetings', {
        params: { path: { id } },
        body: { heldOn: '2026-11-20', attendees: ' ' },
      });
      expect(bad.response.status).toBe(422);
      expect(bad.error!.error.fields).toHaveProperty('attendees');
      const future = await unmlApi.POST('/api/v1/agreements/{id}/meetings', {
        params: { path: { id } },
        body: { heldOn: '2027-01-20', attendees: 'UNML, CUF' },
      });
      expect(future.response.status).toBe(422);
      const done = await unmlApi.POST('/api/v1/agreements/{id}/meetings', {
        params: { path: { id } },
        body: {
          heldOn: '2026-11-20',
          attendees: 'UNML (présidente), CUF (délégué général)',
          minutes: 'Bilan de l’année 1.',
          decisions: 'Deux webinaires en 2027.',
          review: 'Année 1 : 40 % de la feuille de route.',
          roadmapYear: 1,
        },
      });
      expect(done.response.status).toBe(201);
      const row = await app.db.one<{ attendees: string }>(
        sql`SELECT attendees FROM agreement_meetings WHERE id = ${done.data!.id}`,
      );
      expect(row.attendees).toContain('CUF (délégué général)');
      const outsider = await outsiderApi.POST('/api/v1/agreements/{id}/meetings', {
        params: { path: { id } },
        body: { heldOn: '2026-11-20', attendees: 'x' },
      });
      expect(outsider.response.status).toBe(403);
    });

    it('disputes (art. 9): opened amicably, then mediation; only a party', async () => {
      const opened = await unmlApi.POST('/api/v1/agreements/{id}/disputes', {
        params: { path: { id } },
        body: { organisationId: unml, subject: 'Répartition des frais du forum', openedOn: '2026-11-25' },
      });
      expect(opened.response.status).toBe(201);
      const disputeId = opened.data!.id;
      const wrongStage = await cufApi.POST('/api/v1/agreements/{id}/disputes/{disputeId}/stages', {
        params: { path: { id, disputeId } },
        body: { organisationId: cuf, stage: 'amicable' as never, stageOn: '2026-11-26' },
      });
      expect(wrongStage.response.status).toBe(422);
      expect(wrongStage.error!.error.fields).toHaveProperty('stage');
      const mediation = await cufApi.POST('/api/v1/agreements/{id}/disputes/{disputeId}/stages', {
        params: { path: { id, disputeId } },
        body: { organisationId: cuf, stage: 'mediation', stageOn: '2026-11-26' },
      });
      expect(mediation.response.status).toBe(200);
      expect(mediation.data!.disputes.find((d) => d.id === disputeId)?.stage).toBe('mediation');
      const outsider = await outsiderApi.POST('/api/v1/agreements/{id}/disputes', {
        params: { path: { id } },
        body: { organisationId: unml, subject: 'x', openedOn: '2026-11-25' },
      });
      expect(outsider.response.status).toBe(403);
    });

    it('signed copy of a signature: PDF only, once', async () => {
      const approval = await app.db.one<{ id: string }>(
        sql`SELECT a.id FROM agreement_approvals a WHERE a.agreement_id = ${id} AND a.organisation_id = ${unml}
            AND a.scan_file IS NULL LIMIT 1`,
      );
      const put = (body: Uint8Array<ArrayBuffer>) =>
        raw(`/api/v1/agreements/${id}/approvals/${approval.id}/signed-copy?fileName=convention-signee.pdf`, {
          method: 'PUT',
          headers: { 'content-type': 'application/pdf' },
          body,
        });
      expect((await put(new TextEncoder().encode('not a pdf'))).status).toBe(422);
      const ok = await put(PDF);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
      const stored = await app.db.one<{ scan_file_name: string }>(
        sql`SELECT scan_file_name FROM agreement_approvals WHERE id = ${approval.id}`,
      );
      expect(stored.scan_file_name).toBe('convention-signee.pdf');
      expect((await put(PDF)).status).toBe(409);
    });

    it('formal notice (art. 7): remedied; termination refused before the deadline; automatic termination', async () => {
      const notice = await unmlApi.POST('/api/v1/agreements/{id}/formal-notices', {
        params: { path: { id } },
        body: {
          fromOrganisationId: unml,
          toOrganisationId: cuf,
          sentOn: '2026-11-20',
          letterReference: 'LR-1',
        },
      });
      expect(notice.response.status).toBe(201);
      const noticeId = notice.data!.id;
      const tooEarly = await unmlApi.POST('/api/v1/agreements/{id}/formal-notices/{noticeId}/termination', {
        params: { path: { id, noticeId } },
        body: { organisationId: unml, requestedOn: '2026-11-26' },
      });
      expect(tooEarly.response.status).toBe(409);
      const remedied = await unmlApi.POST('/api/v1/agreements/{id}/formal-notices/{noticeId}/remedy', {
        params: { path: { id, noticeId } },
        body: { organisationId: unml, remediedOn: '2026-11-26' },
      });
      expect(remedied.response.status).toBe(200);
      expect(remedied.data!.formalNotices.find((n) => n.id === noticeId)?.status).toBe('remedied');

      const noGround = await cufApi.POST('/api/v1/agreements/{id}/automatic-terminations', {
        params: { path: { id } },
        body: { organisationId: cuf, effectiveOn: '2026-11-26', legalGround: '' },
      });
      expect(noGround.response.status).toBe(422);
      expect(noGround.error!.error.fields).toHaveProperty('legalGround');
      const ended = await cufApi.POST('/api/v1/agreements/{id}/automatic-terminations', {
        params: { path: { id } },
        body: { organisationId: cuf, effectiveOn: '2026-11-26', legalGround: 'Dissolution de l’association' },
      });
      expect(ended.response.status).toBe(200);
      expect(ended.data!.state).toBe('terminated');
      expect(ended.data!.termination).toMatchObject({
        kind: 'automatic',
        legalGround: 'Dissolution de l’association',
      });
    });
  });
}
