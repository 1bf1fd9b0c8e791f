/**
 * Calendar dates of a convention (DOMAIN.md §"Date conventions"). Pure: no I/O, no clock.
 *
 * A date is a 'YYYY-MM-DD' string: a day of the calendar, without time or time zone.
 * Arithmetic goes through a day number (days since 1970-01-01 in the proleptic Gregorian
 * calendar, computed with Date.UTC), so no local time zone or daylight-saving change can
 * shift a result. "Today" is the Europe/Paris calendar day of an instant.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days of month m (1–12) of year y. */
export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** True for a well-formed date that exists in the calendar ('2026-02-29' does not). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseIsoDate(s: IsoDate): Ymd {
  if (!isIsoDate(s)) throw new RangeError(`Not a calendar date: ${String(s)}`);
  const [y, m, d] = s.split('-').map(Number);
  return { y, m, d };
}

export function formatIsoDate({ y, m, d }: Ymd): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const dayNumber = (s: IsoDate) => {
  const { y, m, d } = parseIsoDate(s);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};

const fromDayNumber = (n: number): IsoDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The date n days later (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** Days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * The date n months later, same day number; when the target month has no such day, its
 * last day (31 January + 1 month → 28 or 29 February).
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseIsoDate(date);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return formatIsoDate({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** The date n years later; a 29 February that does not exist in the target year is 28 February. */
export function addYears(date: IsoDate, n: number): IsoDate {
  return addMonths(date, 12 * n);
}

export const compareDates = (a: IsoDate, b: IsoDate) => (a < b ? -1 : a > b ? 1 : 0);
/** Earliest / latest of ISO dates (they sort as strings). */
export const minDate = (...ds: IsoDate[]) => [...ds].sort()[0];
export const maxDate = (...ds: IsoDate[]) => [...ds].sort()[ds.length - 1];

const parisFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Europe/Paris of an instant (23:30 UTC on 31 December is already 1 January). */
export function parisDay(instant: Date): IsoDate {
  const parts = parisFormatter.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * Art. 5 : entry into force E = the date of the last party's signature of the same
 * version. `signedOn` holds each party's signature date of that version; null while a
 * party has not signed it.
 */
export function entryIntoForce(partyIds: string[], signedOn: Map<string, IsoDate>): IsoDate | null {
  if (partyIds.length === 0) return null;
  const dates: IsoDate[] = [];
  for (const p of partyIds) {
    const d = signedOn.get(p);
    if (!d) return null;
    dates.push(d);
  }
  return maxDate(...dates);
}

/**
 * Art. 5 : last day in force for a term of N years = the N-th anniversary of E minus one
 * day (an anniversary on a 29 February that does not exist is 28 February).
 */
export function lastDayInForce(entry: IsoDate, termYears: number): IsoDate {
  return addDays(addYears(entry, termYears), -1);
}

/**
 * Art. 5 : withdrawal with M months' notice. The notice expires on the notification date
 * plus M months (same day number, or the last day of a shorter month); the agreement is
 * in force through that day and withdrawn from the next.
 */
export function withdrawalNoticeEnd(notifiedOn: IsoDate, noticeMonths: number): IsoDate {
  return addMonths(notifiedOn, noticeMonths);
}

/** Art. 7 : termination may be requested from the sending date of the formal notice plus D days. */
export function terminationAvailableFrom(sentOn: IsoDate, delayDays: number): IsoDate {
  return addDays(sentOn, delayDays);
}

export interface ConventionYear {
  year: number;
  start: IsoDate;
  end: IsoDate;
}

/** Art. 3 and 5 : convention year k runs from E + (k−1) years to the day before E + k years. */
export function conventionYear(entry: IsoDate, k: number): ConventionYear {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`Convention year must be ≥ 1: ${k}`);
  return { year: k, start: addYears(entry, k - 1), end: addDays(addYears(entry, k), -1) };
}

/** The convention year a date falls in (null before entry into force). */
export function conventionYearOf(entry: IsoDate, date: IsoDate): ConventionYear | null {
  if (date < entry) return null;
  const { y: ey } = parseIsoDate(entry);
  const { y } = parseIsoDate(date);
  for (let k = Math.max(1, y - ey); k <= y - ey + 2; k++) {
    const cy = conventionYear(entry, k);
    if (date >= cy.start && date <= cy.end) return cy;
  }
  /* c8 ignore next */
  throw new Error(`No convention year for ${date}`);
}

export type EndReason = 'expired' | 'withdrawn' | 'terminated';

export interface EndCandidate {
  reason: EndReason;
  /** The last day the agreement is in force for this reason. */
  lastDayInForce: IsoDate;
}

/**
 * The end of the agreement: the earliest of the last day of the term, the end of a
 * withdrawal notice, a termination (effective on its date, so in force until the day
 * before) and an automatic termination. On a tie, the order of `candidates` decides.
 */
export function agreementEnd(candidates: EndCandidate[]): EndCandidate | null {
  let best: EndCandidate | null = null;
  for (const c of candidates) if (!best || c.lastDayInForce < best.lastDayInForce) best = c;
  return best;
}

/** A termination effective on T (art. 7): the last day in force is T − 1. */
export const terminationEnd = (effectiveOn: IsoDate): EndCandidate => ({
  reason: 'terminated',
  lastDayInForce: addDays(effectiveOn, -1),
});
