import { describe, expect, it } from 'vitest';
import { type Counterpart, isRecent, percent, rank, scoreMatch } from './score.js';

const region: Counterpart = {
  id: 'r',
  name: 'Région Île-de-France',
  kind: 'local_authority',
  level: 'region',
  cufMember: true,
  openToPartnership: true,
  countries: ['Sénégal'],
  groups: ['Sénégal'],
  themes: [
    { code: 'youth_mobility', name: 'Mobilité internationale des jeunes' },
    { code: 'climate', name: 'Climat' },
  ],
  lastVerifiedOn: '2026-03-01',
};
const quiet: Counterpart = {
  ...region,
  id: 'c',
  name: 'Commune calme',
  level: 'commune',
  cufMember: false,
  openToPartnership: false,
  countries: [],
  groups: [],
  themes: [],
  lastVerifiedOn: null,
};
const base = {
  perspective: 'mission_locale' as const,
  approximate: false,
  wantedThemes: ['youth_mobility'],
  today: '2026-11-26',
};

describe('matching score (art. 2–3: authorities and the Missions Locales of their territory)', () => {
  it('a région covering the whole territory, CUF member, cooperating with Senegal: every point explained', () => {
    const s = scoreMatch({ ...base, counterpart: region, share: 1 });
    // 40 territory + 15 CUF + 4 country + 3 group + 6 theme + 10 open + 5 recent
    expect(s.score).toBe(83);
    expect(s.reasons.map((r) => r.key)).toEqual([
      'connections.reason.covers',
      'connections.reason.cuf_member',
      'connections.reason.countries',
      'connections.reason.groups',
      'connections.reason.themes',
      'connections.reason.open',
      'connections.reason.recent',
    ]);
    expect(s.reasons[0].params).toEqual({ name: 'Région Île-de-France', percent: 100 });
    expect(s.reasons[4].params).toEqual({ themes: 'Mobilité internationale des jeunes' });
  });

  it('an authority with no engagement scores only its share of the territory', () => {
    const s = scoreMatch({ ...base, counterpart: quiet, share: 0.25 });
    expect(s.score).toBe(10);
    expect(s.reasons).toEqual([
      { key: 'connections.reason.covers', params: { name: 'Commune calme', percent: 25 } },
    ]);
  });

  it('an approximate territory says so', () => {
    const s = scoreMatch({ ...base, counterpart: quiet, share: 0.5, approximate: true });
    expect(s.reasons[0].key).toBe('connections.reason.covers_approx');
    const t = scoreMatch({
      ...base,
      perspective: 'local_authority',
      counterpart: quiet,
      share: 0.5,
      approximate: true,
    });
    expect(t.reasons[0].key).toBe('connections.reason.serves_approx');
  });

  it('capped contributions: many countries, groups and themes never exceed their maximum', () => {
    const busy = {
      ...region,
      countries: ['A', 'B', 'C', 'D', 'E'],
      groups: ['a', 'b', 'c'],
      themes: ['youth_mobility', 'ecsi', 'staff_mobility'].map((code) => ({ code, name: code })),
    };
    const s = scoreMatch({
      ...base,
      wantedThemes: ['youth_mobility', 'ecsi', 'staff_mobility'],
      counterpart: busy,
      share: 1,
    });
    expect(s.score).toBe(40 + 15 + 12 + 6 + 12 + 10 + 5);
    expect(s.score).toBeLessThanOrEqual(100);
  });

  it('projects on Passerelle count, capped, and the total never exceeds 100', () => {
    const s = scoreMatch({ ...base, counterpart: { ...region, projects: 1 }, share: 1 });
    expect(s.score).toBe(83 + 4);
    expect(s.reasons.at(-1)).toEqual({ key: 'connections.reason.projects', params: { count: 1 } });
    const busy = {
      ...region,
      projects: 9,
      countries: ['A', 'B', 'C'],
      groups: ['a', 'b'],
      themes: ['youth_mobility', 'ecsi'].map((code) => ({ code, name: code })),
    };
    expect(
      scoreMatch({ ...base, wantedThemes: ['youth_mobility', 'ecsi'], counterpart: busy, share: 1 }).score,
    ).toBe(100);
  });

  it('themes count only when the viewer looks for them', () => {
    const s = scoreMatch({ ...base, wantedThemes: ['ecsi'], counterpart: region, share: 1 });
    expect(s.reasons.some((r) => r.key === 'connections.reason.themes')).toBe(false);
  });

  it('percent: never 0 % for an overlap nor 100 % for part of it', () => {
    expect(percent(0.001)).toBe(1);
    expect(percent(0.999)).toBe(99);
    expect(percent(1)).toBe(100);
    expect(percent(0)).toBe(0);
    expect(percent(0.426)).toBe(43);
  });

  it('recent = confirmed in the 12 months before today', () => {
    expect(isRecent('2025-11-26', '2026-11-26')).toBe(true);
    expect(isRecent('2025-11-25', '2026-11-26')).toBe(false);
    expect(isRecent(null, '2026-11-26')).toBe(false);
  });

  it('rank: score, then share, then name', () => {
    const mk = (name: string, score: number, share: number) => ({
      score,
      share,
      reasons: [],
      counterpart: { name, id: name },
    });
    expect(
      rank([mk('B', 10, 0.5), mk('A', 10, 0.5), mk('C', 20, 0.1), mk('D', 10, 0.9)]).map(
        (x) => x.counterpart.name,
      ),
    ).toEqual(['C', 'D', 'A', 'B']);
  });
});
