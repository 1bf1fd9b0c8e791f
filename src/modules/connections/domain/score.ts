/**
 * The matching score (convention art. 2 and 3: "favoriser le lien entre les collectivités
 * engagées dans l'action internationale et les Missions Locales de leurs territoires").
 * Pure: no I/O. A suggestion's score is out of 100 and every point comes with its reason.
 *
 *   territory    40 × the share of the population concerned (see `share` below)
 *   CUF member   15
 *   countries     4 per partner country, at most 12
 *   groups        3 per CUF country group, at most 6
 *   themes        6 per theme in common with what the other side looks for, at most 12
 *   open         10 when open to partnership
 *   recent        5 when its profile was confirmed in the last 12 months
 *   projects      4 per project it takes part in on Passerelle, at most 8
 * The total is capped at 100.
 */
export const WEIGHTS = {
  territory: 40,
  cufMember: 15,
  perCountry: 4,
  maxCountries: 12,
  perGroup: 3,
  maxGroups: 6,
  perTheme: 6,
  maxThemes: 12,
  open: 10,
  recent: 5,
  perProject: 4,
  maxProjects: 8,
} as const;

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
  /** Projects it takes part in on Passerelle (0 when the projects module is absent). */
  projects?: number;
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

export interface Scored {
  score: number;
  reasons: Reason[];
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

export function scoreMatch(m: MatchInput): Scored {
  const c = m.counterpart;
  const reasons: Reason[] = [];
  const share = Math.max(0, Math.min(1, m.share));
  let score = WEIGHTS.territory * share;

  const pct = percent(share);
  if (m.perspective === 'mission_locale') {
    reasons.push({
      key: m.approximate ? 'connections.reason.covers_approx' : 'connections.reason.covers',
      params: { name: c.name, percent: pct },
    });
  } else {
    reasons.push({
      key: m.approximate ? 'connections.reason.serves_approx' : 'connections.reason.serves',
      params: { name: c.name, percent: pct },
    });
  }

  if (c.cufMember) {
    score += WEIGHTS.cufMember;
    reasons.push({ key: 'connections.reason.cuf_member' });
  }
  if (c.countries.length > 0) {
    score += Math.min(WEIGHTS.maxCountries, WEIGHTS.perCountry * c.countries.length);
    reasons.push({ key: 'connections.reason.countries', params: { countries: list(c.countries) } });
  }
  if (c.groups.length > 0) {
    score += Math.min(WEIGHTS.maxGroups, WEIGHTS.perGroup * c.groups.length);
    reasons.push({ key: 'connections.reason.groups', params: { groups: list(c.groups) } });
  }
  const common = c.themes.filter((t) => m.wantedThemes.includes(t.code));
  if (common.length > 0) {
    score += Math.min(WEIGHTS.maxThemes, WEIGHTS.perTheme * common.length);
    reasons.push({ key: 'connections.reason.themes', params: { themes: list(common.map((t) => t.name)) } });
  }
  if (c.openToPartnership) {
    score += WEIGHTS.open;
    reasons.push({ key: 'connections.reason.open' });
  }
  if (isRecent(c.lastVerifiedOn, m.today)) {
    score += WEIGHTS.recent;
    reasons.push({ key: 'connections.reason.recent' });
  }
  const projects = c.projects ?? 0;
  if (projects > 0) {
    score += Math.min(WEIGHTS.maxProjects, WEIGHTS.perProject * projects);
    reasons.push({ key: 'connections.reason.projects', params: { count: projects } });
  }
  return { score: Math.min(100, Math.round(score)), reasons };
}

/** Best first; equal scores by larger share, then by name (stable, locale-independent). */
export function rank<T extends Scored & { share: number; counterpart: { name: string; id: string } }>(
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
