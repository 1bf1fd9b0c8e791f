import { describe, expect, it } from 'vitest';
import { searchKey } from '../search.js';
import { hasFuzzy, parseQuery } from './query.js';

const terms = (q: string) => parseQuery(searchKey(q));

describe('directory query terms (issue 9 §2: ranking and abbreviations)', () => {
  it('"mission locale marseille": the Mission Locale concept and the place, both required', () => {
    expect(terms('mission locale marseille')).toEqual([
      { substrings: ['mission locale', 'missions locales'], words: ['ml'] },
      { substrings: ['marseille'], words: [], fuzzy: 'marseille' },
    ]);
  });

  it('"ML", "CD", "CC", "CA", "CU" stand for what they abbreviate, as whole words', () => {
    expect(terms('ML Marseille')[0]).toEqual({
      substrings: ['mission locale', 'missions locales'],
      words: ['ml'],
    });
    expect(terms('CD Nord')[0]).toEqual({
      substrings: ['departement', 'conseil departemental'],
      words: ['cd'],
    });
    expect(terms('CC Pays de Gex')[0]).toEqual({ substrings: ['communaute de communes'], words: ['cc'] });
    expect(terms('CA du Grand Avignon')[0]).toEqual({
      substrings: ['communaute d agglomeration'],
      words: ['ca'],
    });
    expect(terms('cu dunkerque')[0]).toEqual({ substrings: ['communaute urbaine'], words: ['cu'] });
  });

  it('the full phrases find the abbreviated official names ("communauté de communes" → "CC …")', () => {
    expect(terms('Communauté de communes du Pays de Gex').map((t) => t.words)).toEqual([['cc'], [], []]);
    expect(terms('Conseil départemental du Nord')[0].words).toEqual(['cd']);
    expect(terms("communauté d'agglomération")[0].words).toEqual(['ca']);
  });

  it('short words that carry no meaning are dropped, unless the query is made only of them', () => {
    expect(terms('Mission Locale de la Réunion').map((t) => t.substrings[0])).toEqual([
      'mission locale',
      'reunion',
    ]);
    expect(terms('la')).toEqual([{ substrings: ['la'], words: [] }]);
    expect(terms('')).toEqual([]);
  });

  it('typo tolerance only for plain words of 5 letters or more', () => {
    expect(hasFuzzy(terms('ml lyon'))).toBe(false);
    expect(hasFuzzy(terms('marseile'))).toBe(true);
  });
});
