import { describe, expect, it } from 'vitest';
import { connectionsMessages } from '../messages.js';
import {
  type Counterpart,
  groupMatches,
  isRecent,
  type MatchGroup,
  MIN_SCORE,
  percent,
  rank,
  scoreMatch,
} from './score.js';

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

describe('matching score (art. 2–3: authorities engaged internationally and the Missions Locales of their territory)', () => {
  it('a région covering the whole territory, CUF member, cooperating with Senegal: engagement first, every point explained', () => {
    const s = scoreMatch({ ...base, counterpart: region, share: 1 });
    // 8 country + 12 CUF + 3 group + 5 theme + 8 open + 20 territory + 4 recent
    expect(s.score).toBe(60);
    expect(s.reasons.map((r) => r.key)).toEqual([
      'connections.reason.countries_one',
      'connections.reason.cuf_member',
      'connections.reason.groups_one',
      'connections.reason.themes_one',
      'connections.reason.open',
      'connections.reason.covers',
      'connections.reason.recent',
    ]);
    expect(s.reasons[5].params).toEqual({ name: 'Région Île-de-France', percent: 100 });
    expect(s.reasons[3].params).toEqual({ themes: 'Mobilité internationale des jeunes' });
    expect(s.active).toBe(true);
    expect(s.group).toBe('suggested');
  });

  it('international engagement outweighs territory: an engaged commune on 5 % of the territory beats a silent département covering all of it', () => {
    const engagedCommune = { ...quiet, countries: ['Sénégal'], openToPartnership: true };
    const silentDepartement = { ...quiet, id: 'd', name: 'Département calme', level: 'departement' };
    const a = scoreMatch({ ...base, counterpart: engagedCommune, share: 0.05 });
    const b = scoreMatch({ ...base, counterpart: silentDepartement, share: 1 });
    expect(a.score).toBe(8 + 8 + 1);
    expect(b.score).toBe(20);
    expect(a.group).toBe('suggested');
    // art. 2: the convention links authorities *engaged* internationally — the silent one is grouped apart.
    expect(b.group).toBe('no_known_activity');
    expect(b.active).toBe(false);
  });

  it('an authority with no known international activity scores only its share and is grouped apart', () => {
    const s = scoreMatch({ ...base, counterpart: quiet, share: 0.25 });
    expect(s.score).toBe(5);
    expect(s.reasons).toEqual([
      { key: 'connections.reason.covers', params: { name: 'Commune calme', percent: 25 } },
    ]);
    expect(s.group).toBe('no_known_activity');
  });

  it('declared themes or a recent profile alone are not international activity', () => {
    const themed = {
      ...quiet,
      themes: [{ code: 'youth_mobility', name: 'Mobilité internationale des jeunes' }],
      lastVerifiedOn: '2026-10-01',
    };
    const s = scoreMatch({ ...base, counterpart: themed, share: 0.5 });
    expect(s.score).toBe(5 + 10 + 4);
    expect(s.active).toBe(false);
    expect(s.group).toBe('no_known_activity');
  });

  it(`minimum score: an active authority under ${MIN_SCORE} / 100 goes to its own group; at ${MIN_SCORE} it is a suggestion`, () => {
    const oneGroup = { ...quiet, groups: ['Sénégal'] };
    const low = scoreMatch({ ...base, counterpart: oneGroup, share: 0.1 });
    expect(low.score).toBe(3 + 2);
    expect(low.active).toBe(true);
    expect(low.group).toBe('below_threshold');
    const enough = scoreMatch({ ...base, counterpart: oneGroup, share: 0.35 });
    expect(enough.score).toBe(10);
    expect(enough.group).toBe('suggested');
  });

  it('in an authority’s list every Mission Locale of its territory is a suggestion (art. 2 names them)', () => {
    const ml = { ...quiet, kind: 'mission_locale', level: null, name: 'Mission Locale calme' };
    const s = scoreMatch({ ...base, perspective: 'local_authority', counterpart: ml, share: 0.02 });
    expect(s.score).toBe(0);
    expect(s.group).toBe('suggested');
    expect(s.reasons[0]).toEqual({
      key: 'connections.reason.serves',
      params: { name: 'Mission Locale calme', percent: 2 },
    });
  });

  it('past joint projects count first and apart from the other published projects', () => {
    const s = scoreMatch({ ...base, counterpart: { ...quiet, projects: 3, jointProjects: 1 }, share: 0 });
    expect(s.score).toBe(10 + 6);
    expect(s.reasons).toEqual([
      { key: 'connections.reason.joint_one', params: { count: 1 } },
      { key: 'connections.reason.projects_other', params: { count: 2 } },
      { key: 'connections.reason.covers', params: { name: 'Commune calme', percent: 0 } },
    ]);
    expect(s.group).toBe('suggested');
  });

  it('partners abroad count, capped', () => {
    const s = scoreMatch({ ...base, counterpart: { ...quiet, partnersAbroad: 5 }, share: 0 });
    expect(s.score).toBe(8);
    expect(s.reasons[0]).toEqual({ key: 'connections.reason.partners_other', params: { count: 5 } });
    expect(s.active).toBe(true);
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

  it('capped contributions: many countries, groups and themes never exceed their maximum; the total never exceeds 100', () => {
    const busy = {
      ...region,
      countries: ['A', 'B', 'C', 'D', 'E'],
      groups: ['a', 'b', 'c'],
      partnersAbroad: 4,
      projects: 9,
      jointProjects: 2,
      themes: ['youth_mobility', 'ecsi', 'staff_mobility'].map((code) => ({ code, name: code })),
    };
    const s = scoreMatch({
      ...base,
      wantedThemes: ['youth_mobility', 'ecsi', 'staff_mobility'],
      counterpart: busy,
      share: 1,
    });
    expect(s.score).toBe(16 + 6 + 8 + 12 + 10 + 10 + 6 + 8 + 20 + 4);
    expect(s.score).toBe(100);
    expect(s.reasons.find((r) => r.key === 'connections.reason.countries_other')?.params).toEqual({
      countries: 'A, B, C, D, E',
    });
  });

  it('themes count only when the viewer looks for them', () => {
    const s = scoreMatch({ ...base, wantedThemes: ['ecsi'], counterpart: region, share: 1 });
    expect(s.reasons.some((r) => r.key.startsWith('connections.reason.themes'))).toBe(false);
  });

  it('every reason key exists in the French catalogue and reads as a sentence', () => {
    const all = scoreMatch({
      ...base,
      counterpart: {
        ...region,
        countries: ['A', 'B'],
        groups: ['a', 'b'],
        partnersAbroad: 1,
        projects: 2,
        jointProjects: 1,
      },
      share: 0.5,
    });
    for (const r of all.reasons) {
      const text = connectionsMessages.fr[r.key];
      expect(text, r.key).toBeTypeOf('string');
      expect(text, r.key).toMatch(/^[A-ZÉ].*\.$|\)\.$/s);
    }
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

  it('rank: score, then share, then name; groupMatches keeps that order inside each group', () => {
    const mk = (name: string, score: number, share: number, group: MatchGroup = 'suggested') => ({
      score,
      share,
      group,
      reasons: [],
      counterpart: { name, id: name },
    });
    const ranked = rank([
      mk('B', 10, 0.5),
      mk('A', 10, 0.5),
      mk('C', 20, 0.1),
      mk('D', 10, 0.9),
      mk('Q2', 2, 0.1, 'no_known_activity'),
      mk('Q1', 5, 0.25, 'no_known_activity'),
      mk('L', 6, 0.2, 'below_threshold'),
    ]);
    expect(ranked.slice(0, 4).map((x) => x.counterpart.name)).toEqual(['C', 'D', 'A', 'B']);
    const g = groupMatches(ranked);
    expect(g.suggested.map((x) => x.counterpart.name)).toEqual(['C', 'D', 'A', 'B']);
    expect(g.belowThreshold.map((x) => x.counterpart.name)).toEqual(['L']);
    expect(g.noKnownActivity.map((x) => x.counterpart.name)).toEqual(['Q1', 'Q2']);
  });
});
