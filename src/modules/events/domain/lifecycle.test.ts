import { describe, expect, it } from 'vitest';
import {
  dueReminders,
  isTimeZone,
  nextEventState,
  nextRegistrationState,
  promotions,
  seatOrWaitlist,
  TransitionError,
} from './lifecycle.js';

describe('event lifecycle (art. 3 : événements, webinaires)', () => {
  it('a scheduled event is updated, cancelled or held; a cancelled one never changes', () => {
    expect(nextEventState('scheduled', 'update')).toBe('scheduled');
    expect(nextEventState('scheduled', 'cancel')).toBe('cancelled');
    expect(nextEventState('scheduled', 'record_outcome')).toBe('held');
    expect(nextEventState('held', 'record_outcome')).toBe('held');
    expect(() => nextEventState('held', 'cancel')).toThrow(TransitionError);
    expect(() => nextEventState('held', 'register')).toThrow(/inscriptions sont closes/);
    for (const t of ['update', 'cancel', 'record_outcome', 'register'] as const)
      expect(() => nextEventState('cancelled', t)).toThrow(/annulé/);
  });
});

describe('registration lifecycle', () => {
  it('a guest confirms the e-mail, then gets a seat or the waiting list', () => {
    expect(nextRegistrationState('pending_email', 'email_confirmed_seat')).toBe('confirmed');
    expect(nextRegistrationState('pending_email', 'email_confirmed_full')).toBe('waitlisted');
    expect(nextRegistrationState('waitlisted', 'promote')).toBe('confirmed');
    expect(nextRegistrationState('confirmed', 'cancel')).toBe('cancelled');
    expect(() => nextRegistrationState('confirmed', 'promote')).toThrow(TransitionError);
    expect(() => nextRegistrationState('cancelled', 'cancel')).toThrow(/déjà annulée/);
  });

  it('capacity: a seat while confirmed < capacity, else the waiting list; no capacity = always a seat', () => {
    expect(seatOrWaitlist(2, 0)).toBe('confirmed');
    expect(seatOrWaitlist(2, 1)).toBe('confirmed');
    expect(seatOrWaitlist(2, 2)).toBe('waitlisted');
    expect(seatOrWaitlist(null, 500)).toBe('confirmed');
  });

  it('promotes the earliest requests first, as many as free seats', () => {
    const w = [
      { id: 'c', requestedAt: '2026-03-03T10:00:00Z' },
      { id: 'a', requestedAt: '2026-03-01T10:00:00Z' },
      { id: 'b', requestedAt: '2026-03-02T10:00:00Z' },
    ];
    expect(promotions(3, 2, w).map((x) => x.id)).toEqual(['a']);
    expect(promotions(5, 2, w).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(promotions(2, 2, w)).toEqual([]);
    expect(promotions(null, 9, w).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('reminders D-7 and D-1', () => {
  const start = new Date('2026-06-20T12:00:00Z');
  const early = new Date('2026-05-01T00:00:00Z');
  it('D-7 from seven days before, D-1 from the eve; nothing once started', () => {
    expect(dueReminders(start, new Date('2026-06-13T11:59:00Z'), early)).toEqual([]);
    expect(dueReminders(start, new Date('2026-06-13T12:00:00Z'), early)).toEqual(['d7']);
    expect(dueReminders(start, new Date('2026-06-19T12:00:00Z'), early)).toEqual(['d1']);
    expect(dueReminders(start, new Date('2026-06-20T12:00:00Z'), early)).toEqual([]);
  });
  it('a late registration gets only the reminders whose moment comes after it', () => {
    expect(dueReminders(start, new Date('2026-06-19T13:00:00Z'), new Date('2026-06-17T00:00:00Z'))).toEqual([
      'd1',
    ]);
    expect(dueReminders(start, new Date('2026-06-20T08:00:00Z'), new Date('2026-06-20T06:00:00Z'))).toEqual(
      [],
    );
  });
  it('knows real time zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Indian/Reunion')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
