/**
 * The matching score (convention art. 2 and 3: "favoriser le lien entre les collectivités
 * engagées dans l'action internationale et les Missions Locales de leurs territoires").
 * Pure: no I/O. A suggestion's score is out of 100 and every point comes with its reason,
 * a sentence a user understands. International engagement first (at most 76 points), then
 * territorial fit (at most 20), then a fresh profile (4):
 *
 *   countries     8 per partner country, at most 16
 *   groups        3 per CUF country group, at most 6
 *   partners      4 per partner abroad on Passerelle, at most 8
 *   CUF member   12
 *   themes        5 per theme in common with what the other side looks for, at most 10
 *   joint        10 when it already shares a published project with the viewer
 *   projects      3 per other published project it takes part in, at most 6
 *   open          8 when open to partnership
 *   territory    20 × the share of the population concerned (see `share` below)
 *   recent        4 when its profile was confirmed in the last 12 months
 *
 * Grouping (ADR 0030, 2026-11-29 update): in a Mission Locale's list, an authority with
 * no known international activity (none of: CUF member, open to partnership, countries,
 * groups, partners abroad, published projects) is never mixed with the suggestions — it
 * goes to a separate, collapsed group; an active authority scoring below MIN_SCORE goes to
 * a second collapsed group. In an authority's list every Mission Locale of its territory
 * is a suggestion (art. 2 names them as the counterparts), ordered by the same score.
 */
export const WEIGHTS = {
  perCountry: 8,
  maxCountries: 16,
  perGroup: 3,
  maxGroups: 6,
  perPartner: 4,
  maxPartners: 8,
  cufMember: 12,
  perTheme: 5,
  maxThemes: 10,
  joint: 10,
  perProject: 3,
  maxProjects: 6,
  open: 8,
  territory: 20,
  recent: 4,
} as const;

/** Below this score, an active authority is not among a Mission Locale's suggestions. */
export const MIN_SCORE = 10;

/** Everything about a counterpart the score reads (all public profile data). */
export interface Counterpart {
  id: string;
  name: string;
  kind: string;
  level: string | null;
  cufMember: boolean;
  openToPartnership: boolean;
  /** Partner countries, French names. */
  countries: string[];
  /** CUF country groups, names. */
  groups: string[];
  /** Theme codes with their French names. */
  themes: { code: string; name: string }[];
  /** 'YYYY-MM-DD' of the last confirmation of the profile, if any. */
  lastVerifiedOn: string | null;
  /** Partners abroad recorded on its profile. */
  partnersAbroad?: number;
  /** Published projects it takes part in on Passerelle, the joint ones included. */
  projects?: number;
  /** Of those, the ones shared with the viewer. */
  jointProjects?: number;
}

export interface MatchInput {
  /** Whose list this is: a Mission Locale looking at authorities, or the reverse. */
  perspective: 'mission_locale' | 'local_authority';
  counterpart: Counterpart;
  /**
   * Share (0..1) of the population concerned: for a Mission Locale's list, the share of
   * the ML's population that the authority covers; for an authority's list, the share of
   * the authority's population that the ML serves.
   */
  share: number;
  /** The Mission Locale's territory is only inferred (its seat's EPCI). */
  approximate: boolean;
  /** Theme codes the viewer looks for. */
  wantedThemes: string[];
  /** Today, 'YYYY-MM-DD'. */
  today: string;
}

export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

/** suggested: the list; below_threshold / no_known_activity: the two collapsed groups. */
export type MatchGroup = 'suggested' | 'below_threshold' | 'no_known_activity';

export interface Scored {
  score: number;
  reasons: Reason[];
  /** Whether the counterpart has any known international activity (see the header). */
  active: boolean;
  group: MatchGroup;
}

/** Whole per cent, never 0 % for a real overlap nor 100 % for a partial one. */
export function percent(share: number): number {
  if (share <= 0) return 0;
  if (share >= 1) return 100;
  return Math.min(99, Math.max(1, Math.round(share * 100)));
}

/** Within 12 months before `today` (both 'YYYY-MM-DD'). */
export function isRecent(lastVerifiedOn: string | null, today: string): boolean {
  if (!lastVerifiedOn) return false;
  const [y, m, d] = today.split('-').map(Number);
  const yearAgo = new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10);
  return lastVerifiedOn >= yearAgo && lastVerifiedOn <= today;
}

const list = (xs: string[]) => xs.join(', ');
const plural = (key: string, n: number) => (n === 1 ? `${key}_one` : `${key}_other`);

/** Any known international activity (public profile data and published projects). */
export function isActive(c: Counterpart): boolean {
  return (
    c.cufMember ||
    c.openToPartnership ||
    c.countries.length > 0 ||
    c.groups.length > 0 ||
    (c.partnersAbroad ?? 0) > 0 ||
    (c.projects ?? 0) > 0 ||
    (c.jointProjects ?? 0) > 0
  );
}

export function scoreMatch(m: MatchInput): Scored {
  const c = m.counterpart;
  const reasons: Reason[] = [];
  let score = 0;
  const add = (points: number, key: string, params?: Record<string, string | number>) => {
    score += points;
    reasons.push(params ? { key, params } : { key });
  };

  // International engagement first.
  const joint = c.jointProjects ?? 0;
  if (joint > 0) add(WEIGHTS.joint, plural('connections.reason.joint', joint), { count: joint });
  if (c.countries.length > 0)
    add(
      Math.min(WEIGHTS.maxCountries, WEIGHTS.perCountry * c.countries.length),
      plural('connections.reason.countries', c.countries.length),
      { countries: list(c.countries) },
    );
  if (c.cufMember) add(WEIGHTS.cufMember, 'connections.reason.cuf_member');
  if (c.groups.length > 0)
    add(
      Math.min(WEIGHTS.maxGroups, WEIGHTS.perGroup * c.groups.length),
      plural('connections.reason.groups', c.groups.length),
      { groups: list(c.groups) },
    );
  const partners = c.partnersAbroad ?? 0;
  if (partners > 0)
    add(
      Math.min(WEIGHTS.maxPartners, WEIGHTS.perPartner * partners),
      plural('connections.reason.partners', partners),
      {
        count: partners,
      },
    );
  const common = c.themes.filter((t) => m.wantedThemes.includes(t.code));
  if (common.length > 0)
    add(
      Math.min(WEIGHTS.maxThemes, WEIGHTS.perTheme * common.length),
      plural('connections.reason.themes', common.length),
      {
        themes: list(common.map((t) => t.name)),
      },
    );
  const others = Math.max(0, (c.projects ?? 0) - joint);
  if (others > 0)
    add(
      Math.min(WEIGHTS.maxProjects, WEIGHTS.perProject * others),
      plural('connections.reason.projects', others),
      {
        count: others,
      },
    );
  if (c.openToPartnership) add(WEIGHTS.open, 'connections.reason.open');

  // Then territorial fit.
  const share = Math.max(0, Math.min(1, m.share));
  const pct = percent(share);
  const territoryKey =
    m.perspective === 'mission_locale'
      ? m.approximate
        ? 'connections.reason.covers_approx'
        : 'connections.reason.covers'
      : m.approximate
        ? 'connections.reason.serves_approx'
        : 'connections.reason.serves';
  add(WEIGHTS.territory * share, territoryKey, { name: c.name, percent: pct });

  if (isRecent(c.lastVerifiedOn, m.today)) add(WEIGHTS.recent, 'connections.reason.recent');

  const total = Math.min(100, Math.round(score));
  const active = isActive(c);
  const group: MatchGroup =
    m.perspective === 'local_authority'
      ? 'suggested'
      : !active
        ? 'no_known_activity'
        : total < MIN_SCORE
          ? 'below_threshold'
          : 'suggested';
  return { score: total, reasons, active, group };
}

/** Best first; equal scores by larger share, then by name (stable, locale-independent). */
export function rank<T extends { score: number; share: number; counterpart: { name: string; id: string } }>(
  xs: T[],
): T[] {
  return [...xs].sort(
    (a, b) =>
      b.score - a.score ||
      b.share - a.share ||
      (a.counterpart.name < b.counterpart.name ? -1 : a.counterpart.name > b.counterpart.name ? 1 : 0) ||
      (a.counterpart.id < b.counterpart.id ? -1 : 1),
  );
}

/** What a Mission Locale looks for when it says nothing: the convention's three project kinds (art. 1). */
export const CONVENTION_THEMES = ['youth_mobility', 'ecsi', 'staff_mobility'];

/** The three groups of a list, each ranked (suggestions first, then the collapsed groups). */
export function groupMatches<T extends { group: MatchGroup }>(
  xs: T[],
): { suggested: T[]; belowThreshold: T[]; noKnownActivity: T[] } {
  return {
    suggested: xs.filter((x) => x.group === 'suggested'),
    belowThreshold: xs.filter((x) => x.group === 'below_threshold'),
    noKnownActivity: xs.filter((x) => x.group === 'no_known_activity'),
  };
}
