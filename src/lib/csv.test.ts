import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, unneutralise } from './csv.js';

describe('CSV for spreadsheets', () => {
  it('quotes separators, quotes and line ends', () => {
    expect(csvCell('simple')).toBe('simple');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
  });
  it('neutralises text a spreadsheet would run as a formula, not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell(-3)).toBe('-3');
    expect(unneutralise("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unneutralise("'aujourd'hui")).toBe("'aujourd'hui");
  });
  it('writes dates, booleans, objects and empty values', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
  it('writes a BOM, the header and CRLF lines', () => {
    expect(toCsv(['x', 'y'], [['é', 1]])).toBe('\uFEFFx;y\r\né;1\r\n');
    expect(toCsv(['x', 'y'], [['é', 1]], ',')).toBe('\uFEFFx,y\r\né,1\r\n');
  });
});
