import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Translate } from '../../i18n/i18n.js';
import { countryName } from '../directory/domain/countries.js';
import { publishedProjectsByOrganisation } from '../projects/index.js';
import {
  CONVENTION_THEMES,
  type Counterpart,
  groupMatches,
  type MatchGroup,
  type Reason,
  rank,
  scoreMatch,
} from './domain/score.js';

/**
 * Suggestions of counterparts on the same territory (convention art. 2–3). The overlap is
 * computed on `organisation_communes`, weighted by `communes.population` (a commune whose
 * population is unknown weighs one inhabitant, so that no territory weighs zero).
 * Contacts are never read here: the list holds public profile data only.
 */
export interface MatchFilters {
  theme?: string;
  country?: string;
}

export interface Match {
  counterpart: Counterpart & { countryCodes: string[] };
  share: number;
  approximate: boolean;
  score: number;
  reasons: Reason[];
  /** Any known international activity. */
  active: boolean;
  /** suggested, or one of the two collapsed groups (domain/score.ts). */
  group: MatchGroup;
}

export interface Viewer {
  id: string;
  name: string;
  kind: string;
  level: string | null;
}

const LARGE_LEVELS = new Set([
  'region',
  'departement',
  'collectivite_unique',
  'collectivite_statut_particulier',
  'collectivite_outre_mer',
  'metropole_statut_particulier',
  'province',
]);

const today = (now: Date) => now.toISOString().slice(0, 10);

interface ProfileRow {
  id: string;
  name: string;
  kind: string;
  level: string | null;
  cuf_member: boolean;
  open_to_partnership: boolean;
  last_verified_on: string | null;
  countries: string[] | null;
  groups: string[] | null;
  /** 'code:name', in the themes' order. */
  themes: string[] | null;
  partners: number | null;
}

const toCounterpart = (o: ProfileRow): Counterpart & { countryCodes: string[] } => {
  const codes = o.countries ?? [];
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    level: o.level,
    cufMember: o.cuf_member,
    openToPartnership: o.open_to_partnership,
    lastVerifiedOn: o.last_verified_on,
    countryCodes: codes,
    countries: codes.map((c) => countryName(c)).sort((a, b) => a.localeCompare(b, 'fr')),
    groups: o.groups ?? [],
    themes: (o.themes ?? []).map((x) => {
      const i = x.indexOf(':');
      return { code: x.slice(0, i), name: x.slice(i + 1) };
    }),
    partnersAbroad: Number(o.partners ?? 0),
  };
};

/** Published projects of each counterpart and those it shares with the viewer (projects module). */
function withProjects(
  c: Counterpart & { countryCodes: string[] },
  projects: Map<string, Set<string>>,
  viewerId: string | null,
): Counterpart & { countryCodes: string[] } {
  const theirs = projects.get(c.id);
  if (!theirs) return c;
  const mine = viewerId ? projects.get(viewerId) : undefined;
  const joint = mine ? [...theirs].filter((p) => mine.has(p)).length : 0;
  return { ...c, projects: theirs.size, jointProjects: joint };
}

const PROFILE = sql`o.id, o.name, o.kind, o.level, o.cuf_member, o.open_to_partnership, o.last_verified_on`;

/** Engagement of one organisation per row (a few index probes each): for short lists. */
const ENGAGEMENT_LATERAL = sql`
  ARRAY(SELECT x.country FROM organisation_countries x WHERE x.organisation_id = o.id ORDER BY x.country) AS countries,
  ARRAY(SELECT cg.name FROM organisation_country_groups g JOIN country_groups cg ON cg.code = g.group_code
    WHERE g.organisation_id = o.id ORDER BY cg.name) AS groups,
  ARRAY(SELECT t.code || ':' || t.name FROM organisation_themes ot JOIN themes t ON t.code = ot.theme_code
    WHERE ot.organisation_id = o.id ORDER BY t.position) AS themes,
  (SELECT count(*) FROM organisation_partners x WHERE x.organisation_id = o.id)::int AS partners`;

/** Profile data of the given organisations, in one query whatever their number. */
export async function loadCounterparts(
  db: Queryable,
  ids: string[],
): Promise<Map<string, Counterpart & { countryCodes: string[] }>> {
  const out = new Map<string, Counterpart & { countryCodes: string[] }>();
  if (ids.length === 0) return out;
  const rows = await db.many<ProfileRow>(
    sql`SELECT ${PROFILE}, ${ENGAGEMENT_LATERAL}
      FROM organisations o WHERE o.id = ANY(${ids}::uuid[])`,
  );
  const projects = await publishedProjectsByOrganisation(db, ids);
  for (const o of rows) out.set(o.id, withProjects(toCounterpart(o), projects, null));
  return out;
}

function keep(c: Counterpart & { countryCodes: string[] }, f: MatchFilters): boolean {
  if (f.theme && !c.themes.some((t) => t.code === f.theme)) return false;
  if (f.country && !c.countryCodes.includes(f.country)) return false;
  return true;
}

/**
 * For a Mission Locale: every local authority whose territory meets the ML's, with the
 * share of the ML's population it covers. For a local authority: the Missions Locales
 * serving its territory, with the share of its population each serves. Others: nothing.
 * One query: the overlap is aggregated by organisation before the profiles are read.
 */
export async function findMatches(
  db: Queryable,
  viewer: Viewer,
  filters: MatchFilters,
  now: Date,
): Promise<Match[]> {
  if (viewer.kind !== 'mission_locale' && viewer.kind !== 'local_authority') return [];
  const otherKind = viewer.kind === 'mission_locale' ? 'local_authority' : 'mission_locale';
  // Approximate: for a Mission Locale's list, its own territory; for an authority's, each ML's.
  const approximate =
    viewer.kind === 'mission_locale'
      ? sql`(SELECT approximate FROM total)`
      : sql`NOT EXISTS (SELECT 1 FROM organisation_communes d WHERE d.organisation_id = o.id AND d.coverage = 'declared')`;
  // Large authorities (a région: ~4 000 communes) meet every Mission Locale of their
  // territory more cheaply from the Missions Locales' side (~20 000 rows in all, one hash
  // join) than by probing each of their communes; small ones the other way round.
  const pairsQuery =
    viewer.kind === 'local_authority' && viewer.level && LARGE_LEVELS.has(viewer.level)
      ? sql`SELECT m.organisation_id AS id, sum(mine.pop) AS covered
          FROM organisation_communes m JOIN mine ON mine.commune_insee = m.commune_insee
          WHERE m.organisation_id = ANY(ARRAY(SELECT id FROM organisations WHERE kind = 'mission_locale'))
          GROUP BY m.organisation_id`
      : sql`SELECT a.organisation_id AS id, sum(mine.pop) AS covered
          FROM mine JOIN organisation_communes a ON a.commune_insee = mine.commune_insee
          WHERE a.organisation_id <> ${viewer.id}
          GROUP BY a.organisation_id`;
  const rows = await db.many<
    ProfileRow & { share: number; approximate: boolean; wanted: string[] | null }
  >(sql`
    WITH mine AS (
      SELECT oc.commune_insee, greatest(coalesce(c.population, 0), 1)::float8 AS pop, oc.coverage
      FROM organisation_communes oc JOIN communes c ON c.insee = oc.commune_insee
      WHERE oc.organisation_id = ${viewer.id}
    ), total AS (
      SELECT sum(pop) AS pop, coalesce(bool_and(coverage = 'approximate'), false) AS approximate FROM mine
    ), pairs AS (${pairsQuery})
    SELECT ${PROFILE}, ${ENGAGEMENT_LATERAL},
      (pairs.covered / (SELECT pop FROM total))::float8 AS share,
      ${approximate} AS approximate,
      ARRAY(SELECT theme_code FROM organisation_themes WHERE organisation_id = ${viewer.id}) AS wanted
    FROM pairs JOIN organisations o ON o.id = pairs.id AND o.kind = ${otherKind}`);
  if (rows.length === 0) return [];
  const own = rows[0].wanted ?? [];
  const wanted = filters.theme ? [filters.theme] : own.length > 0 ? own : CONVENTION_THEMES;
  const perspective = viewer.kind;
  const day = today(now);
  const projects = await publishedProjectsByOrganisation(db, [viewer.id, ...rows.map((r) => r.id)]);
  const out: Match[] = [];
  for (const r of rows) {
    const c = withProjects(toCounterpart(r), projects, viewer.id);
    if (!keep(c, filters)) continue;
    const share = Number(r.share);
    const s = scoreMatch({
      perspective,
      counterpart: c,
      share,
      approximate: r.approximate,
      wantedThemes: wanted,
      today: day,
    });
    out.push({ counterpart: c, share, approximate: r.approximate, ...s });
  }
  // The suggestions, best first, then the two collapsed groups (each ranked the same way).
  const g = groupMatches(rank(out));
  return [...g.suggested, ...g.belowThreshold, ...g.noKnownActivity];
}

/**
 * Every (Mission Locale, authority) pair of France that share territory, with the share
 * of the ML's population the authority covers, scored — one aggregate query (engagement
 * aggregated once per table and hash-joined). Serves the opportunity tables and the
 * national benchmark.
 */
export interface PairMatch {
  missionLocaleId: string;
  authorityId: string;
  share: number;
  approximate: boolean;
  score: number;
  reasons: Reason[];
  active: boolean;
  group: MatchGroup;
}

export async function allMissionLocaleMatches(db: Queryable, now: Date): Promise<PairMatch[]> {
  const rows = await db.many<
    ProfileRow & { ml: string; share: number; approximate: boolean; wanted: string[] | null }
  >(sql`
    WITH ml AS (
      SELECT oc.organisation_id AS ml, oc.commune_insee, oc.coverage,
        greatest(coalesce(c.population, 0), 1)::float8 AS pop
      FROM organisation_communes oc
      JOIN organisations o ON o.id = oc.organisation_id AND o.kind = 'mission_locale'
      JOIN communes c ON c.insee = oc.commune_insee
    ), totals AS (
      SELECT ml, sum(pop) AS pop, bool_and(coverage = 'approximate') AS approximate FROM ml GROUP BY ml
    ), pairs AS (
      SELECT ml.ml, a.organisation_id AS authority, sum(ml.pop) AS covered
      FROM ml JOIN organisation_communes a ON a.commune_insee = ml.commune_insee
      GROUP BY ml.ml, a.organisation_id
    ), ct AS (
      SELECT organisation_id, array_agg(country ORDER BY country) AS countries FROM organisation_countries GROUP BY 1
    ), gr AS (
      SELECT g.organisation_id, array_agg(cg.name ORDER BY cg.name) AS groups
      FROM organisation_country_groups g JOIN country_groups cg ON cg.code = g.group_code GROUP BY 1
    ), pa AS (
      SELECT organisation_id, count(*)::int AS partners FROM organisation_partners GROUP BY 1
    ), th AS (
      SELECT ot.organisation_id, array_agg(t.code || ':' || t.name ORDER BY t.position) AS themes,
        array_agg(t.code) AS codes
      FROM organisation_themes ot JOIN themes t ON t.code = ot.theme_code GROUP BY 1
    )
    SELECT pairs.ml, ${PROFILE}, ct.countries, gr.groups, th.themes, coalesce(pa.partners, 0) AS partners,
      (pairs.covered / totals.pop)::float8 AS share, totals.approximate, mt.codes AS wanted
    FROM pairs
    JOIN totals ON totals.ml = pairs.ml
    JOIN organisations o ON o.id = pairs.authority AND o.kind = 'local_authority'
    LEFT JOIN ct ON ct.organisation_id = o.id
    LEFT JOIN gr ON gr.organisation_id = o.id
    LEFT JOIN th ON th.organisation_id = o.id
    LEFT JOIN th mt ON mt.organisation_id = pairs.ml
    LEFT JOIN pa ON pa.organisation_id = o.id`);
  const projects = await publishedProjectsByOrganisation(db, 'all');
  const day = today(now);
  const cache = new Map<string, Counterpart & { countryCodes: string[] }>();
  const out: PairMatch[] = [];
  for (const r of rows) {
    let base = cache.get(r.id);
    if (!base) {
      base = toCounterpart(r);
      cache.set(r.id, base);
    }
    const c = withProjects(base, projects, r.ml);
    const share = Number(r.share);
    const s = scoreMatch({
      perspective: 'mission_locale',
      counterpart: c,
      share,
      approximate: r.approximate,
      wantedThemes: r.wanted && r.wanted.length > 0 ? r.wanted : CONVENTION_THEMES,
      today: day,
    });
    out.push({ missionLocaleId: r.ml, authorityId: r.id, share, approximate: r.approximate, ...s });
  }
  return out;
}

/** The reasons as French sentences (or English where the catalogue has them). */
export const explain = (t: Translate, reasons: Reason[]) => reasons.map((r) => t(r.key, r.params));
