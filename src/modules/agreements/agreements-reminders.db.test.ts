import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { tickSchedules } from '../../jobs/scheduler.js';
import { allSchedules } from '../../jobs/worker.js';
import { seedDemoNationalAgreement } from './seed-national-convention.js';

for (const kind of DB_KINDS) {
  describe(`national convention and reminders (${kind})`, () => {
    let app: TestApp;
    let agreementId: string;
    let unmlId: string;
    let cufId: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-05-20T08:00:00Z');
      const seeded = await seedDemoNationalAgreement(app.db, app.deps.now());
      expect(seeded.created).toBe(true);
      agreementId = seeded.id;
      unmlId = (await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'UNML'`)).id;
      cufId = (await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'CUF'`)).id;
      await aUser(app.db, {
        email: 'direction@unml.test',
        memberOf: [{ organisationId: unmlId, role: 'admin' }],
      });
      await aUser(app.db, {
        email: 'membre@unml.test',
        memberOf: [{ organisationId: unmlId, role: 'member' }],
      });
      await aUser(app.db, {
        email: 'direction@cuf.test',
        memberOf: [{ organisationId: cufId, role: 'admin' }],
      });
    });
    afterAll(() => app.close());

    /** One pass of the background worker at an instant: schedules, then every ready job. */
    const runAt = async (instant: string) => {
      app.setNow(instant);
      await tickSchedules(app.db, allSchedules(), app.deps.now());
      await app.runJobs();
    };
    const outbox = () =>
      app.db.many<{ to_address: string; subject: string; category: string; text_body: string }>(
        sql`SELECT to_address, subject, category, text_body FROM mail_outbox ORDER BY created_at, to_address`,
      );

    it('seeds the real national convention once: in force 2025-07-04 → 2028-07-03', async () => {
      expect((await seedDemoNationalAgreement(app.db, app.deps.now())).created).toBe(false);
      const nat = await app.as((await aUser(app.db, { globalRole: 'network_admin', network: 'cuf' })).id);
      const view = await (await nat.get(`/api/v1/agreements/${agreementId}`)).json();
      expect(view.state).toBe('in_force');
      expect(view.inForceFrom).toBe('2025-07-04');
      expect(view.lastDayInForce).toBe('2028-07-03');
      expect(view.parties.map((p: any) => p.organisationId)).toEqual([unmlId, cufId]);
      expect(view.versions[0].approvals.map((a: any) => [a.signerName, a.signerRole, a.signedOn])).toEqual([
        ['Stéphane Valli', 'Président', '2025-07-04'],
        ['Michaël Delafosse', 'Président', '2025-07-04'],
      ]);
      expect((await (await nat.get(`/api/v1/agreements/${agreementId}?on=2028-07-04`)).json()).state).toBe(
        'expired',
      );
    });

    it('art. 3 : no roadmap reminder when next year’s roadmap is already validated (year 2 is)', async () => {
      await runAt('2026-06-04T08:00:00Z');
      expect(await outbox()).toEqual([]);
    });

    it('art. 4 : no annual meeting recorded for 12 months', async () => {
      await runAt('2026-07-04T08:00:00Z');
      const mails = (await outbox()).filter((m) => m.subject.includes('réunion annuelle'));
      expect(mails).toHaveLength(2);
      await runAt('2026-07-05T08:00:00Z');
      expect((await outbox()).filter((m) => m.subject.includes('réunion annuelle'))).toHaveLength(2);
    });

    it('art. 3 : reminds the admins of both parties that the year-3 roadmap is due, once', async () => {
      await runAt('2027-06-03T08:00:00Z');
      const before = (await outbox()).length;
      await runAt('2027-06-04T08:00:00Z');
      let mails = (await outbox()).slice(before);
      expect(mails.map((m) => m.to_address)).toEqual(['direction@cuf.test', 'direction@unml.test']);
      expect(mails[0].subject).toContain('feuille de route');
      expect(mails[0].subject).toContain('4 juillet 2027');
      expect(mails[0].category).toBe('reminder');
      expect(mails[0].text_body).toContain('/compte');
      // The scan runs again (later that day, the next day): nothing new.
      await runAt('2027-06-04T09:30:00Z');
      await runAt('2027-06-05T09:30:00Z');
      mails = (await outbox()).slice(before);
      expect(mails).toHaveLength(2);
    });

    it('art. 5 : 90 and 30 days before the end of the term', async () => {
      // Meetings held, so only the expiry reminders go out.
      await app.db.run(
        sql`INSERT INTO agreement_meetings (agreement_id, held_on, attendees) VALUES (${agreementId}, '2028-01-15', 'UNML, CUF')`,
      );
      await runAt('2028-04-04T06:00:00Z');
      let expiry = (await outbox()).filter((m) => m.subject.includes('fin dans'));
      expect(expiry.map((m) => m.subject)).toEqual([
        expect.stringContaining('fin dans 90 jours (3 juillet 2028)'),
        expect.stringContaining('fin dans 90 jours (3 juillet 2028)'),
      ]);
      await runAt('2028-06-03T06:00:00Z');
      expiry = (await outbox()).filter((m) => m.subject.includes('fin dans 30 jours'));
      expect(expiry).toHaveLength(2);
      const rows = await app.db.many<{ kind: string }>(
        sql`SELECT kind FROM agreement_reminders WHERE agreement_id = ${agreementId} ORDER BY kind`,
      );
      expect(rows.map((r) => r.kind)).toEqual([
        'annual_meeting_due',
        'expiry_30',
        'expiry_90',
        'roadmap_due',
      ]);
    });
  });
}
