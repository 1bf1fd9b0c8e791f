import { describe, expect, it } from 'vitest';
import { isVisibleToAll, ModerationError, moderate } from './moderation.js';

describe('ECSI resource moderation (art. 3 : sensibiliser à l’ECSI)', () => {
  it('a suggestion is published or rejected by network staff', () => {
    expect(moderate('suggested', 'publish')).toBe('published');
    expect(moderate('suggested', 'reject')).toBe('rejected');
  });
  it('a published resource can be withdrawn, then published again; a rejected one is final', () => {
    expect(moderate('published', 'withdraw')).toBe('withdrawn');
    expect(moderate('withdrawn', 'publish')).toBe('published');
    expect(() => moderate('rejected', 'publish')).toThrow(ModerationError);
    expect(() => moderate('published', 'publish')).toThrow(/déjà publiée/);
    expect(() => moderate('suggested', 'withdraw')).toThrow(/rien à retirer/);
  });
  it('only published resources are public', () => {
    expect(isVisibleToAll('published')).toBe(true);
    for (const s of ['suggested', 'rejected', 'withdrawn'] as const) expect(isVisibleToAll(s)).toBe(false);
  });
});
