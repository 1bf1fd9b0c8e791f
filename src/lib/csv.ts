/**
 * CSV as French spreadsheets open it: ';' separator, UTF-8 with a BOM, CRLF lines, quoted
 * fields (RFC 4180). A text cell that a spreadsheet would run as a formula (= + - @, tab,
 * CR) gets a leading apostrophe (CSV injection); `unneutralise` reverses it on import.
 * One implementation for every export of the platform.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else if (v instanceof Date) s = v.toISOString();
  else {
    s = typeof v === 'string' ? v : JSON.stringify(v);
    if (FORMULA_START.test(s)) s = `'${s}`;
  }
  return /[";,\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line, without its line end. */
export function csvRow(cells: unknown[], separator: ';' | ',' = ';'): string {
  return cells.map(csvCell).join(separator);
}

/** A whole file: BOM, header, rows, CRLF after every line. */
export function toCsv(header: string[], rows: unknown[][], separator: ';' | ',' = ';'): string {
  return `\uFEFF${[header, ...rows].map((r) => csvRow(r, separator)).join('\r\n')}\r\n`;
}

/** The value a neutralised cell stood for (import of a file we exported). */
export function unneutralise(field: string): string {
  return field.length > 1 && field[0] === "'" && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field;
}
