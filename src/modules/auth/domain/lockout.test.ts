import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, isLocked, LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './lockout.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const plus = (min: number) => new Date(t0.getTime() + min * 60_000);

describe('account lockout', () => {
  it('locks the account for 15 minutes on the 5th consecutive failure', () => {
    expect(MAX_FAILED_SIGN_INS).toBe(5);
    expect(LOCKOUT_MINUTES).toBe(15);
    let s = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 1; i <= 4; i++) {
      const r = afterFailure(s, t0);
      expect(r.justLocked).toBe(false);
      expect(r.failedLogins).toBe(i);
      s = r;
    }
    const fifth = afterFailure(s, t0);
    expect(fifth.justLocked).toBe(true);
    expect(fifth.lockedUntil).toEqual(plus(15));
    expect(isLocked(fifth, plus(14.9))).toBe(true);
    expect(isLocked(fifth, plus(15))).toBe(false);
  });

  it('counts again from zero once the lock has run out', () => {
    const r = afterFailure({ failedLogins: 5, lockedUntil: plus(15) }, plus(16));
    expect(r).toEqual({ failedLogins: 1, lockedUntil: null, justLocked: false });
  });

  it('a success clears the count', () => {
    expect(afterSuccess()).toEqual({ failedLogins: 0, lockedUntil: null });
  });
});
