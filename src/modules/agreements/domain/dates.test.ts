import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  agreementEnd,
  conventionYear,
  conventionYearOf,
  daysBetween,
  daysInMonth,
  entryIntoForce,
  isIsoDate,
  lastDayInForce,
  parisDay,
  terminationAvailableFrom,
  terminationEnd,
  withdrawalNoticeEnd,
} from './dates.js';

describe('calendar dates', () => {
  it('recognises dates that exist in the calendar only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('26/11/2026')).toBe(false);
    expect(isIsoDate(20261126)).toBe(false);
  });

  it('knows the length of months, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // Daylight-saving change in Paris (29 March 2026) has no effect on calendar days.
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetween('2026-03-10', '2026-03-25')).toBe(15);
  });

  it('adds months keeping the day number, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('adds years; 29 February falls back to 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-07-04', 3)).toBe('2028-07-04');
  });
});

describe('the Europe/Paris calendar day', () => {
  it('an instant at 23:30 UTC on 31 December is already 1 January in Paris', () => {
    expect(parisDay(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });
  it('22:59 UTC in winter is still the same day in Paris (UTC+1)', () => {
    expect(parisDay(new Date('2026-01-15T22:59:00Z'))).toBe('2026-01-15');
    expect(parisDay(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
  });
  it('in summer Paris is UTC+2: 22:00 UTC on 3 July is 4 July', () => {
    expect(parisDay(new Date('2025-07-03T21:59:00Z'))).toBe('2025-07-03');
    expect(parisDay(new Date('2025-07-03T22:00:00Z'))).toBe('2025-07-04');
  });
});

describe('art. 5 : entry into force on the last signature of the same version', () => {
  it('art. 5 : A signs 2024-02-29, B 2024-03-01 → E = 2024-03-01', () => {
    const signed = new Map([
      ['A', '2024-02-29'],
      ['B', '2024-03-01'],
    ]);
    expect(entryIntoForce(['A', 'B'], signed)).toBe('2024-03-01');
  });
  it('art. 5 : signed the same day by both → in force that day (4 July 2025)', () => {
    const signed = new Map([
      ['UNML', '2025-07-04'],
      ['CUF', '2025-07-04'],
    ]);
    expect(entryIntoForce(['UNML', 'CUF'], signed)).toBe('2025-07-04');
  });
  it('art. 5 : not in force while one party has not signed', () => {
    expect(entryIntoForce(['A', 'B', 'C'], new Map([['A', '2026-01-01']]))).toBeNull();
    expect(entryIntoForce([], new Map())).toBeNull();
  });
  it('art. 5 : three parties → the latest of the three signatures', () => {
    const signed = new Map([
      ['A', '2026-05-02'],
      ['B', '2026-05-20'],
      ['C', '2026-05-11'],
    ]);
    expect(entryIntoForce(['A', 'B', 'C'], signed)).toBe('2026-05-20');
  });
});

describe('art. 5 : 3 ans à compter de la signature — last day in force', () => {
  it('art. 5 : E 2025-07-04 → last day in force 2028-07-03', () => {
    expect(lastDayInForce('2025-07-04', 3)).toBe('2028-07-03');
  });
  it('art. 5 : E 2024-03-01 → 2027-02-28', () => {
    expect(lastDayInForce('2024-03-01', 3)).toBe('2027-02-28');
  });
  it('art. 5 : E 2024-02-29 → anniversary 2027-02-28 → last day 2027-02-27', () => {
    expect(lastDayInForce('2024-02-29', 3)).toBe('2027-02-27');
  });
  it('art. 5 : E 2024-02-29 with a 4-year term → the anniversary exists: 2028-02-28', () => {
    expect(lastDayInForce('2024-02-29', 4)).toBe('2028-02-28');
  });
  it('art. 5 : E on 1 January → last day 31 December', () => {
    expect(lastDayInForce('2026-01-01', 1)).toBe('2026-12-31');
  });
});

describe('art. 5 : dénonciation avec un préavis d’un mois', () => {
  it('art. 5 : notified 2026-01-31 → in force through 2026-02-28', () => {
    expect(withdrawalNoticeEnd('2026-01-31', 1)).toBe('2026-02-28');
  });
  it('art. 5 : notified 2026-03-15 → in force through 2026-04-15', () => {
    expect(withdrawalNoticeEnd('2026-03-15', 1)).toBe('2026-04-15');
  });
  it('art. 5 : notified 2028-01-31 (leap year) → 2028-02-29', () => {
    expect(withdrawalNoticeEnd('2028-01-31', 1)).toBe('2028-02-29');
  });
  it('art. 5 : notified 2026-12-31 → 2027-01-31 (year boundary)', () => {
    expect(withdrawalNoticeEnd('2026-12-31', 1)).toBe('2027-01-31');
  });
  it('art. 5 : a 3-month notice from 2026-11-30 → 2027-02-28', () => {
    expect(withdrawalNoticeEnd('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('art. 7 : résiliation quinze jours après une mise en demeure', () => {
  it('art. 7 : sent 2026-03-10, D = 15 → from 2026-03-25', () => {
    expect(terminationAvailableFrom('2026-03-10', 15)).toBe('2026-03-25');
  });
  it('art. 7 : sent 2026-02-20, D = 15 → from 2026-03-07 (February has 28 days)', () => {
    expect(terminationAvailableFrom('2026-02-20', 15)).toBe('2026-03-07');
  });
  it('art. 7 : sent 2024-02-20, D = 15 → from 2024-03-06 (leap year)', () => {
    expect(terminationAvailableFrom('2024-02-20', 15)).toBe('2024-03-06');
  });
  it('art. 7 : a configured delay of 30 days', () => {
    expect(terminationAvailableFrom('2026-12-20', 30)).toBe('2027-01-19');
  });
});

describe('art. 3 and 5 : convention years (feuille de route annuelle)', () => {
  it('art. 5 : E 2025-07-04 → year 1 = 2025-07-04 → 2026-07-03', () => {
    expect(conventionYear('2025-07-04', 1)).toEqual({ year: 1, start: '2025-07-04', end: '2026-07-03' });
  });
  it('art. 5 : E 2025-07-04 → year 2 = 2026-07-04 → 2027-07-03', () => {
    expect(conventionYear('2025-07-04', 2)).toEqual({ year: 2, start: '2026-07-04', end: '2027-07-03' });
  });
  it('art. 5 : E 2024-02-29 → year 2 = 2025-02-28 → 2026-02-27', () => {
    expect(conventionYear('2024-02-29', 2)).toEqual({ year: 2, start: '2025-02-28', end: '2026-02-27' });
  });
  it('finds the convention year a date falls in', () => {
    expect(conventionYearOf('2025-07-04', '2026-11-26')?.year).toBe(2);
    expect(conventionYearOf('2025-07-04', '2026-07-03')?.year).toBe(1);
    expect(conventionYearOf('2025-07-04', '2026-07-04')?.year).toBe(2);
    expect(conventionYearOf('2025-07-04', '2028-07-03')?.year).toBe(3);
    expect(conventionYearOf('2025-07-04', '2025-07-03')).toBeNull();
  });
  it('refuses a year 0', () => {
    expect(() => conventionYear('2025-07-04', 0)).toThrow(RangeError);
  });
});

describe('art. 5 and 7 : end of the agreement = the earliest of the ends', () => {
  it('a withdrawal notice ending before the term wins', () => {
    const end = agreementEnd([
      { reason: 'expired', lastDayInForce: lastDayInForce('2025-07-04', 3) },
      { reason: 'withdrawn', lastDayInForce: withdrawalNoticeEnd('2026-01-31', 1) },
    ]);
    expect(end).toEqual({ reason: 'withdrawn', lastDayInForce: '2026-02-28' });
  });
  it('a withdrawal notice running past the term does not extend it', () => {
    const end = agreementEnd([
      { reason: 'expired', lastDayInForce: '2028-07-03' },
      { reason: 'withdrawn', lastDayInForce: withdrawalNoticeEnd('2028-06-20', 1) },
    ]);
    expect(end).toEqual({ reason: 'expired', lastDayInForce: '2028-07-03' });
  });
  it('art. 7 : a termination effective on T leaves the agreement in force through T − 1', () => {
    expect(terminationEnd('2026-03-25')).toEqual({ reason: 'terminated', lastDayInForce: '2026-03-24' });
    const end = agreementEnd([
      { reason: 'expired', lastDayInForce: '2028-07-03' },
      { reason: 'withdrawn', lastDayInForce: '2026-04-15' },
      terminationEnd('2026-03-25'),
    ]);
    expect(end?.reason).toBe('terminated');
  });
  it('no candidate → no end', () => {
    expect(agreementEnd([])).toBeNull();
  });
});
