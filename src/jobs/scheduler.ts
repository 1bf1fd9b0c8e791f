import type { Db } from '../db/client.js';
import { sql } from '../db/sql.js';
import { enqueue } from './queue.js';

/** A recurring job: enqueued every `intervalSeconds`, once across all instances. */
export interface Schedule {
  name: string;
  /** The job kind to enqueue. */
  kind: string;
  intervalSeconds: number;
}

/**
 * Enqueues the recurring jobs that are due. The schedule row is locked (SKIP LOCKED) and
 * moved forward in the same transaction as the enqueue, so several instances never
 * enqueue the same run twice.
 */
export async function tickSchedules(db: Db, schedules: Schedule[], now: Date): Promise<string[]> {
  const fired: string[] = [];
  for (const s of schedules) {
    await db.run(sql`INSERT INTO schedules (name, interval_seconds, next_run_at) VALUES (${s.name}, ${s.intervalSeconds}, ${now})
      ON CONFLICT (name) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds`);
    const didFire = await db.transaction(async (tx) => {
      const due = await tx.maybeOne<{ name: string }>(
        sql`SELECT name FROM schedules WHERE name = ${s.name} AND next_run_at <= ${now} FOR UPDATE SKIP LOCKED`,
      );
      if (!due) return false;
      const next = new Date(now.getTime() + s.intervalSeconds * 1000);
      await tx.run(
        sql`UPDATE schedules SET last_run_at = ${now}, next_run_at = ${next} WHERE name = ${s.name}`,
      );
      await enqueue(
        tx,
        s.kind,
        { schedule: s.name, at: now.toISOString() },
        { dedupeKey: `schedule:${s.name}`, runAt: now },
      );
      return true;
    });
    if (didFire) fired.push(s.name);
  }
  return fired;
}
