import { describe, expect, it } from 'vitest';
import { type ConnectionState, expiryOf, TRANSITIONS, transition } from './lifecycle.js';

const created = new Date('2026-01-10T09:00:00Z');
const pending: ConnectionState = {
  status: 'pending',
  createdAt: created,
  expiresAt: expiryOf(created),
  remindedAt: null,
};
const day = (n: number) => new Date(created.getTime() + n * 86_400_000);

describe('connection lifecycle (art. 3: mise en lien et prise de contact)', () => {
  it('expires 30 days after the request', () => {
    expect(expiryOf(created).toISOString()).toBe('2026-02-09T09:00:00.000Z');
  });

  it('pending → accepted by the receiver before expiry', () => {
    expect(transition(pending, 'accept', day(29))).toEqual({ ok: true, to: 'accepted' });
  });

  it('pending → declined before expiry', () => {
    expect(transition(pending, 'decline', day(1))).toEqual({ ok: true, to: 'declined' });
  });

  it('no answer once 30 days have passed: it has expired', () => {
    const r = transition(pending, 'accept', day(30));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/expiré/);
  });

  it('pending → expired only from day 30', () => {
    expect(transition(pending, 'expire', day(29)).ok).toBe(false);
    expect(transition(pending, 'expire', day(30))).toEqual({ ok: true, to: 'expired' });
  });

  it('one reminder, from day 7, never after expiry', () => {
    expect(transition(pending, 'remind', day(6)).ok).toBe(false);
    expect(transition(pending, 'remind', day(7))).toEqual({ ok: true, to: 'pending' });
    expect(transition({ ...pending, remindedAt: day(7) }, 'remind', day(8)).ok).toBe(false);
    expect(transition(pending, 'remind', day(31)).ok).toBe(false);
  });

  it('answering twice is refused with a French message', () => {
    for (const status of ['accepted', 'declined', 'expired'] as const) {
      for (const event of ['accept', 'decline', 'expire', 'remind'] as const) {
        const r = transition({ ...pending, status }, event, day(1));
        expect(r.ok, `${status} + ${event}`).toBe(false);
        if (!r.ok) expect(r.message).toMatch(/demande/);
      }
    }
  });

  it('final states have no way out', () => {
    expect(TRANSITIONS.accepted).toEqual({});
    expect(TRANSITIONS.declined).toEqual({});
    expect(TRANSITIONS.expired).toEqual({});
  });
});
