import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { purgeRateLimits } from './rate-limit-store.js';

/**
 * Hourly housekeeping (`auth.cleanup`): sessions past their idle or absolute limit,
 * finished rate-limit windows, and e-mail links expired for more than 30 days.
 */
export async function cleanupAuthData(
  deps: Deps,
): Promise<{ sessions: number; rateLimits: number; emailTokens: number }> {
  const now = deps.now();
  const idleCutoff = new Date(now.getTime() - deps.config.SESSION_IDLE_MINUTES * 60_000);
  const sessions = await deps.db.run(
    sql`DELETE FROM sessions WHERE absolute_expires_at < ${now} OR last_seen_at < ${idleCutoff}`,
  );
  const rateLimits = await purgeRateLimits(deps.db, now);
  const emailTokens = await deps.db.run(
    sql`DELETE FROM email_tokens WHERE expires_at < ${new Date(now.getTime() - 30 * 24 * 3600_000)}`,
  );
  return { sessions, rateLimits, emailTokens };
}
