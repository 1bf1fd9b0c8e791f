import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, isLocked, LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './lockout.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const plus = (min: number) => new Date(t0.getTime() + min * 60_000);

describe('account lockout', () => {
  // ADR 0006 as amended: the per-address brakes come first (domain/rate-limit.ts); the
  // account-wide lock is the last brake, against a brute force spread over many addresses.
  it('locks the account for 15 minutes on the 50th consecutive failure from any addresses', () => {
    expect(MAX_FAILED_SIGN_INS).toBe(50);
    expect(LOCKOUT_MINUTES).toBe(15);
    let s = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 1; i <= 49; i++) {
      const r = afterFailure(s, t0);
      expect(r.justLocked).toBe(false);
      expect(r.failedLogins).toBe(i);
      s = r;
    }
    const last = afterFailure(s, t0);
    expect(last.justLocked).toBe(true);
    expect(last.lockedUntil).toEqual(plus(15));
    expect(isLocked(last, plus(14.9))).toBe(true);
    expect(isLocked(last, plus(15))).toBe(false);
  });

  it('counts again from zero once the lock has run out', () => {
    const r = afterFailure({ failedLogins: 50, lockedUntil: plus(15) }, plus(16));
    expect(r).toEqual({ failedLogins: 1, lockedUntil: null, justLocked: false });
  });

  it('a success clears the count', () => {
    expect(afterSuccess()).toEqual({ failedLogins: 0, lockedUntil: null });
  });
});
