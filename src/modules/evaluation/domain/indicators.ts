/**
 * Pure rules of the indicators (issue 12; convention art. 4 : « un bilan … sur la base des
 * indications qui seront définies »). No database here: figures in, figures out.
 */

/** Small-cell suppression: no figure counting people is shown below this (no young person identifiable). */
export const SMALL_CELL_THRESHOLD = 5;

/** A displayed figure. `value` is null when suppressed; `suppressed` says why it is missing. */
export interface Figure {
  value: number | null;
  suppressed: boolean;
}

/** A count of people as it may be shown: below 5 (0 included), it is suppressed. */
export function peopleFigure(n: number): Figure {
  return n < SMALL_CELL_THRESHOLD ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/** A figure that does not count people (projects, euros, countries): always shown. */
export const plainFigure = (n: number | null): Figure => ({ value: n, suppressed: false });

/**
 * A breakdown of people (by région, say) whose total is also shown. Every cell below 5
 * is suppressed; when exactly one cell is suppressed, the smallest other non-zero cell is
 * suppressed too (secondary suppression), so that the hidden one cannot be found by
 * subtracting the shown cells from the total.
 */
export function suppressBreakdown<K extends string>(cells: Record<K, number>): Record<K, Figure> {
  const out = {} as Record<K, Figure>;
  const keys = Object.keys(cells) as K[];
  for (const k of keys) out[k] = peopleFigure(cells[k]);
  const hidden = keys.filter((k) => out[k].suppressed && cells[k] > 0);
  if (hidden.length === 1) {
    const next = keys
      .filter((k) => !out[k].suppressed)
      .sort((a, b) => cells[a] - cells[b] || a.localeCompare(b))[0];
    if (next) out[next] = { value: null, suppressed: true };
  }
  return out;
}

/** Median of a list (null when empty). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A share in percent with one decimal (null without a denominator). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Art. 8 : the national convention was signed on 4 July 2025; its years run from each 4 July. */
export const CONVENTION_START = '2025-07-04';

const addYears = (iso: string, n: number) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${String(y + n).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
const dayBefore = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The convention year (1, 2, …) holding a date, with its first and last day. Dates before the start are year 1. */
export function conventionYearOf(
  on: string,
  start = CONVENTION_START,
): { year: number; from: string; to: string } {
  let year = 1;
  while (addYears(start, year) <= on) year++;
  const from = addYears(start, year - 1);
  return { year, from, to: dayBefore(addYears(start, year)) };
}

/** The period of a given convention year. */
export function conventionYear(year: number, start = CONVENTION_START) {
  const from = addYears(start, year - 1);
  return { year, from, to: dayBefore(addYears(start, year)) };
}

/** A valid calendar date 'YYYY-MM-DD'. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
