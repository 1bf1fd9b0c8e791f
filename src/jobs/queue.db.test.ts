import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDb, DB_KINDS } from '../../tests/helpers/db.js';
import { withDatabase } from '../../tests/helpers/global-setup.js';
import { type Db, openPostgres } from '../db/client.js';
import { sql } from '../db/sql.js';
import {
  backoffSeconds,
  claimJob,
  drainJobs,
  enqueue,
  type Job,
  type JobHandler,
  releaseOrphanedJobs,
  releaseStaleJobs,
  retryJob,
} from './queue.js';
import { tickSchedules } from './scheduler.js';

const T0 = new Date('2026-11-26T10:00:00Z');
const at = (secondsAfterT0: number) => new Date(T0.getTime() + secondsAfterT0 * 1000);

async function jobRow(db: Db, id: number) {
  return db.one<{ status: string; attempts: number; last_error: string | null; run_at: Date }>(
    sql`SELECT status, attempts, last_error, run_at FROM jobs WHERE id = ${id}`,
  );
}

for (const kind of DB_KINDS) {
  describe(`job queue (${kind})`, () => {
    let db: Db;
    // A fresh database per test: drainJobs runs every ready job, whatever its kind.
    beforeEach(async () => {
      db = await createTestDb(kind);
    });
    afterEach(async () => {
      await db.close();
    });

    it('enqueues in the caller’s transaction: a rolled-back transaction enqueues nothing', async () => {
      await expect(
        db.transaction(async (tx) => {
          await enqueue(tx, 'test.rollback', { n: 1 }, { runAt: T0 });
          throw new Error('annulé');
        }),
      ).rejects.toThrow('annulé');
      expect(await db.many(sql`SELECT id FROM jobs WHERE kind = 'test.rollback'`)).toEqual([]);
      const id = await db.transaction((tx) => enqueue(tx, 'test.rollback', { n: 2 }, { runAt: T0 }));
      expect(id).toBeTypeOf('number');
      const rows = await db.many<{ payload: any }>(
        sql`SELECT payload FROM jobs WHERE kind = 'test.rollback'`,
      );
      expect(rows.map((r) => r.payload)).toEqual([{ n: 2 }]);
    });

    it('runs a ready job once and not a future one', async () => {
      const ran: number[] = [];
      const handlers: Record<string, JobHandler> = {
        'test.once': async (job) => {
          ran.push(job.payload.n);
        },
      };
      await enqueue(db, 'test.once', { n: 1 }, { runAt: T0 });
      await enqueue(db, 'test.once', { n: 2 }, { runAt: at(3600) });
      expect(await drainJobs(db, handlers, () => at(1))).toEqual({ done: 1, retry: 0, failed: 0 });
      expect(await drainJobs(db, handlers, () => at(2))).toEqual({ done: 0, retry: 0, failed: 0 });
      expect(await drainJobs(db, handlers, () => at(3601))).toEqual({ done: 1, retry: 0, failed: 0 });
      expect(ran).toEqual([1, 2]);
    });

    it('a job enqueued without runAt is ready at once, even for a clock set in the past (tests)', async () => {
      const ran: string[] = [];
      const handlers = { 'test.asap': async (j: Job) => void ran.push(j.payload.n) };
      await enqueue(db, 'test.asap', { n: 'asap' });
      await enqueue(db, 'test.asap', { n: 'later' }, { runAt: new Date(Date.now() + 3600_000) });
      const past = new Date('2025-07-04T08:00:00Z');
      expect(await drainJobs(db, handlers, () => past)).toEqual({ done: 1, retry: 0, failed: 0 });
      expect(ran).toEqual(['asap']);
    });

    it('retries with growing backoff, then marks the job failed with its last error', async () => {
      let calls = 0;
      const handlers = {
        'test.flaky': async () => {
          calls++;
          throw new Error(`panne n°${calls}`);
        },
      };
      const id = (await enqueue(db, 'test.flaky', {}, { runAt: T0, maxAttempts: 3 }))!;
      let clock = T0;
      expect(await drainJobs(db, handlers, () => clock)).toEqual({ done: 0, retry: 1, failed: 0 });
      let row = await jobRow(db, id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'panne n°1' });
      expect(row.run_at.getTime()).toBe(T0.getTime() + backoffSeconds(1) * 1000);
      // Not due yet: nothing runs just before the backoff ends.
      clock = new Date(row.run_at.getTime() - 1000);
      expect((await drainJobs(db, handlers, () => clock)).retry).toBe(0);
      clock = row.run_at;
      expect((await drainJobs(db, handlers, () => clock)).retry).toBe(1);
      row = await jobRow(db, id);
      expect(row.run_at.getTime() - clock.getTime()).toBe(backoffSeconds(2) * 1000);
      clock = row.run_at;
      expect(await drainJobs(db, handlers, () => clock)).toEqual({ done: 0, retry: 0, failed: 1 });
      expect(await jobRow(db, id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'panne n°3' });
      expect(calls).toBe(3);
      expect(backoffSeconds(1)).toBe(30);
      expect(backoffSeconds(2)).toBe(120);
      expect(backoffSeconds(20)).toBe(6 * 3600);
    });

    it('an unknown job kind fails with a French message', async () => {
      const id = (await enqueue(db, 'test.unknown', {}, { runAt: T0, maxAttempts: 1 }))!;
      await drainJobs(db, {}, () => at(1));
      expect((await jobRow(db, id)).last_error).toBe('Aucun traitement pour les tâches « test.unknown »');
    });

    it('an admin retry puts a failed job back; it then runs; a done job cannot be retried', async () => {
      let fail = true;
      const handlers = {
        'test.retry': async () => {
          if (fail) throw new Error('SMTP indisponible');
        },
      };
      const id = (await enqueue(db, 'test.retry', {}, { runAt: T0, maxAttempts: 1 }))!;
      await drainJobs(db, handlers, () => at(1));
      expect((await jobRow(db, id)).status).toBe('failed');
      fail = false;
      expect(await db.transaction((tx) => retryJob(tx, id, at(10)))).toBe(true);
      expect(await jobRow(db, id)).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await drainJobs(db, handlers, () => at(11))).toEqual({ done: 1, retry: 0, failed: 0 });
      expect(await jobRow(db, id)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
      expect(await db.transaction((tx) => retryJob(tx, id, at(12)))).toBe(false);
      expect(await db.transaction((tx) => retryJob(tx, 999_999, at(12)))).toBe(false);
    });

    it('dedupe keys: one pending or running job per key; a finished key can be enqueued again', async () => {
      const a = await enqueue(db, 'test.dedupe', { n: 1 }, { runAt: T0, dedupeKey: 'k1' });
      const b = await enqueue(db, 'test.dedupe', { n: 2 }, { runAt: T0, dedupeKey: 'k1' });
      expect(a).toBeTypeOf('number');
      expect(b).toBeNull();
      const job = await claimJob(db, at(1)); // running now: still deduplicated
      expect(job?.id).toBe(a);
      expect(await enqueue(db, 'test.dedupe', { n: 3 }, { runAt: T0, dedupeKey: 'k1' })).toBeNull();
      await drainJobs(db, { 'test.dedupe': async () => {} }, () => at(1));
      await db.run(sql`UPDATE jobs SET status = 'done' WHERE id = ${a!}`);
      const c = await enqueue(db, 'test.dedupe', { n: 4 }, { runAt: T0, dedupeKey: 'k1' });
      expect(c).toBeTypeOf('number');
      expect(c).not.toBe(a);
    });

    it('stale running jobs (worker died) are released after 15 minutes, not before', async () => {
      const id = (await enqueue(db, 'test.stale', {}, { runAt: T0 }))!;
      const job = await claimJob(db, at(0));
      expect(job?.id).toBe(id);
      expect(await releaseStaleJobs(db, at(14 * 60))).toBe(0);
      expect((await jobRow(db, id)).status).toBe('running');
      expect(await releaseStaleJobs(db, at(16 * 60))).toBe(1);
      expect((await jobRow(db, id)).status).toBe('pending');
      const ran: Job[] = [];
      await drainJobs(db, { 'test.stale': async (j) => void ran.push(j) }, () => at(16 * 60));
      expect(ran.map((j) => [j.id, j.attempts])).toEqual([[id, 2]]);
    });

    it('at start, jobs left running by a stopped process of this host are released at once', async () => {
      const dead = (await enqueue(db, 'test.orphan', {}, { runAt: T0 }))!;
      const alive = (await enqueue(db, 'test.orphan', {}, { runAt: T0 }))!;
      await claimJob(db, at(0));
      await claimJob(db, at(0));
      // The first was claimed by a process that has exited (a pid that cannot exist), the second by us.
      await db.run(sql`UPDATE jobs SET locked_by = ${`${hostname()}:999999999`} WHERE id = ${dead}`);
      expect(await releaseOrphanedJobs(db, at(1))).toBe(1);
      expect((await jobRow(db, dead)).status).toBe('pending');
      expect((await jobRow(db, alive)).status).toBe('running');
    });

    it('scheduler: two instances ticking the same schedule at the same time enqueue one run', async () => {
      const schedule = { name: 'test.nightly', kind: 'test.nightly', intervalSeconds: 3600 };
      const fired = await Promise.all([
        tickSchedules(db, [schedule], T0),
        tickSchedules(db, [schedule], T0),
        tickSchedules(db, [schedule], T0),
      ]);
      expect(fired.flat()).toEqual(['test.nightly']);
      expect(await tickSchedules(db, [schedule], at(60))).toEqual([]);
      const count = async () =>
        (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.nightly'`)).n;
      expect(await count()).toBe(1);
      await drainJobs(db, { 'test.nightly': async () => {} }, () => at(60));
      expect(await tickSchedules(db, [schedule], at(3600))).toEqual(['test.nightly']);
      expect(await count()).toBe(2);
    });
  });
}

/** A fresh PostgreSQL database reachable through two separate pools (two "instances"). */
async function twoPools(): Promise<{ a: Db; b: Db; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `passerelle_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  const a = await openPostgres(withDatabase(url, name), 4);
  const b = await openPostgres(withDatabase(url, name), 4);
  return {
    a,
    b,
    async drop() {
      await a.close();
      await b.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

describe.runIf(DB_KINDS.includes('postgresql'))('job queue concurrency (postgresql)', () => {
  it('two workers on two pools drain 50 jobs; each job runs exactly once', async () => {
    const { a, b, drop } = await twoPools();
    try {
      await a.transaction(async (tx) => {
        for (let i = 0; i < 50; i++) await enqueue(tx, 'test.concurrent', { i }, { runAt: T0 });
      });
      const runs = new Map<number, string[]>();
      const handler =
        (who: string): JobHandler =>
        async (job) => {
          runs.set(job.id, [...(runs.get(job.id) ?? []), who]);
          await new Promise((r) => setTimeout(r, 2)); // let the other worker interleave
        };
      const worker = (db: Db, who: string) =>
        Promise.all([0, 1].map(() => drainJobs(db, { 'test.concurrent': handler(who) }, () => at(1))));
      const [ra, rb] = await Promise.all([worker(a, 'a'), worker(b, 'b')]);
      const done = [...ra, ...rb].reduce((s, r) => s + r.done, 0);
      expect(done).toBe(50);
      expect(runs.size).toBe(50);
      expect([...runs.values()].every((w) => w.length === 1)).toBe(true);
      // Both instances took part (the point of SKIP LOCKED is that they share the work).
      const byWorker = [...runs.values()].flat();
      expect(byWorker.filter((w) => w === 'a').length).toBeGreaterThan(0);
      expect(byWorker.filter((w) => w === 'b').length).toBeGreaterThan(0);
      const left = await a.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM jobs WHERE status <> 'done'`,
      );
      expect(left.n).toBe(0);
    } finally {
      await drop();
    }
  });

  it('two instances on two pools ticking the same schedule together enqueue one run', async () => {
    const { a, b, drop } = await twoPools();
    try {
      const schedule = { name: 'test.race', kind: 'test.race', intervalSeconds: 60 };
      for (let round = 0; round < 5; round++) {
        const now = at(round * 60);
        const fired = await Promise.all([
          tickSchedules(a, [schedule], now),
          tickSchedules(b, [schedule], now),
          tickSchedules(a, [schedule], now),
          tickSchedules(b, [schedule], now),
        ]);
        expect(fired.flat()).toEqual(['test.race']);
        await a.run(sql`UPDATE jobs SET status = 'done' WHERE kind = 'test.race'`);
      }
      const n = await a.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.race'`);
      expect(n.n).toBe(5);
    } finally {
      await drop();
    }
  });
});
