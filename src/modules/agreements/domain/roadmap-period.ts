/**
 * Roadmaps by calendar period (issue 9 §4). Art. 3 : one roadmap per convention year, and a
 * convention year runs from the anniversary of entry into force (art. 5), so "the 2026
 * roadmap" of a convention in force from 4 July 2025 is ambiguous between year 1 (until
 * 3 July 2026) and year 2 (from 4 July 2026). Reading chosen: a calendar year names the
 * convention year that **starts** in it (the roadmap drawn up that year); a calendar year in
 * which no convention year starts (the last, partial one) names the year still running then.
 */
import {
  addDays,
  addYears,
  type ConventionYear,
  conventionYear,
  type IsoDate,
  parseIsoDate,
} from './dates.js';

/** Convention years are numbered 1, 2, 3…; a calendar year has four digits. */
export const isCalendarYear = (n: number) => Number.isInteger(n) && n >= 1000 && n <= 9999;

/**
 * The convention year (1…term) a calendar year designates, or null when the convention
 * is not in force at any time of that calendar year.
 */
export function conventionYearForCalendarYear(
  entry: IsoDate,
  calendarYear: number,
  termYears: number,
): number | null {
  const { y: entryYear } = parseIsoDate(entry);
  const k = calendarYear - entryYear + 1;
  if (k < 1) return null;
  if (k <= termYears) return k;
  // No year starts in it: the last convention year, if it still runs on 1 January.
  const last = conventionYear(entry, termYears);
  return last.end >= `${calendarYear}-01-01` ? termYears : null;
}

/** The calendar year in which convention year k starts (its name in URLs). */
export const calendarYearOf = (entry: IsoDate, k: number): number => parseIsoDate(addYears(entry, k - 1)).y;

/** The period of convention year k, or null before entry into force. */
export function periodOf(entry: IsoDate | null, k: number): ConventionYear | null {
  if (!entry) return null;
  return { year: k, start: addYears(entry, k - 1), end: addDays(addYears(entry, k), -1) };
}
