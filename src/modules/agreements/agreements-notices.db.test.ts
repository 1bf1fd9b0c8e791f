import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { startTestSmtp, type TestSmtp } from '../../../tests/helpers/smtp.js';
import { sql } from '../../db/sql.js';
import type { OpContext } from './op-context.js';
import { openDispute } from './open-dispute.js';
import { recordAutomaticTermination } from './record-automatic-termination.js';
import { remedyFormalNotice } from './remedy-formal-notice.js';

/** Decodes a quoted-printable MIME body enough to read French text. */
const qp = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/**
 * Every party is told (art. 5 : "notifiée aux autres parties"): each event of an agreement
 * reaches the other parties' admins — in-app and by e-mail (read from a real SMTP server) —
 * with the dates that follow, once.
 */
for (const kind of DB_KINDS) {
  describe(`agreement events notify the other parties (${kind})`, () => {
    let app: TestApp;
    let smtp: TestSmtp;
    let ml: OrgFixture;
    let city: OrgFixture;
    const ids: Record<string, string> = {};
    const emails: Record<string, string> = {};
    let mlAdmin: TestClient;
    let cityAdmin: TestClient;
    let agreementId = '';

    /** Moves the clock one minute: notifications of successive steps sort in order. */
    const tick = () => app.setNow(new Date(app.deps.now().getTime() + 60_000));
    const noticesOf = (userId: string) =>
      app.db.many<{ kind: string; title: string; body: string; url: string }>(
        sql`SELECT kind, title, body, url FROM notifications WHERE user_id = ${userId} AND kind LIKE 'agreement.%' ORDER BY created_at, id`,
      );
    const op = async (
      userId: string,
    ): Promise<(fn: (o: OpContext) => Promise<unknown>) => Promise<unknown>> => {
      const { loadActor } = await import('../auth/sessions.js');
      const actor = (await loadActor(app.db, userId, 'session'))!;
      return (fn) => app.db.transaction((tx) => fn({ tx, audit: { actor }, now: app.deps.now() }));
    };

    beforeAll(async () => {
      smtp = await startTestSmtp();
      app = await createTestApp({ kind, env: { SMTP_URL: smtp.url } });
      app.setNow('2026-01-05T10:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Lyon' });
      city = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Ville de Lyon',
      });
      for (const [key, org, role] of [
        ['mlAdmin', ml, 'admin'],
        ['mlMember', ml, 'member'],
        ['cityAdmin', city, 'admin'],
        ['cityAdmin2', city, 'admin'],
        ['cityMember', city, 'member'],
      ] as const) {
        const u = await aUser(app.db, {
          email: `${key.toLowerCase()}-${kind}@lyon.example`,
          memberOf: [{ organisationId: org.id, role }],
        });
        ids[key] = u.id;
        emails[key] = u.email;
      }
      mlAdmin = await app.as(ids.mlAdmin);
      cityAdmin = await app.as(ids.cityAdmin);
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await smtp?.close();
    });

    it('signature: each approval tells the other party’s admins, with the dates in force', async () => {
      const res = await mlAdmin.json('POST', '/api/v1/agreements', {
        title: 'Convention locale de mobilité',
        kind: 'local_partnership',
        partyIds: [ml.id, city.id],
        text: '# Convention\n\nArt. 1 : objet.\n',
      });
      expect(res.status).toBe(201);
      const created = await res.json();
      agreementId = created.id;
      // Version 1 proposed by the ML: the city's admins are told, not its member, not the ML.
      expect((await noticesOf(ids.cityAdmin)).map((n) => n.kind)).toEqual(['agreement.version_proposed']);
      expect(await noticesOf(ids.cityMember)).toEqual([]);
      expect(await noticesOf(ids.mlAdmin)).toEqual([]);

      const approve = (client: TestClient, org: OrgFixture, signedOn: string) =>
        client.json('POST', `/api/v1/agreements/${agreementId}/approvals`, {
          organisationId: org.id,
          hash: created.version.hash,
          signedOn,
          signerName: 'Signataire',
          signerRole: 'Président·e',
        });
      tick();
      expect((await approve(mlAdmin, ml, '2026-01-05')).status).toBe(201);
      tick();
      expect((await approve(cityAdmin, city, '2026-01-05')).status).toBe(201);
      const toMl = await noticesOf(ids.mlAdmin);
      expect(toMl.map((n) => n.kind)).toEqual(['agreement.approved']);
      expect(toMl[0].body).toContain('en vigueur du 5 janvier 2026 au 4 janvier 2029 inclus');
      expect(toMl[0].url).toBe(`/conventions/${agreementId}`);
      // The city's second admin was told of the ML's approval; the city admin who approved is not told of their own.
      expect((await noticesOf(ids.cityAdmin2)).map((n) => n.kind)).toEqual([
        'agreement.version_proposed',
        'agreement.approved',
      ]);
    });

    it('art. 5 : a withdrawal is notified to the other parties, with the last day in force; e-mails arrive by SMTP', async () => {
      app.setNow('2026-03-15T09:00:00Z');
      cityAdmin = await app.as(ids.cityAdmin);
      const w = await cityAdmin.json('POST', `/api/v1/agreements/${agreementId}/withdrawals`, {
        organisationId: city.id,
        notifiedOn: '2026-03-15',
      });
      expect(w.status).toBe(201);
      const last = (await noticesOf(ids.mlAdmin)).at(-1)!;
      expect(last.kind).toBe('agreement.withdrawal_notified');
      expect(last.title).toBe('Convention locale de mobilité : dénonciation notifiée par Ville de Lyon');
      expect(last.body).toContain('en vigueur jusqu’au 15 avril 2026 inclus');
      // Queued in the transaction; the worker delivers it.
      await app.runJobs();
      const outbox = await app.db.many<{ to_address: string; subject: string; text_body: string }>(
        sql`SELECT to_address, subject, text_body FROM mail_outbox WHERE subject LIKE '%dénonciation%'`,
      );
      expect(outbox.map((m) => m.to_address)).toEqual([emails.mlAdmin]);
      expect(outbox[0].text_body).toContain(`http://passerelle.test/conventions/${agreementId}`);
      const all = await smtp.waitFor(5, 10_000);
      const withdrawal = all.find((m) => qp(m.raw).includes('dénonciation'));
      expect(withdrawal?.to).toEqual([emails.mlAdmin]);
      expect(qp(withdrawal!.raw)).toContain('en vigueur jusqu’au 15 avril 2026 inclus');
    });

    it('formal notice, remedy, dispute and automatic termination: each told once, with what follows', async () => {
      app.setNow('2026-03-20T09:00:00Z');
      mlAdmin = await app.as(ids.mlAdmin);
      const n = await mlAdmin.json('POST', `/api/v1/agreements/${agreementId}/formal-notices`, {
        fromOrganisationId: ml.id,
        toOrganisationId: city.id,
        sentOn: '2026-03-20',
        letterReference: '1A 234 567 8901 2',
      });
      expect(n.status).toBe(201);
      const noticeId = (await n.json()).id;
      const sent = (await noticesOf(ids.cityAdmin)).at(-1)!;
      expect(sent.kind).toBe('agreement.formal_notice_sent');
      expect(sent.body).toContain('la résiliation pourra être demandée à partir du 4 avril 2026');
      const asCity = await op(ids.cityAdmin);
      tick();
      await asCity((o) =>
        remedyFormalNotice(o, agreementId, { organisationId: city.id, noticeId, remediedOn: '2026-03-20' }),
      );
      expect((await noticesOf(ids.mlAdmin)).at(-1)!.kind).toBe('agreement.formal_notice_remedied');
      tick();
      await asCity((o) =>
        openDispute(o, agreementId, {
          organisationId: city.id,
          subject: 'Versement',
          openedOn: '2026-03-20',
        }),
      );
      expect((await noticesOf(ids.mlAdmin)).at(-1)!.body).toContain('règlement amiable');
      const asMl = await op(ids.mlAdmin);
      tick();
      tick();
      await asMl((o) =>
        recordAutomaticTermination(o, agreementId, {
          organisationId: ml.id,
          effectiveOn: '2026-03-20',
          legalGround: 'Loi n° 2026-1 du 2 janvier 2026',
        }),
      );
      const auto = (await noticesOf(ids.cityAdmin2)).at(-1)!;
      expect(auto.kind).toBe('agreement.automatic_termination');
      expect(auto.body).toContain('Loi n° 2026-1');
      // Once per event and recipient: the idempotency rows match the notifications exactly.
      const counts = await app.db.one<{ sent: number; notified: number }>(sql`
        SELECT (SELECT count(*)::int FROM notices_sent WHERE key LIKE ${`agreement:${agreementId}:%`}) AS sent,
               (SELECT count(*)::int FROM notifications WHERE kind LIKE 'agreement.%') AS notified`);
      expect(counts.sent).toBe(counts.notified);
      const dup = await app.db.many<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM notifications WHERE kind LIKE 'agreement.%'
        GROUP BY user_id, kind, title, body HAVING count(*) > 1`);
      expect(dup).toEqual([]);
    });

    it('a notice already sent is not sent again (idempotent key)', async () => {
      const { sendNotice } = await import('../../notifications/notices.js');
      const before = (await noticesOf(ids.mlAdmin)).length;
      const again = await app.db.transaction((tx) =>
        sendNotice(tx, [{ userId: ids.mlAdmin, email: emails.mlAdmin }], {
          key: `agreement:${agreementId}:event:1`,
          kind: 'agreement.version_proposed',
          title: 'x',
          body: 'x',
          subject: 'x',
          path: '/',
          now: app.deps.now(),
        }),
      );
      const seq1Told = await app.db.many(
        sql`SELECT 1 FROM notices_sent WHERE key = ${`agreement:${agreementId}:event:1`} AND user_id = ${ids.mlAdmin}`,
      );
      // The ML proposed version 1, so its admin was never told of event 1: the first call tells, the second not.
      expect(again).toEqual(seq1Told.length ? [ids.mlAdmin] : []);
      const twice = await app.db.transaction((tx) =>
        sendNotice(tx, [{ userId: ids.mlAdmin, email: emails.mlAdmin }], {
          key: `agreement:${agreementId}:event:1`,
          kind: 'agreement.version_proposed',
          title: 'x',
          body: 'x',
          subject: 'x',
          path: '/',
          now: app.deps.now(),
        }),
      );
      expect(twice).toEqual([]);
      expect((await noticesOf(ids.mlAdmin)).length).toBe(before + 1);
    });
  });
}
