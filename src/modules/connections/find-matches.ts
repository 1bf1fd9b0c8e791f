import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Translate } from '../../i18n/i18n.js';
import { countryName } from '../directory/domain/countries.js';
import { CONVENTION_THEMES, type Counterpart, type Reason, rank, scoreMatch } from './domain/score.js';

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
}

export interface Viewer {
  id: string;
  name: string;
  kind: string;
  level: string | null;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Profile data of the given organisations, in four queries whatever their number. */
export async function loadCounterparts(
  db: Queryable,
  ids: string[],
): Promise<Map<string, Counterpart & { countryCodes: string[] }>> {
  const out = new Map<string, Counterpart & { countryCodes: string[] }>();
  if (ids.length === 0) return out;
  const orgs = await db.many<{
    id: string;
    name: string;
    kind: string;
    level: string | null;
    cuf_member: boolean;
    open_to_partnership: boolean;
    last_verified_on: string | null;
  }>(sql`SELECT id, name, kind, level, cuf_member, open_to_partnership, last_verified_on
    FROM organisations WHERE id = ANY(${ids}::uuid[])`);
  for (const o of orgs)
    out.set(o.id, {
      id: o.id,
      name: o.name,
      kind: o.kind,
      level: o.level,
      cufMember: o.cuf_member,
      openToPartnership: o.open_to_partnership,
      lastVerifiedOn: o.last_verified_on,
      countries: [],
      countryCodes: [],
      groups: [],
      themes: [],
    });
  const countries = await db.many<{ organisation_id: string; country: string }>(
    sql`SELECT organisation_id, country FROM organisation_countries WHERE organisation_id = ANY(${ids}::uuid[]) ORDER BY country`,
  );
  for (const r of countries) {
    const c = out.get(r.organisation_id);
    c?.countryCodes.push(r.country);
    c?.countries.push(countryName(r.country));
  }
  for (const c of out.values()) c.countries.sort((a, b) => a.localeCompare(b, 'fr'));
  const groups = await db.many<{ organisation_id: string; name: string }>(
    sql`SELECT g.organisation_id, cg.name FROM organisation_country_groups g JOIN country_groups cg ON cg.code = g.group_code
      WHERE g.organisation_id = ANY(${ids}::uuid[]) ORDER BY cg.name`,
  );
  for (const r of groups) out.get(r.organisation_id)?.groups.push(r.name);
  const themes = await db.many<{ organisation_id: string; code: string; name: string }>(
    sql`SELECT ot.organisation_id, t.code, t.name FROM organisation_themes ot JOIN themes t ON t.code = ot.theme_code
      WHERE ot.organisation_id = ANY(${ids}::uuid[]) ORDER BY t.position`,
  );
  for (const r of themes) out.get(r.organisation_id)?.themes.push({ code: r.code, name: r.name });
  return out;
}

async function wantedThemes(db: Queryable, orgId: string, filters: MatchFilters): Promise<string[]> {
  if (filters.theme) return [filters.theme];
  const own = await db.many<{ theme_code: string }>(
    sql`SELECT theme_code FROM organisation_themes WHERE organisation_id = ${orgId}`,
  );
  return own.length > 0 ? own.map((r) => r.theme_code) : CONVENTION_THEMES;
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
 */
export async function findMatches(
  db: Queryable,
  viewer: Viewer,
  filters: MatchFilters,
  now: Date,
): Promise<Match[]> {
  let rows: { id: string; share: number; approximate: boolean }[];
  if (viewer.kind === 'mission_locale') {
    rows = await db.many(sql`
      WITH mine AS (
        SELECT oc.commune_insee, greatest(coalesce(c.population, 0), 1)::float8 AS pop, oc.coverage
        FROM organisation_communes oc JOIN communes c ON c.insee = oc.commune_insee
        WHERE oc.organisation_id = ${viewer.id}
      ), total AS (SELECT sum(pop) AS pop, bool_and(coverage = 'approximate') AS approximate FROM mine)
      SELECT a.organisation_id AS id, (sum(mine.pop) / (SELECT pop FROM total))::float8 AS share,
        coalesce((SELECT approximate FROM total), false) AS approximate
      FROM mine
      JOIN organisation_communes a ON a.commune_insee = mine.commune_insee AND a.organisation_id <> ${viewer.id}
      JOIN organisations o ON o.id = a.organisation_id AND o.kind = 'local_authority'
      GROUP BY a.organisation_id`);
  } else if (viewer.kind === 'local_authority') {
    rows = await db.many(sql`
      WITH mine AS (
        SELECT oc.commune_insee, greatest(coalesce(c.population, 0), 1)::float8 AS pop
        FROM organisation_communes oc JOIN communes c ON c.insee = oc.commune_insee
        WHERE oc.organisation_id = ${viewer.id}
      ), total AS (SELECT sum(pop) AS pop FROM mine)
      SELECT a.organisation_id AS id, (sum(mine.pop) / (SELECT pop FROM total))::float8 AS share,
        bool_and(a.coverage = 'approximate') AS approximate
      FROM mine
      JOIN organisation_communes a ON a.commune_insee = mine.commune_insee AND a.organisation_id <> ${viewer.id}
      JOIN organisations o ON o.id = a.organisation_id AND o.kind = 'mission_locale'
      GROUP BY a.organisation_id`);
  } else {
    return [];
  }
  if (rows.length === 0) return [];
  const counterparts = await loadCounterparts(
    db,
    rows.map((r) => r.id),
  );
  const wanted = await wantedThemes(db, viewer.id, filters);
  const perspective = viewer.kind === 'mission_locale' ? 'mission_locale' : 'local_authority';
  const day = today(now);
  const out: Match[] = [];
  for (const r of rows) {
    const c = counterparts.get(r.id);
    if (!c || !keep(c, filters)) continue;
    const s = scoreMatch({
      perspective,
      counterpart: c,
      share: Number(r.share),
      approximate: r.approximate,
      wantedThemes: wanted,
      today: day,
    });
    out.push({ counterpart: c, share: Number(r.share), approximate: r.approximate, ...s });
  }
  return rank(out);
}

/**
 * Every (Mission Locale, authority) pair of France that share territory, with the share
 * of the ML's population the authority covers, scored — one aggregate query and one
 * batch of profile reads. Serves the opportunity tables and the national benchmark.
 */
export interface PairMatch {
  missionLocaleId: string;
  authorityId: string;
  share: number;
  approximate: boolean;
  score: number;
  reasons: Reason[];
}

export async function allMissionLocaleMatches(db: Queryable, now: Date): Promise<PairMatch[]> {
  const rows = await db.many<{ ml: string; authority: string; share: number; approximate: boolean }>(sql`
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
      FROM ml
      JOIN organisation_communes a ON a.commune_insee = ml.commune_insee
      JOIN organisations o ON o.id = a.organisation_id AND o.kind = 'local_authority'
      GROUP BY ml.ml, a.organisation_id
    )
    SELECT pairs.ml, pairs.authority, (pairs.covered / totals.pop)::float8 AS share, totals.approximate
    FROM pairs JOIN totals ON totals.ml = pairs.ml`);
  const ids = [...new Set(rows.flatMap((r) => [r.authority]))];
  const counterparts = await loadCounterparts(db, ids);
  const themesByMl = new Map<string, string[]>();
  for (const r of await db.many<{ organisation_id: string; theme_code: string }>(sql`
    SELECT ot.organisation_id, ot.theme_code FROM organisation_themes ot
    JOIN organisations o ON o.id = ot.organisation_id AND o.kind = 'mission_locale'`)) {
    const l = themesByMl.get(r.organisation_id) ?? [];
    l.push(r.theme_code);
    themesByMl.set(r.organisation_id, l);
  }
  const day = today(now);
  const out: PairMatch[] = [];
  for (const r of rows) {
    const c = counterparts.get(r.authority);
    if (!c) continue;
    const s = scoreMatch({
      perspective: 'mission_locale',
      counterpart: c,
      share: Number(r.share),
      approximate: r.approximate,
      wantedThemes: themesByMl.get(r.ml) ?? CONVENTION_THEMES,
      today: day,
    });
    out.push({
      missionLocaleId: r.ml,
      authorityId: r.authority,
      share: Number(r.share),
      approximate: r.approximate,
      ...s,
    });
  }
  return out;
}

/** The reasons as French sentences (or English where the catalogue has them). */
export const explain = (t: Translate, reasons: Reason[]) => reasons.map((r) => t(r.key, r.params));
