import { describe, expect, it } from 'vitest';
import { csvCell, isoWeek, toCsv } from './csv.js';

describe('CSV and weeks', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(toCsv(['x'], [['é']])).toBe('\uFEFFx\r\né\r\n');
  });
  it('ISO weeks, across year ends', () => {
    expect(isoWeek(new Date('2026-11-26T10:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2027-01-01T10:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2025-12-29T10:00:00Z'))).toBe('2026-W01');
  });
});
