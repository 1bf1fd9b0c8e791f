import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { type RateLimitRule, windowEnd, windowStart } from './domain/rate-limit.js';

/**
 * Counts one attempt in the current fixed window (one atomic upsert, so concurrent
 * requests on several instances count exactly) and says whether it is still allowed.
 */
export async function hitRateLimit(
  db: Queryable,
  rule: RateLimitRule,
  key: string,
  now: Date,
): Promise<{ allowed: boolean; count: number; retryAt: Date }> {
  const start = windowStart(now, rule.windowSeconds);
  const row = await db.one<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${start}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
    RETURNING count`);
  return { allowed: row.count <= rule.limit, count: row.count, retryAt: windowEnd(now, rule.windowSeconds) };
}

/** Old windows are useless once over; the cleanup job drops them. */
export async function purgeRateLimits(db: Queryable, now: Date): Promise<number> {
  return db.run(sql`DELETE FROM rate_limits WHERE window_start < ${new Date(now.getTime() - 24 * 3600_000)}`);
}

/** How many attempts the current window already holds for this key (nothing counted). */
export async function peekRateLimit(
  db: Queryable,
  rule: RateLimitRule,
  key: string,
  now: Date,
): Promise<{ allowed: boolean; count: number; retryAt: Date }> {
  const row = await db.maybeOne<{ count: number }>(
    sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start = ${windowStart(now, rule.windowSeconds)}`,
  );
  const count = row?.count ?? 0;
  return { allowed: count < rule.limit, count, retryAt: windowEnd(now, rule.windowSeconds) };
}

/** Forgets the counts of a key (a success clears the failures of an account at an address). */
export async function clearRateLimit(db: Queryable, key: string): Promise<void> {
  await db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}
