import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatEuros, formatNumber, translator } from './i18n.js';

describe('French formats (DESIGN.md: "4 juillet 2025", "34 969 communes", "8 500 €")', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2025-07-04')).toBe('4 juillet 2025');
    expect(formatDate('2028-07-03', 'en')).toBe('3 July 2028');
    expect(formatDate(null)).toBe('');
  });
  it('groups thousands with a narrow no-break space', () => {
    expect(formatNumber(34969)).toBe('34\u202f969');
    expect(formatEuros(8500)).toBe('8\u202f500\u00a0€');
  });
  it('shows instants in Europe/Paris', () => {
    expect(formatDateTime(new Date('2025-12-31T23:30:00Z'))).toMatch(/^1 janvier 2026/);
  });
  it('interpolates parameters and falls back to French for untranslated keys', () => {
    const en = translator('en');
    expect(en('pagination.page', { page: 3 })).toBe('Page 3');
    expect(translator('fr')('errors.status', { status: 404 })).toBe('Erreur 404');
  });
});
