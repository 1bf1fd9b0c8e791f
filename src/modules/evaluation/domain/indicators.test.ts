import { describe, expect, it } from 'vitest';
import {
  conventionYear,
  conventionYearOf,
  isIsoDate,
  median,
  peopleFigure,
  percent,
  SMALL_CELL_THRESHOLD,
  suppressBreakdown,
} from './indicators.js';

describe('small-cell suppression (threshold of 5 people)', () => {
  it('hides every count of people below 5, zero included, and shows 5 and above', () => {
    expect(SMALL_CELL_THRESHOLD).toBe(5);
    for (const n of [0, 1, 2, 3, 4]) expect(peopleFigure(n)).toEqual({ value: null, suppressed: true });
    expect(peopleFigure(5)).toEqual({ value: 5, suppressed: false });
    expect(peopleFigure(120)).toEqual({ value: 120, suppressed: false });
  });

  it('suppresses a second cell when only one would be hidden, so the total cannot reveal it', () => {
    const out = suppressBreakdown({ '84': 3, '11': 40, '75': 12 });
    expect(out['84'].suppressed).toBe(true);
    expect(out['75']).toEqual({ value: null, suppressed: true });
    expect(out['11']).toEqual({ value: 40, suppressed: false });
  });

  it('needs no second suppression when two cells are already hidden or none is', () => {
    const two = suppressBreakdown({ a: 2, b: 3, c: 30 });
    expect(two.c.value).toBe(30);
    const none = suppressBreakdown({ a: 20, b: 30 });
    expect(none).toEqual({ a: { value: 20, suppressed: false }, b: { value: 30, suppressed: false } });
  });
});

describe('computations', () => {
  it('median of odd and even lists, null when empty', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 4])).toBe(4);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
  it('percent with one decimal, null without a denominator', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 0)).toBeNull();
  });
});

describe('art. 8 : convention years run from 4 July 2025', () => {
  it('places a date in its convention year, including past dates and the last day', () => {
    expect(conventionYearOf('2025-07-04')).toEqual({ year: 1, from: '2025-07-04', to: '2026-07-03' });
    expect(conventionYearOf('2026-07-03').year).toBe(1);
    expect(conventionYearOf('2026-07-04')).toEqual({ year: 2, from: '2026-07-04', to: '2027-07-03' });
    expect(conventionYearOf('2025-01-01').year).toBe(1);
    expect(conventionYear(3)).toEqual({ year: 3, from: '2027-07-04', to: '2028-07-03' });
  });
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('28/02/2026')).toBe(false);
  });
});
