import { describe, expect, it } from 'vitest';
import { charCount, isPublishable, missingApprovals, newsHash } from './approval.js';

const content = { title: 'Titre', body: 'Texte\r\nsuite', socialText: 'Court 🎉', imageAlt: '', link: null };

describe('news approval (art. 3 : communication conjointe)', () => {
  it('hashes what people see, line endings normalised', () => {
    expect(newsHash(content)).toBe(newsHash({ ...content, body: 'Texte\nsuite' }));
    expect(newsHash(content)).not.toBe(newsHash({ ...content, socialText: 'Court' }));
    expect(newsHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('is publishable only when UNML and CUF approved the same hash', () => {
    const h = newsHash(content);
    expect(isPublishable([{ network: 'unml', hash: h }], h)).toBe(false);
    expect(
      isPublishable(
        [
          { network: 'unml', hash: h },
          { network: 'cuf', hash: 'old' },
        ],
        h,
      ),
    ).toBe(false);
    expect(
      isPublishable(
        [
          { network: 'unml', hash: h },
          { network: 'cuf', hash: h },
        ],
        h,
      ),
    ).toBe(true);
    expect(missingApprovals([{ network: 'cuf', hash: h }], h)).toEqual(['unml']);
  });
  it('counts characters as people see them', () => {
    expect(charCount('Court 🎉')).toBe(7);
  });
});
