import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { afterFailure, afterSuccess, isLocked } from './domain/lockout.js';
import {
  ACCOUNT_ADDRESS_LIMIT,
  accountAddressKey,
  rateLimitKey,
  SIGN_IN_LIMIT,
} from './domain/rate-limit.js';
import { hashPassword, verifyPassword } from './password.js';
import { clearRateLimit, hitRateLimit, peekRateLimit } from './rate-limit-store.js';
import { createSession, destroySession, loadActor } from './sessions.js';

export type SignInResult =
  | { ok: true; userId: string; token: string; csrfToken: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date }
  | { ok: false; reason: 'rate_limited'; retryAt: Date };

let dummyHash: Promise<string> | null = null;
/** Verifying against a throw-away hash when the account does not exist keeps the answer time the same. */
const timingDecoy = () => {
  dummyHash ??= hashPassword('passerelle-timing-decoy-not-a-password');
  return dummyHash;
};

/**
 * Signs in with e-mail and password. Refuses without saying whether the account exists.
 * Only FAILED attempts count (ADR 0006 as amended): 20 per address per 15 minutes block the
 * address; 5 on one account from one address lock that account for that address only; 50
 * consecutive ones from anywhere lock the account. On success opens a NEW session (the
 * previous one, if any, is destroyed: no session fixation).
 */
export async function signIn(
  deps: Deps,
  input: {
    email: string;
    password: string;
    ip: string | null;
    userAgent?: string | null;
    previousSessionIdHash?: string | null;
    requestId?: string;
  },
): Promise<SignInResult> {
  const { db, config } = deps;
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  const addressKey = rateLimitKey(SIGN_IN_LIMIT, { ip: input.ip, email });
  const limit = await peekRateLimit(db, SIGN_IN_LIMIT, addressKey, now);
  if (!limit.allowed) return { ok: false, reason: 'rate_limited', retryAt: limit.retryAt };
  const countFailure = () => hitRateLimit(db, SIGN_IN_LIMIT, addressKey, now);

  const user = await db.maybeOne<{
    id: string;
    password_hash: string | null;
    failed_logins: number;
    locked_until: Date | null;
    disabled_at: Date | null;
  }>(
    sql`SELECT id, password_hash, failed_logins, locked_until, disabled_at FROM users WHERE email = ${email}`,
  );
  if (!user?.password_hash || user.disabled_at) {
    await verifyPassword(input.password, await timingDecoy());
    await countFailure();
    return { ok: false, reason: 'invalid' };
  }
  const pairKey = accountAddressKey(user.id, input.ip);
  const pair = await peekRateLimit(db, ACCOUNT_ADDRESS_LIMIT, pairKey, now);
  if (!pair.allowed) return { ok: false, reason: 'locked', until: pair.retryAt };
  const lock = {
    failedLogins: user.failed_logins,
    lockedUntil: user.locked_until ? new Date(user.locked_until) : null,
  };
  if (isLocked(lock, now)) return { ok: false, reason: 'locked', until: lock.lockedUntil! };

  const good = await verifyPassword(input.password, user.password_hash);
  if (!good) {
    await countFailure();
    const pairNow = await hitRateLimit(db, ACCOUNT_ADDRESS_LIMIT, pairKey, now);
    return db.transaction(async (tx) => {
      // Re-read under lock: concurrent failures must all count.
      const cur = await tx.one<{ failed_logins: number; locked_until: Date | null }>(
        sql`SELECT failed_logins, locked_until FROM users WHERE id = ${user.id} FOR UPDATE`,
      );
      const next = afterFailure(
        {
          failedLogins: cur.failed_logins,
          lockedUntil: cur.locked_until ? new Date(cur.locked_until) : null,
        },
        now,
      );
      await tx.run(
        sql`UPDATE users SET failed_logins = ${next.failedLogins}, locked_until = ${next.lockedUntil} WHERE id = ${user.id}`,
      );
      if (next.justLocked || pairNow.count >= ACCOUNT_ADDRESS_LIMIT.limit) {
        const until = next.justLocked ? next.lockedUntil! : pairNow.retryAt;
        await audit(
          tx,
          { actor: { kind: 'system', label: 'connexion' }, requestId: input.requestId },
          {
            action: 'user.locked',
            entityType: 'user',
            entityId: user.id,
            after: {
              lockedUntil: until,
              failedLogins: next.failedLogins,
              scope: next.justLocked ? 'account' : 'address',
            },
          },
        );
        return { ok: false as const, reason: 'locked' as const, until };
      }
      return { ok: false as const, reason: 'invalid' as const };
    });
  }

  return db.transaction(async (tx) => {
    const cleared = afterSuccess();
    await tx.run(sql`UPDATE users SET failed_logins = ${cleared.failedLogins}, locked_until = ${cleared.lockedUntil},
      last_login_at = ${now} WHERE id = ${user.id}`);
    await clearRateLimit(tx, pairKey);
    if (input.previousSessionIdHash) await destroySession(tx, input.previousSessionIdHash);
    const s = await createSession(
      tx,
      user.id,
      { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
      now,
      { userAgent: input.userAgent ?? null, data: { method: 'password' } },
    );
    const actor = await loadActor(tx, user.id, 'session');
    await audit(
      tx,
      { actor: actor ?? { kind: 'system', label: 'connexion' }, requestId: input.requestId },
      {
        action: 'user.sign_in',
        entityType: 'user',
        entityId: user.id,
        after: { method: 'password' },
      },
    );
    return { ok: true as const, userId: user.id, token: s.token, csrfToken: s.csrfToken };
  });
}
