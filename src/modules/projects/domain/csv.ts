/** Exports of this module use the platform's one CSV writer (semicolon, BOM, CRLF, formulas neutralised). */
export { toCsv } from '../../../lib/csv.js';
