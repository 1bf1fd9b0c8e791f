import { describe, expect, it } from 'vitest';
import { calendarYearOf, conventionYearForCalendarYear, isCalendarYear, periodOf } from './roadmap-period.js';

describe('roadmaps by calendar period (art. 3 and 5)', () => {
  // The national convention: in force 2025-07-04 → 2028-07-03 (3 years).
  const E = '2025-07-04';
  it('a calendar year names the convention year that starts in it', () => {
    expect(conventionYearForCalendarYear(E, 2025, 3)).toBe(1);
    expect(conventionYearForCalendarYear(E, 2026, 3)).toBe(2);
    expect(conventionYearForCalendarYear(E, 2027, 3)).toBe(3);
  });
  it('the last, partial calendar year names the year still running; outside the term: none', () => {
    expect(conventionYearForCalendarYear(E, 2028, 3)).toBe(3);
    expect(conventionYearForCalendarYear(E, 2029, 3)).toBeNull();
    expect(conventionYearForCalendarYear(E, 2024, 3)).toBeNull();
  });
  it('a convention in force on 1 January: each year is a calendar year', () => {
    expect(conventionYearForCalendarYear('2026-01-01', 2026, 3)).toBe(1);
    expect(conventionYearForCalendarYear('2026-01-01', 2028, 3)).toBe(3);
    expect(conventionYearForCalendarYear('2026-01-01', 2029, 3)).toBeNull();
  });
  it('names: start calendar year and period of year k', () => {
    expect(calendarYearOf(E, 2)).toBe(2026);
    expect(periodOf(E, 2)).toEqual({ year: 2, start: '2026-07-04', end: '2027-07-03' });
    expect(periodOf(null, 2)).toBeNull();
    expect(isCalendarYear(2026)).toBe(true);
    expect(isCalendarYear(2)).toBe(false);
  });
});
