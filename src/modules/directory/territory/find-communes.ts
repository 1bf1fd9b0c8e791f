import type { Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { AUTHORITY_LEVEL_ORDER } from './domain/levels.js';

/** An INSEE commune code: 5 characters, Corsica with 2A/2B. */
export const INSEE_RE = /^(?:[0-9]{2}|2A|2B)[0-9]{3}$/;

export const isInseeCode = (s: string) => INSEE_RE.test(s);

/** The normalised key used by the autocomplete (same expression as the index in 0012). */
export const communeSearchKeySql = sql.raw('search_key');

export interface CommuneSummary {
  insee: string;
  name: string;
  departementCode: string;
  postalCodes: string[];
  population: number | null;
}

/** The same normalisation as the SQL key, in JS: lower case, no accents, words separated by one space. */
export function communeSearchKey(q: string): string {
  return q
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Up to `limit` communes whose name starts with `q` (accents, case, hyphens ignored), or by code. */
export async function searchCommunes(db: Queryable, q: string, limit = 10): Promise<CommuneSummary[]> {
  const text = q.trim();
  const key = communeSearchKey(text);
  // A constant prefix pattern lets the planner use the text_pattern_ops index (0012).
  const pattern = `${key.replace(/[\\%_]/g, '\\$&')}%`;
  const rows = /^[0-9][0-9AB]?[0-9]{0,3}$/i.test(text)
    ? await db.many<any>(sql`SELECT insee, name, departement_code, postal_codes, population FROM communes
        WHERE insee LIKE ${`${text.toUpperCase()}%`}
           OR (length(${text}) = 5 AND postal_codes @> ARRAY[${text}]::text[])
        ORDER BY population DESC NULLS LAST, insee LIMIT ${limit}`)
    : key === ''
      ? []
      : await db.many<any>(sql`SELECT insee, name, departement_code, postal_codes, population FROM communes
        WHERE ${communeSearchKeySql} LIKE ${pattern}
        ORDER BY (${communeSearchKeySql} = ${key}) DESC, population DESC NULLS LAST, insee
        LIMIT ${limit}`);
  return rows.map((r) => ({
    insee: r.insee,
    name: r.name,
    departementCode: r.departement_code,
    postalCodes: r.postal_codes ?? [],
    population: r.population,
  }));
}

export interface CommuneDetail {
  insee: string;
  name: string;
  population: number | null;
  postalCodes: string[];
  /** Set when the code asked for is a former code (merged commune, municipal arrondissement). */
  resolvedFrom: { code: string; kind: 'ancien_code' | 'arrondissement_municipal' } | null;
  epci: { siren: string; name: string; nature: string } | null;
  departement: { code: string; name: string };
  region: { code: string; name: string };
  authorities: { id: string; name: string; level: string }[];
  missionsLocales: { id: string; name: string; coverage: 'declared' | 'approximate' }[];
}

/** Resolves a code (current or former) to the current commune code, or null. */
export async function resolveCommuneCode(
  db: Queryable,
  code: string,
): Promise<{ insee: string; resolvedFrom: CommuneDetail['resolvedFrom'] } | null> {
  const row = await db.maybeOne<{ insee: string; kind: string | null }>(sql`
    SELECT insee, NULL AS kind FROM communes WHERE insee = ${code}
    UNION ALL
    SELECT insee, kind FROM commune_former_codes WHERE former_insee = ${code}
    LIMIT 1`);
  if (!row) return null;
  return {
    insee: row.insee,
    resolvedFrom: row.kind ? { code, kind: row.kind as 'ancien_code' | 'arrondissement_municipal' } : null,
  };
}

/** The commune with who governs it and which Missions Locales serve it; null if unknown. */
export async function findCommune(db: Queryable, code: string): Promise<CommuneDetail | null> {
  const resolved = await resolveCommuneCode(db, code);
  if (!resolved) return null;
  const c = await db.one<any>(sql`SELECT c.insee, c.name, c.population, c.postal_codes,
      e.siren AS epci_siren, e.name AS epci_name, e.nature AS epci_nature,
      d.code AS dep_code, d.name AS dep_name, r.code AS reg_code, r.name AS reg_name
    FROM communes c
    JOIN departements d ON d.code = c.departement_code
    JOIN regions r ON r.code = c.region_code
    LEFT JOIN epci e ON e.siren = c.epci_siren
    WHERE c.insee = ${resolved.insee}`);
  const orgs = await db.many<{
    id: string;
    name: string;
    kind: string;
    level: string | null;
    coverage: string;
  }>(sql`
    SELECT o.id, o.name, o.kind, o.level, oc.coverage FROM organisation_communes oc
    JOIN organisations o ON o.id = oc.organisation_id
    WHERE oc.commune_insee = ${resolved.insee} AND o.kind IN ('local_authority', 'mission_locale')
    ORDER BY o.name`);
  const rank = (l: string | null) => AUTHORITY_LEVEL_ORDER.indexOf((l ?? '') as never);
  return {
    insee: c.insee,
    name: c.name,
    population: c.population,
    postalCodes: c.postal_codes ?? [],
    resolvedFrom: resolved.resolvedFrom,
    epci: c.epci_siren ? { siren: c.epci_siren, name: c.epci_name, nature: c.epci_nature } : null,
    departement: { code: c.dep_code, name: c.dep_name },
    region: { code: c.reg_code, name: c.reg_name },
    authorities: orgs
      .filter((o) => o.kind === 'local_authority')
      .sort((a, b) => rank(a.level) - rank(b.level))
      .map((o) => ({ id: o.id, name: o.name, level: o.level! })),
    missionsLocales: orgs
      .filter((o) => o.kind === 'mission_locale')
      .map((o) => ({ id: o.id, name: o.name, coverage: o.coverage as 'declared' | 'approximate' })),
  };
}
