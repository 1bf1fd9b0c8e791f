import { hostname } from 'node:os';
import type { Db, Queryable } from '../db/client.js';
import { sql } from '../db/sql.js';

/**
 * Durable job queue in the database (ADR 0003). Jobs are enqueued in the same
 * transaction as the change that causes them and run after it commits; each is claimed
 * with FOR UPDATE SKIP LOCKED, so it runs once whatever the number of instances.
 */
export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** While a job with this key is pending or running, enqueuing it again does nothing. */
  dedupeKey?: string;
}

export async function enqueue(
  tx: Queryable,
  kind: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<number | null> {
  const row = await tx.maybeOne<{ id: number }>(sql`
    INSERT INTO jobs (kind, payload, run_at, max_attempts, dedupe_key)
    VALUES (${kind}, ${JSON.stringify(payload)}, ${opts.runAt ?? sql`now()`}, ${opts.maxAttempts ?? 5}, ${opts.dedupeKey ?? null})
    ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'running') DO NOTHING
    RETURNING id`);
  return row?.id ?? null;
}

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, any>;
  attempts: number;
  max_attempts: number;
}

export type JobHandler = (job: Job, db: Db) => Promise<void>;

/** Backoff before retry n (1-based): 30 s, 2 min, 8 min, 32 min… capped at 6 h. */
export function backoffSeconds(attempt: number): number {
  return Math.min(30 * 4 ** (attempt - 1), 6 * 3600);
}

const workerId = `${hostname()}:${process.pid}`;

/**
 * Claims one ready job (SKIP LOCKED) and marks it running. Ready: due at `now`, or
 * enqueued "as soon as possible" (no runAt: run_at = created_at) and never tried — so a
 * clock moved back in tests never holds back the mails an action just queued.
 */
export async function claimJob(db: Db, now: Date): Promise<Job | null> {
  return db.transaction(async (tx) => {
    const job = await tx.maybeOne<Job>(sql`
      SELECT id, kind, payload, attempts, max_attempts FROM jobs
      WHERE status = 'pending' AND (run_at <= ${now} OR (attempts = 0 AND run_at = created_at))
      ORDER BY run_at, id
      FOR UPDATE SKIP LOCKED
      LIMIT 1`);
    if (!job) return null;
    await tx.run(
      sql`UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_at = ${now}, locked_by = ${workerId} WHERE id = ${job.id}`,
    );
    return { ...job, attempts: job.attempts + 1 };
  });
}

/** Runs one claimed job; on failure it is retried with backoff, then marked failed. */
export async function runJob(
  db: Db,
  job: Job,
  handlers: Record<string, JobHandler>,
  now: () => Date,
): Promise<'done' | 'retry' | 'failed'> {
  const handler = handlers[job.kind];
  try {
    if (!handler) throw new Error(`Aucun traitement pour les tâches « ${job.kind} »`);
    await handler(job, db);
    await db.run(
      sql`UPDATE jobs SET status = 'done', finished_at = ${now()}, last_error = NULL, locked_at = NULL, locked_by = NULL
          WHERE id = ${job.id} AND status = 'running'`,
    );
    return 'done';
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
    if (job.attempts >= job.max_attempts) {
      await db.run(
        sql`UPDATE jobs SET status = 'failed', last_error = ${message}, finished_at = ${now()}, locked_at = NULL, locked_by = NULL
            WHERE id = ${job.id} AND status = 'running'`,
      );
      return 'failed';
    }
    const runAt = new Date(now().getTime() + backoffSeconds(job.attempts) * 1000);
    await db.run(
      sql`UPDATE jobs SET status = 'pending', last_error = ${message}, run_at = ${runAt}, locked_at = NULL, locked_by = NULL
          WHERE id = ${job.id} AND status = 'running'`,
    );
    return 'retry';
  }
}

/** Runs every ready job now (CLI `jobs run`, tests). Returns how many ran, by outcome. */
export async function drainJobs(
  db: Db,
  handlers: Record<string, JobHandler>,
  now: () => Date = () => new Date(),
  limit = 1000,
): Promise<{ done: number; retry: number; failed: number }> {
  const out = { done: 0, retry: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const job = await claimJob(db, now());
    if (!job) break;
    out[await runJob(db, job, handlers, now)]++;
  }
  return out;
}

/**
 * An admin puts a failed job back in the queue (attempts start again; the last error is
 * kept until the next run). Returns false when the job is not failed (already retried,
 * done, unknown). A failed job whose dedupe key is taken again by a pending twin stays
 * failed: running it would duplicate the twin.
 */
export async function retryJob(tx: Queryable, id: number, now: Date): Promise<boolean> {
  const n = await tx.run(
    sql`UPDATE jobs j SET status = 'pending', run_at = ${now}, attempts = 0, finished_at = NULL, locked_at = NULL, locked_by = NULL
        WHERE j.id = ${id} AND j.status = 'failed'
          AND (j.dedupe_key IS NULL OR NOT EXISTS (
            SELECT 1 FROM jobs o WHERE o.dedupe_key = j.dedupe_key AND o.status IN ('pending', 'running') AND o.id <> j.id))`,
  );
  return n === 1;
}

/** Running jobs whose worker died (locked for over 15 minutes) go back to pending. */
export async function releaseStaleJobs(db: Db, now: Date): Promise<number> {
  const limit = new Date(now.getTime() - 15 * 60_000);
  return db.run(
    sql`UPDATE jobs SET status = 'pending', locked_at = NULL, locked_by = NULL, run_at = ${now}
        WHERE status = 'running' AND locked_at < ${limit}`,
  );
}

/**
 * At start: running jobs claimed by a process of this host that no longer exists (the
 * server was stopped mid-job) go back to pending at once, without waiting 15 minutes.
 */
export async function releaseOrphanedJobs(db: Db, now: Date): Promise<number> {
  const rows = await db.many<{ id: number; locked_by: string }>(
    sql`SELECT id, locked_by FROM jobs WHERE status = 'running' AND locked_by LIKE ${`${hostname()}:%`}`,
  );
  const orphans = rows.filter(
    (r) => !processAlive(Number(r.locked_by.slice(r.locked_by.lastIndexOf(':') + 1))),
  );
  for (const r of orphans) {
    await db.run(
      sql`UPDATE jobs SET status = 'pending', locked_at = NULL, locked_by = NULL, run_at = ${now}
          WHERE id = ${r.id} AND status = 'running'`,
    );
  }
  return orphans.length;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}
