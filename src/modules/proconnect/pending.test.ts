import { describe, expect, it } from 'vitest';
import { type Pending, seal, unseal } from './pending.js';
import { safeNext } from './routes.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const now = new Date('2026-11-26T10:00:00Z');
const pending: Pending = {
  step: 'authorize',
  state: 's'.repeat(43),
  nonce: 'n'.repeat(43),
  verifier: 'v'.repeat(43),
  next: '/annuaire',
  exp: now.getTime() + 60_000,
};

describe('pending ProConnect sign-in cookie (ADR 0005)', () => {
  it('round-trips, and hides state, nonce and verifier', () => {
    const sealed = seal(SECRET, pending);
    expect(unseal(SECRET, sealed, now)).toEqual(pending);
    for (const secret of [pending.state, pending.nonce, pending.verifier])
      expect(sealed).not.toContain(secret.slice(0, 8));
  });

  it('is unique per sealing (random IV)', () => {
    expect(seal(SECRET, pending)).not.toBe(seal(SECRET, pending));
  });

  it('refuses a tampered, foreign, truncated or expired cookie', () => {
    const sealed = seal(SECRET, pending);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(unseal(SECRET, bytes.toString('base64url'), now)).toBeNull();
    expect(unseal('another-secret-another-secret-another-secret', sealed, now)).toBeNull();
    expect(unseal(SECRET, sealed.slice(0, 20), now)).toBeNull();
    expect(unseal(SECRET, 'not base64 at all!', now)).toBeNull();
    expect(unseal(SECRET, undefined, now)).toBeNull();
    expect(unseal(SECRET, sealed, new Date(pending.exp + 1))).toBeNull();
  });
});

describe('safeNext: only a local path follows the sign-in', () => {
  it.each([
    ['/annuaire?q=lyon', '/annuaire?q=lyon'],
    ['/conventions/123', '/conventions/123'],
    [undefined, '/'],
    ['', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/connexion/proconnect', '/'],
    ['/a b', '/'],
  ])('%s → %s', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });
});
