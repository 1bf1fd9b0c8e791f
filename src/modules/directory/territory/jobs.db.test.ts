import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/helpers/app.js';
import { aUser } from '../../../../tests/helpers/fixtures.js';
import { sql } from '../../../db/sql.js';
import { IMPORT_GEOGRAPHY_JOB, queueGeographyImportIfEmpty } from './jobs.js';

describe('the geography imported by the background worker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a network admin starts it from the import page: queued once, audited', async () => {
    const admin = await aUser(t.db, { globalRole: 'network_admin', network: 'cuf' });
    const client = await t.as(admin.id);
    const { html } = await client.page('/admin/import/missions-locales');
    expect(html).toContain('0 communes connues');
    const res = await client.postForm('/admin/import/geographie');
    expect(res.status).toBe(303);
    await client.postForm('/admin/import/geographie');
    expect(await t.db.many(sql`SELECT id FROM jobs WHERE kind = ${IMPORT_GEOGRAPHY_JOB}`)).toHaveLength(1);
    const audited = await t.db.many(
      sql`SELECT actor_user_id FROM audit_log WHERE action = 'geography.import_requested'`,
    );
    expect(audited).toEqual([{ actor_user_id: admin.id }, { actor_user_id: admin.id }]);
    await t.db.run(sql`DELETE FROM jobs WHERE kind = ${IMPORT_GEOGRAPHY_JOB}`);
  });

  it('queues the import once while no commune is known, and the job fills the territory', async () => {
    expect(await queueGeographyImportIfEmpty(t.db)).toBe(true);
    expect(await queueGeographyImportIfEmpty(t.db)).toBe(false); // deduplicated while pending
    const jobs = await t.db.many(sql`SELECT id FROM jobs WHERE kind = ${IMPORT_GEOGRAPHY_JOB}`);
    expect(jobs).toHaveLength(1);
    const outcome = await t.runJobs();
    expect(outcome.done).toBeGreaterThanOrEqual(1);
    const n = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM communes`);
    expect(n.n).toBeGreaterThan(34_000);
    expect(await queueGeographyImportIfEmpty(t.db)).toBe(false); // communes known now
  }, 300_000);
});
