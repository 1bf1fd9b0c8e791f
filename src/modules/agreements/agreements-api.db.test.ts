import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { tickSchedules } from '../../jobs/scheduler.js';
import { allSchedules } from '../../jobs/worker.js';

for (const kind of DB_KINDS) {
  describe(`agreements API (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let city: OrgFixture;
    let foreign: OrgFixture;
    let outsider: OrgFixture;
    let mlAdmin: TestClient;
    let mlMember: TestClient;
    let cityAdmin: TestClient;
    let foreignAdmin: TestClient;
    let outsiderAdmin: TestClient;
    let platformAdmin: TestClient;
    let networkAdmin: TestClient;

    const userIds: Record<string, string> = {};
    /** Moves the clock; sessions would expire over weeks, so everyone signs in again. */
    const at = async (instant: string) => {
      app.setNow(instant);
      mlAdmin = await app.as(userIds.mlAdmin);
      mlMember = await app.as(userIds.mlMember);
      cityAdmin = await app.as(userIds.cityAdmin);
      foreignAdmin = await app.as(userIds.foreignAdmin);
      outsiderAdmin = await app.as(userIds.outsiderAdmin);
      platformAdmin = await app.as(userIds.platformAdmin);
      networkAdmin = await app.as(userIds.networkAdmin);
    };

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-01-05T10:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lyon' });
      city = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Ville de Lyon',
      });
      foreign = await anOrganisation(app.db, { kind: 'foreign_partner', name: 'Ville de Ouagadougou' });
      outsider = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale tierce' });
      const u = async (org: OrgFixture, role: 'admin' | 'member' = 'admin') =>
        (await aUser(app.db, { memberOf: [{ organisationId: org.id, role }] })).id;
      userIds.mlAdmin = await u(ml);
      userIds.mlMember = await u(ml, 'member');
      userIds.cityAdmin = await u(city);
      userIds.foreignAdmin = await u(foreign);
      userIds.outsiderAdmin = await u(outsider);
      userIds.platformAdmin = (await aUser(app.db, { globalRole: 'platform_admin' })).id;
      userIds.networkAdmin = (await aUser(app.db, { globalRole: 'network_admin', network: 'cuf' })).id;
      await at('2026-01-05T10:00:00Z');
    });
    afterAll(() => app.close());

    const create = (client: TestClient, body: Record<string, unknown>) =>
      client.json('POST', '/api/v1/agreements', body);

    it('refuses bad input with 422 naming the field, and writes nothing', async () => {
      const before = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM agreements`);
      const one = await create(mlAdmin, {
        title: 'X',
        kind: 'local_partnership',
        partyIds: [ml.id],
        text: 'T',
      });
      expect(one.status).toBe(422);
      expect((await one.json()).error.fields.partyIds).toMatch(/deux parties/);
      const unknown = await create(mlAdmin, {
        title: 'X',
        kind: 'local_partnership',
        partyIds: [ml.id, '00000000-0000-4000-8000-000000000000'],
        text: 'T',
      });
      expect(unknown.status).toBe(422);
      expect((await unknown.json()).error.fields.partyIds).toMatch(/inconnue/);
      const noKind = await create(mlAdmin, {
        title: 'X',
        kind: 'other',
        partyIds: [ml.id, city.id],
        text: 'T',
      });
      expect(noKind.status).toBe(422);
      expect(Object.keys((await noKind.json()).error.fields)).toContain('kind');
      const after = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM agreements`);
      expect(after.n).toBe(before.n);
    });

    it('a member who administers no party cannot create an agreement between others', async () => {
      const res = await create(outsiderAdmin, {
        title: 'X',
        kind: 'local_partnership',
        partyIds: [ml.id, city.id],
        text: 'T',
      });
      expect(res.status).toBe(403);
    });

    it('local convention ML + authority + foreign partner: signature, amendment, formal notice, withdrawal', async () => {
      const res = await create(mlAdmin, {
        title: 'Convention locale de mobilité internationale des jeunes',
        kind: 'local_partnership',
        partyIds: [ml.id, city.id, foreign.id],
        text: '# Convention\n\nArt. 1 : objet.\n',
      });
      expect(res.status).toBe(201);
      const created = await res.json();
      const id = created.id as string;
      expect(created.version.number).toBe(1);
      expect(created.version.hash).toMatch(/^[0-9a-f]{64}$/);
      const hash1 = created.version.hash;

      // Non-parties cannot see it; members of a party can; network admins see only the national convention.
      expect((await outsiderAdmin.get(`/api/v1/agreements/${id}`)).status).toBe(403);
      expect((await networkAdmin.get(`/api/v1/agreements/${id}`)).status).toBe(403);
      expect((await mlMember.get(`/api/v1/agreements/${id}`)).status).toBe(200);

      const approve = (
        client: TestClient,
        org: OrgFixture,
        hash: string,
        signedOn: string,
        name = 'Signataire',
      ) =>
        client.json('POST', `/api/v1/agreements/${id}/approvals`, {
          organisationId: org.id,
          hash,
          signedOn,
          signerName: name,
          signerRole: 'Président·e',
        });

      // A party acts only for itself: the ML admin cannot approve for the city.
      expect((await approve(mlAdmin, city, hash1, '2026-01-05')).status).toBe(403);
      // A plain member does not sign.
      expect((await approve(mlMember, ml, hash1, '2026-01-05')).status).toBe(403);
      // Malformed date → 422 on the field.
      const bad = await approve(mlAdmin, ml, hash1, '2026-02-30');
      expect(bad.status).toBe(422);
      expect(Object.keys((await bad.json()).error.fields)).toEqual(['signedOn']);
      // A date in the future → 422.
      expect((await approve(mlAdmin, ml, hash1, '2026-01-06')).status).toBe(422);

      await at('2026-02-01T09:00:00Z');
      expect((await approve(mlAdmin, ml, hash1, '2026-01-20')).status).toBe(201);
      expect((await approve(cityAdmin, city, hash1, '2026-01-28')).status).toBe(201);
      let view = await (await mlMember.get(`/api/v1/agreements/${id}`)).json();
      expect(view.state).toBe('signing');
      // The foreign partner signs on paper: a platform admin records it from the signed copy.
      const paper = await approve(platformAdmin, foreign, hash1, '2026-01-31', 'Maire de Ouagadougou');
      expect(paper.status).toBe(201);
      view = await (await mlMember.get(`/api/v1/agreements/${id}`)).json();
      expect(view.state).toBe('in_force');
      expect(view.inForceFrom).toBe('2026-01-31');
      expect(view.lastDayInForce).toBe('2029-01-30');
      expect(view.versions[0].approvals).toHaveLength(3);
      expect(
        view.versions[0].approvals.find((a: any) => a.organisationId === foreign.id).recordedByPlatformAdmin,
      ).toBe(true);
      const audited = await app.db.many(
        sql`SELECT action FROM audit_log WHERE entity_id = ${id} AND action = 'agreement.approval.record_paper'`,
      );
      expect(audited).toHaveLength(1);

      // The state is a function of the date.
      const onDate = async (on: string) =>
        (await (await mlMember.get(`/api/v1/agreements/${id}?on=${on}`)).json()).state;
      expect(await onDate('2026-01-19')).toBe('draft');
      expect(await onDate('2026-01-20')).toBe('signing');
      expect(await onDate('2026-01-31')).toBe('in_force');
      expect(await onDate('2029-01-30')).toBe('in_force');
      expect(await onDate('2029-01-31')).toBe('expired');
      const badOn = await mlMember.get(`/api/v1/agreements/${id}?on=2026-13-01`);
      expect(badOn.status).toBe(422);
      expect(Object.keys((await badOn.json()).error.fields)).toEqual(['on']);

      // Amendment (art. 6).
      await at('2026-03-01T09:00:00Z');
      const v2 = await cityAdmin.json('POST', `/api/v1/agreements/${id}/versions`, {
        text: '# Convention\n\nArt. 1 : objet élargi.\n',
      });
      expect(v2.status).toBe(201);
      const { number, hash: hash2 } = await v2.json();
      expect(number).toBe(2);
      // Approving the old hash → 409, nothing changes.
      const eventsBefore = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM agreement_events WHERE agreement_id = ${id}`,
      );
      const stale = await approve(mlAdmin, ml, hash1, '2026-03-01');
      expect(stale.status).toBe(409);
      const eventsAfter = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM agreement_events WHERE agreement_id = ${id}`,
      );
      expect(eventsAfter.n).toBe(eventsBefore.n);
      expect((await approve(mlAdmin, ml, hash2, '2026-03-01')).status).toBe(201);
      view = await (await mlMember.get(`/api/v1/agreements/${id}`)).json();
      expect(view.bindingVersion).toBe(1);
      expect((await approve(cityAdmin, city, hash2, '2026-03-01')).status).toBe(201);
      expect((await approve(foreignAdmin, foreign, hash2, '2026-03-01')).status).toBe(201);
      view = await (await mlMember.get(`/api/v1/agreements/${id}`)).json();
      expect(view.bindingVersion).toBe(2);
      expect(view.inForceFrom).toBe('2026-01-31');

      // Formal notice (art. 7): dates before entry into force are in the wrong order.
      await at('2026-03-10T09:00:00Z');
      const early = await mlAdmin.json('POST', `/api/v1/agreements/${id}/formal-notices`, {
        fromOrganisationId: ml.id,
        toOrganisationId: city.id,
        sentOn: '2026-01-10',
        letterReference: '1A 000 000 0000 1',
      });
      expect(early.status).toBe(422);
      expect(Object.keys((await early.json()).error.fields)).toEqual(['sentOn']);
      const notice = await mlAdmin.json('POST', `/api/v1/agreements/${id}/formal-notices`, {
        fromOrganisationId: ml.id,
        toOrganisationId: city.id,
        sentOn: '2026-03-10',
        letterReference: '1A 234 567 8901 2',
      });
      expect(notice.status).toBe(201);
      expect(await notice.json()).toMatchObject({ terminationAvailableFrom: '2026-03-25', status: 'open' });

      // Withdrawal (art. 5) by the city; in force through the end of the notice.
      await at('2026-03-15T09:00:00Z');
      const w = await cityAdmin.json('POST', `/api/v1/agreements/${id}/withdrawals`, {
        organisationId: city.id,
        notifiedOn: '2026-03-15',
      });
      expect(w.status).toBe(201);
      expect(await w.json()).toEqual({
        organisationId: city.id,
        notifiedOn: '2026-03-15',
        effectiveOn: '2026-04-15',
      });
      const again = await mlAdmin.json('POST', `/api/v1/agreements/${id}/withdrawals`, {
        organisationId: ml.id,
        notifiedOn: '2026-03-15',
      });
      expect(again.status).toBe(409);
      view = await (await mlMember.get(`/api/v1/agreements/${id}?on=2026-04-15`)).json();
      expect(view.state).toBe('in_force');
      expect(view.lastDayInForce).toBe('2026-04-15');
      expect(view.withdrawal).toEqual({
        organisationId: city.id,
        notifiedOn: '2026-03-15',
        effectiveOn: '2026-04-15',
      });
      expect(view.formalNotices).toEqual([
        expect.objectContaining({
          sentOn: '2026-03-10',
          terminationAvailableFrom: '2026-03-25',
          status: 'open',
        }),
      ]);
      view = await (await mlMember.get(`/api/v1/agreements/${id}?on=2026-04-16`)).json();
      expect(view.state).toBe('withdrawn');

      // Art. 5 : when the notice period ends, the admins of every party are reminded, once.
      const remind = async (instant: string) => {
        await at(instant);
        await tickSchedules(app.db, allSchedules(), app.deps.now());
        await app.runJobs();
      };
      await remind('2026-04-14T08:00:00Z');
      await remind('2026-04-15T08:00:00Z');
      await remind('2026-04-16T08:00:00Z');
      const mails = await app.db.many<{ subject: string }>(
        sql`SELECT subject FROM mail_outbox WHERE subject LIKE '%préavis%' ORDER BY to_address`,
      );
      expect(mails).toHaveLength(3);
      expect(mails[0].subject).toContain('fin du préavis de dénonciation le 15 avril 2026');

      // Every event is in the history; every change in the audit log.
      const types = await app.db.many<{ type: string }>(
        sql`SELECT type FROM agreement_events WHERE agreement_id = ${id} ORDER BY seq`,
      );
      expect(types.map((t) => t.type)).toEqual([
        'created',
        'version_proposed',
        'approved',
        'approved',
        'approved',
        'version_proposed',
        'approved',
        'approved',
        'approved',
        'formal_notice_sent',
        'withdrawal_notified',
      ]);
      const audits = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'agreement' AND entity_id = ${id}`,
      );
      expect(audits.n).toBe(10);
    });

    it('lists only the agreements the caller may see', async () => {
      const outsiderList = await (await outsiderAdmin.get('/api/v1/agreements')).json();
      expect(outsiderList.items).toEqual([]);
      const mine = await (await foreignAdmin.get('/api/v1/agreements')).json();
      expect(mine.items.length).toBe(1);
      expect(mine.items[0].title).toMatch(/mobilité/);
    });

    it('the history is append-only', async () => {
      await expect(app.db.run(sql`UPDATE agreement_events SET on_date = '2020-01-01'`)).rejects.toThrow(
        /append-only/,
      );
    });
  });
}
