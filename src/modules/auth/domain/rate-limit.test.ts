import { describe, expect, it } from 'vitest';
import { rateLimitKey, SIGN_IN_LIMIT, windowEnd, windowStart } from './rate-limit.js';

describe('fixed-window rate limit', () => {
  it('puts instants of the same 15 minutes in the same window', () => {
    const a = windowStart(new Date('2026-03-02T09:00:00Z'), 900);
    const b = windowStart(new Date('2026-03-02T09:14:59Z'), 900);
    const c = windowStart(new Date('2026-03-02T09:15:00Z'), 900);
    expect(a).toEqual(b);
    expect(c.getTime() - a.getTime()).toBe(900_000);
    expect(windowEnd(new Date('2026-03-02T09:07:00Z'), 900)).toEqual(new Date('2026-03-02T09:15:00Z'));
  });

  it('keys failed sign-ins by IP address, or by e-mail when the IP is unknown', () => {
    expect(SIGN_IN_LIMIT.limit).toBe(20);
    expect(rateLimitKey(SIGN_IN_LIMIT, { ip: '203.0.113.7', email: 'x@y.fr' })).toBe(
      'sign_in_failed:ip:203.0.113.7',
    );
    expect(rateLimitKey(SIGN_IN_LIMIT, { ip: null, email: ' Jean@Exemple.fr ' })).toBe(
      'sign_in_failed:email:jean@exemple.fr',
    );
  });
});
