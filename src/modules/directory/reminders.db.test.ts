import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { tickSchedules } from '../../jobs/scheduler.js';
import { reminderSchedules } from './reminders.js';

for (const kind of DB_KINDS) {
  describe(`profile verification reminders (${kind})`, () => {
    let app: TestApp;
    let admin: UserFixture;
    let staleId: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      const stale = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale Ancienne' });
      const fresh = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale Vérifiée' });
      const orphan = await anOrganisation(app.db, {
        kind: 'mission_locale',
        name: 'Mission Locale Sans Admin',
      });
      staleId = stale.id;
      await app.db.run(sql`UPDATE organisations SET created_at = '2024-01-01', last_verified_on = '2025-01-10'
        WHERE id IN (${stale.id}, ${orphan.id})`);
      await app.db.run(
        sql`UPDATE organisations SET created_at = '2024-01-01', last_verified_on = '2025-06-01' WHERE id = ${fresh.id}`,
      );
      admin = await aUser(app.db, { memberOf: [{ organisationId: stale.id, role: 'admin' }] });
      await aUser(app.db, { memberOf: [{ organisationId: stale.id, role: 'member' }] });
      await aUser(app.db, { memberOf: [{ organisationId: fresh.id, role: 'admin' }] });
    });
    afterAll(() => app.close());

    const tickAndRun = async (at: string) => {
      app.setNow(at);
      await tickSchedules(app.db, reminderSchedules, new Date(at));
      await app.runJobs();
      return app.db.many<{ to_address: string; subject: string; text_body: string; category: string }>(
        sql`SELECT to_address, subject, text_body, category FROM mail_outbox ORDER BY created_at`,
      );
    };

    it('mails the admins of a profile not verified for 12 months, once per month', async () => {
      const first = await tickAndRun('2026-02-01T08:00:00Z');
      expect(first).toHaveLength(1);
      expect(first[0].to_address).toBe(admin.email);
      expect(first[0].subject).toBe('Passerelle : vérifiez le profil de Mission Locale Ancienne');
      expect(first[0].text_body).toContain('10 janvier 2025');
      expect(first[0].text_body).toContain(`/organisations/${staleId}/modifier`);
      expect(first[0].category).toBe('reminder');

      // The next daily run of the same month sends nothing more.
      expect(await tickAndRun('2026-02-02T08:00:00Z')).toHaveLength(1);
      // Next month, still not verified: one more.
      expect(await tickAndRun('2026-03-02T08:00:00Z')).toHaveLength(2);
      const sent = await app.db.many(sql`SELECT month, recipients FROM profile_reminders ORDER BY month`);
      expect(sent).toEqual([
        { month: '2026-02', recipients: 1 },
        { month: '2026-03', recipients: 1 },
      ]);
    });

    it('a verified profile gets no reminder', async () => {
      const client = await app.as(admin.id);
      await client.page('/');
      const res = await client.json('PATCH', `/api/v1/organisations/${staleId}`, { verified: true });
      expect(res.status).toBe(200);
      expect((await res.json()).lastVerifiedOn).toBe('2026-03-02');
      expect(await tickAndRun('2026-04-03T08:00:00Z')).toHaveLength(2);
    });
  });
}
