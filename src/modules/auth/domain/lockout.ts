/**
 * Account-wide lockout after many consecutive failed sign-ins from ANY addresses (the brake
 * against a brute force spread over many addresses; ADR 0006 as amended). The first brakes
 * are per address (domain/rate-limit.ts): 5 failures lock an account for the address that
 * failed only, 20 failures block the address. Pure rules over `users.failed_logins` and
 * `users.locked_until`.
 */
export const MAX_FAILED_SIGN_INS = 50;
export const LOCKOUT_MINUTES = 15;

export interface LockState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export function isLocked(s: LockState, now: Date): boolean {
  return !!s.lockedUntil && now.getTime() < s.lockedUntil.getTime();
}

/**
 * After a failed attempt: one more consecutive failure; the 50th locks the account for 15
 * minutes. Once a lock has run out, counting starts again from zero.
 */
export function afterFailure(s: LockState, now: Date): LockState & { justLocked: boolean } {
  const lockExpired = !!s.lockedUntil && now.getTime() >= s.lockedUntil.getTime();
  const failures = (lockExpired ? 0 : s.failedLogins) + 1;
  if (failures >= MAX_FAILED_SIGN_INS) {
    return {
      failedLogins: failures,
      lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000),
      justLocked: true,
    };
  }
  return { failedLogins: failures, lockedUntil: null, justLocked: false };
}

/** A successful sign-in clears the count. */
export function afterSuccess(): LockState {
  return { failedLogins: 0, lockedUntil: null };
}
