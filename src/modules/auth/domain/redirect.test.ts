import { describe, expect, it } from 'vitest';
import { safeNext } from './redirect.js';

describe('redirect after sign-in (?suite=)', () => {
  it('keeps local paths with their query', () => {
    expect(safeNext('/compte')).toBe('/compte');
    expect(safeNext('/annuaire?q=lyon&page=2')).toBe('/annuaire?q=lyon&page=2');
    expect(safeNext('/invitation/abc_DEF-1')).toBe('/invitation/abc_DEF-1');
  });

  it('refuses anything that could leave the site', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'compte',
      '/\t/evil.example',
      '/%0d%0aSet-Cookie:x=y'.replace('%0d%0a', '\r\n'),
      '',
      undefined,
      ['/compte'],
    ]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });

  it('does not loop back to the sign-in page', () => {
    expect(safeNext('/connexion?suite=/compte')).toBe('/');
    expect(safeNext('/x', '/compte')).toBe('/x');
    expect(safeNext('//x', '/compte')).toBe('/compte');
  });
});
