import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { type Sql, sql } from '../../db/sql.js';
import { resolveCountry } from './domain/countries.js';
import { LEVELS, ORG_KINDS, THEMES } from './domain/profile.js';
import { FUZZY_MIN, hasFuzzy, parseQuery, type Term } from './domain/query.js';

/** Page size of the directory (page and API). */
export const PAGE_SIZE = 20;

/** Accents, case and punctuation ignored: "Saint-Étienne" → "saint etienne" (same as ORG_KEY). */
export function searchKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The stored, indexed search key (0011_profiles_search: btree in "C" order for prefixes and
 * sorting; 0011_profiles_search_trgm: trigram GIN for substrings and typos).
 */
const ORG_KEY = sql.raw('o.search_key');

/** A name matches the term: one of its substrings, or one of its words as a whole word. */
function termMatches(t: Term, fuzzy: boolean): Sql {
  const alts: Sql[] = t.substrings.map((x) => sql`${ORG_KEY} LIKE ${`%${likeEscape(x)}%`}`);
  for (const w of t.words) {
    const e = likeEscape(w);
    alts.push(
      sql`(${ORG_KEY} = ${w} OR ${ORG_KEY} LIKE ${`${e} %`} OR ${ORG_KEY} LIKE ${`% ${e}`} OR ${ORG_KEY} LIKE ${`% ${e} %`})`,
    );
  }
  if (fuzzy && t.fuzzy) alts.push(sql`${t.fuzzy} <% ${ORG_KEY}`);
  return alts.length === 1 ? alts[0] : sql`(${sql.join(alts, sql` OR `)})`;
}

/**
 * Every term of the query matches the name (domain/query.ts). `fuzzy`: plain words of
 * 5 letters or more may also match a close word — used only when nothing matches exactly
 * (the relevance floor: "marseille" never lists every name that merely looks like it).
 */
function matches(terms: Term[], fuzzy: boolean): Sql {
  return sql`(${sql.join(
    terms.map((t) => termMatches(t, fuzzy)),
    sql` AND `,
  )})`;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

const optCode = (re: RegExp, message: string) =>
  z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(re, message).optional())
    .optional();

/** Query-string filters of /annuaire and GET /api/v1/organisations (invalid values → 400/422, named). */
export const searchParamsSchema = z.object({
  q: z.string().trim().max(200, '200 caractères au plus.').optional().default(''),
  kind: z
    .union([z.literal(''), z.enum(ORG_KINDS, { error: 'Type d’organisation inconnu.' })])
    .optional()
    .transform((v) => v || undefined),
  level: z
    .union([z.literal(''), z.enum(LEVELS, { error: 'Niveau de collectivité inconnu.' })])
    .optional()
    .transform((v) => v || undefined),
  region: optCode(/^[0-9]{2,3}$/, 'Code de région invalide (deux ou trois chiffres, par exemple 93).'),
  departement: optCode(
    /^([0-9]{2}|2A|2B|9[0-9]{2})$/,
    'Code de département invalide (par exemple 13, 2A ou 974).',
  ),
  // One country input everywhere (issue 9 §5): a name (French or English) or an ISO code.
  country: z
    .string()
    .trim()
    .transform((v) => (v ? (resolveCountry(v) ?? v.toUpperCase()) : undefined))
    .pipe(
      z
        .string()
        .regex(/^[A-Z]{2}$/, 'Pays inconnu : indiquez son nom (par exemple Sénégal) ou son code ISO (SN).')
        .optional(),
    )
    .optional(),
  group: optCode(/^[a-z0-9_]+$/, 'Groupe pays inconnu.'),
  theme: z
    .union([z.literal(''), z.enum(THEMES, { error: 'Thème inconnu.' })])
    .optional()
    .transform((v) => v || undefined),
  open: z
    .enum(['', '0', '1', 'true', 'false', 'on'], { error: 'Indiquez 1 (oui) ou 0 (non).' })
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'on'),
  page: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 1 : Number(v)))
    .pipe(
      z
        .number()
        .int('Le numéro de page doit être un entier.')
        .min(1, 'Le numéro de page commence à 1.')
        .max(10_000, 'Numéro de page trop grand.'),
    ),
});
export type SearchParams = z.output<typeof searchParamsSchema>;

export interface SearchItem {
  id: string;
  name: string;
  kind: string;
  level: string | null;
  code: string | null;
  departement: { code: string; name: string } | null;
  region: { code: string; name: string } | null;
  country: string | null;
  city: string | null;
  openToPartnership: boolean;
  cufMember: boolean;
}

/** The filters other than the text query. */
function conditions(p: SearchParams): Sql[] {
  const where: Sql[] = [];
  if (p.kind) where.push(sql`o.kind = ${p.kind}`);
  if (p.level) where.push(sql`o.level = ${p.level}`);
  if (p.region) where.push(sql`o.region_code = ${p.region}`);
  if (p.departement) where.push(sql`o.departement_code = ${p.departement}`);
  if (p.country)
    where.push(sql`(EXISTS (SELECT 1 FROM organisation_countries oc WHERE oc.organisation_id = o.id AND oc.country = ${p.country})
      OR (o.kind = 'foreign_partner' AND o.country = ${p.country}))`);
  if (p.group)
    where.push(
      sql`EXISTS (SELECT 1 FROM organisation_country_groups g WHERE g.organisation_id = o.id AND g.group_code = ${p.group})`,
    );
  if (p.theme)
    where.push(
      sql`EXISTS (SELECT 1 FROM organisation_themes th WHERE th.organisation_id = o.id AND th.theme_code = ${p.theme})`,
    );
  if (p.open) where.push(sql`o.open_to_partnership`);
  return where;
}

const whereClause = (w: Sql[]) => (w.length ? sql`WHERE ${sql.join(w, sql` AND `)}` : sql.empty);

/**
 * The text condition for a query, with its relevance floor: exact terms when some
 * organisation (with the other filters) matches them all, close words otherwise.
 */
async function textCondition(db: Queryable, key: string, others: Sql[]): Promise<Sql[]> {
  const terms = parseQuery(key);
  if (terms.length === 0) return [];
  const strict = matches(terms, false);
  if (!hasFuzzy(terms)) return [strict];
  const any = await db.maybeOne(
    sql`SELECT 1 AS x FROM organisations o ${whereClause([...others, strict])} LIMIT 1`,
  );
  return [any ? strict : matches(terms, true)];
}

/**
 * Order of a page. Without a query: engaged organisations, then Missions Locales, then
 * other organisations, authorities and finally communes (directory_tier, 0055), by name.
 * With a query: the closest names first (exact, then starting with, then containing the
 * query, then word and whole-name similarity), then by the same tiers, the shorter name first.
 */
function orderBy(key: string): Sql {
  if (!key) return sql`ORDER BY o.directory_tier, o.search_key, o.id`;
  const e = likeEscape(key);
  return sql`ORDER BY (CASE WHEN ${ORG_KEY} = ${key} THEN 3 WHEN ${ORG_KEY} LIKE ${`${e}%`} THEN 2
                         WHEN ${ORG_KEY} LIKE ${`%${e}%`} THEN 1 ELSE 0 END
                    + word_similarity(${key}, ${ORG_KEY}) + similarity(${key}, ${ORG_KEY})) DESC, o.directory_tier, length(o.search_key), o.search_key, o.id`;
}

/** One page of the directory and the total count, best matches first (see orderBy). */
export async function searchOrganisations(
  db: Queryable,
  p: SearchParams,
): Promise<{ items: SearchItem[]; total: number; page: number; pages: number }> {
  const key = searchKey(p.q);
  const others = conditions(p);
  const where = whereClause([...others, ...(await textCondition(db, key, others))]);
  const { total } = await db.one<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM organisations o ${where}`,
  );
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const order = orderBy(key);
  const rows =
    total === 0 || p.page > pages
      ? []
      : await db.many<any>(sql`
    SELECT o.id, o.name, o.kind, o.level, o.code, o.country, o.city, o.open_to_partnership, o.cuf_member,
           d.code AS d_code, d.name AS d_name, r.code AS r_code, r.name AS r_name
    FROM (SELECT o.* FROM organisations o ${where} ${order} LIMIT ${PAGE_SIZE} OFFSET ${(p.page - 1) * PAGE_SIZE}) o
    LEFT JOIN departements d ON d.code = o.departement_code
    LEFT JOIN regions r ON r.code = o.region_code
    ${order}`);
  return { items: rows.map(toItem), total, page: p.page, pages };
}

function toItem(r: any): SearchItem {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    level: r.level,
    code: r.code,
    departement: r.d_code ? { code: r.d_code, name: r.d_name } : null,
    region: r.r_code ? { code: r.r_code, name: r.r_name } : null,
    country: r.country,
    city: r.city,
    openToPartnership: r.open_to_partnership,
    cufMember: r.cuf_member,
  };
}

export interface AutocompleteItem {
  id: string;
  name: string;
  kind: string;
  level: string | null;
  departementCode: string | null;
}

/**
 * Up to `limit` organisations for the search box, in three cheap stages that stop as soon
 * as the list is full: names starting with the query (prefix), then names containing
 * every term of it (trigram index, abbreviations understood), then — only when nothing
 * matched and the query is long enough — names close to it (word similarity, typos tolerated). Typing a real name never pays for the
 * fuzzy stage, which is the slow one at national scale (~100 ms over 37,000 names).
 */
export async function autocompleteOrganisations(
  db: Queryable,
  q: string,
  limit = 10,
): Promise<AutocompleteItem[]> {
  const key = searchKey(q);
  if (key.length < 2) return [];
  const cols = sql`o.id, o.name, o.kind, o.level, o.departement_code`;
  const out: AutocompleteItem[] = [];
  const seen = new Set<string>();
  const take = (rows: any[]) => {
    for (const r of rows) {
      if (out.length >= limit || seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ id: r.id, name: r.name, kind: r.kind, level: r.level, departementCode: r.departement_code });
    }
  };
  take(
    await db.many<any>(sql`SELECT ${cols} FROM organisations o WHERE ${ORG_KEY} LIKE ${`${likeEscape(key)}%`}
      ORDER BY length(o.search_key), o.search_key, o.id LIMIT ${limit}`),
  );
  const terms = parseQuery(key);
  if (out.length < limit && key.length >= 3 && terms.length > 0) {
    // Every word, abbreviations understood ("ml marseille"), engaged organisations first.
    take(
      await db.many<any>(sql`SELECT ${cols} FROM organisations o WHERE ${matches(terms, false)}
        ORDER BY o.directory_tier, length(o.search_key), o.search_key, o.id LIMIT ${limit * 2}`),
    );
  }
  // Relevance floor: close words only when nothing matches exactly.
  if (out.length === 0 && key.length >= FUZZY_MIN) {
    take(
      await db.many<any>(sql`SELECT ${cols}, word_similarity(${key}, ${ORG_KEY}) AS score
        FROM organisations o WHERE ${key} <% ${ORG_KEY}
        ORDER BY score DESC, length(o.search_key), o.search_key LIMIT ${limit * 2}`),
    );
  }
  return out;
}

/** Matching organisations per département (map of the directory). */
export async function countByDepartement(
  db: Queryable,
  p: SearchParams,
): Promise<{ counts: Map<string, number>; total: number }> {
  const others = conditions(p);
  const where = whereClause([...others, ...(await textCondition(db, searchKey(p.q), others))]);
  const rows = await db.many<{ code: string | null; n: number }>(sql`
    SELECT o.departement_code AS code, count(*)::int AS n FROM organisations o
    ${where} GROUP BY 1`);
  const counts = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    total += r.n;
    if (r.code) counts.set(r.code, r.n);
  }
  return { counts, total };
}

/** Every public row of the directory matching the filters, in name order (open-data export). */
export async function* exportRows(db: Queryable, p: SearchParams, batch = 2000) {
  const others = conditions(p);
  const where = [...others, ...(await textCondition(db, searchKey(p.q), others))];
  let after: { key: string; id: string } | null = null;
  for (;;) {
    const w = [...where];
    if (after) w.push(sql`(o.search_key, o.id) > (${after.key}, ${after.id}::uuid)`);
    const rows: any[] = await db.many(sql`
      SELECT o.id, o.search_key, o.kind, o.level, o.name, o.code, o.siret, o.siren, o.seat_insee, o.departement_code, o.region_code,
             o.website, o.country, o.city, o.partner_type, o.open_to_partnership, o.cuf_member, o.last_verified_on,
             (SELECT string_agg(country, ' ' ORDER BY country) FROM organisation_countries c WHERE c.organisation_id = o.id) AS countries,
             (SELECT string_agg(group_code, ' ' ORDER BY group_code) FROM organisation_country_groups g WHERE g.organisation_id = o.id) AS groups,
             (SELECT string_agg(theme_code, ' ' ORDER BY theme_code) FROM organisation_themes th WHERE th.organisation_id = o.id) AS themes
      FROM organisations o ${whereClause(w)}
      ORDER BY o.search_key, o.id LIMIT ${batch}`);
    if (rows.length === 0) return;
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    after = { key: rows[rows.length - 1].search_key, id: rows[rows.length - 1].id };
  }
}
