import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/helpers/app.js';
import { sql } from '../../../db/sql.js';
import { IMPORT_GEOGRAPHY_JOB, queueGeographyImportIfEmpty } from './jobs.js';

describe('demo mode: the geography is imported in the background', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

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
