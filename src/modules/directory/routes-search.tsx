import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from '../../db/sql.js';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors } from '../../http/validation.js';
import { policies } from '../../policy/policy.js';
import { ErrorBody } from './api-profile.js';
import { csvLine, EXPORT_FIELDS, LICENCE, tableSchema, toPublicRecord } from './export.js';
import { type DirectoryOptions, directoryPage, type RawParams } from './pages/directory.js';
import {
  autocompleteOrganisations,
  countByDepartement,
  exportRows,
  type SearchParams,
  searchOrganisations,
  searchParamsSchema,
} from './search.js';

const SearchItem = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.string(),
    level: z.string().nullable(),
    code: z.string().nullable(),
    departement: z.object({ code: z.string(), name: z.string() }).nullable(),
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    country: z.string().nullable(),
    city: z.string().nullable(),
    openToPartnership: z.boolean(),
    cufMember: z.boolean(),
  })
  .openapi('OrganisationSummary');

const q = (name: string, description: string, example?: string) =>
  z
    .string()
    .optional()
    .openapi({ param: { name, in: 'query' }, description, ...(example ? { example } : {}) });

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations',
  tags: ['Annuaire'],
  summary: 'Rechercher dans l’annuaire (texte sans accents, fautes tolérées, filtres, 20 par page)',
  request: {
    query: z.object({
      q: q('q', 'Texte recherché dans le nom', 'marseille'),
      kind: q('kind', 'Type : mission_locale, local_authority, foreign_partner…'),
      level: q('level', 'Niveau de collectivité : commune, epci, departement, region…'),
      region: q('region', 'Code INSEE de la région', '93'),
      departement: q('departement', 'Code du département', '13'),
      country: q('country', 'Pays partenaire (ISO 3166-1 alpha-2)', 'SN'),
      group: q('group', 'Groupe pays de Cités Unies France', 'senegal'),
      theme: q('theme', 'Thème', 'youth_mobility'),
      open: q('open', '1 : seulement les organisations ouvertes aux partenariats'),
      page: q('page', 'Page (à partir de 1)'),
    }),
  },
  responses: {
    200: {
      description: 'Une page de résultats et le nombre total',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(SearchItem),
            total: z.number().int(),
            page: z.number().int(),
            pages: z.number().int(),
          }),
        },
      },
    },
    422: {
      description: 'Filtre invalide (champ nommé)',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

const autocompleteRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations/autocomplete',
  tags: ['Annuaire'],
  summary: 'Suggestions de noms d’organisations (10 au plus)',
  request: { query: z.object({ q: q('q', 'Début ou partie du nom (2 caractères au moins)', 'marsei') }) },
  responses: {
    200: {
      description: 'Suggestions',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                kind: z.string(),
                level: z.string().nullable(),
                departementCode: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
  },
});

function rawQuery(c: Context<AppEnv>): RawParams {
  const out: RawParams = {};
  for (const [k, v] of Object.entries(c.req.query())) if (typeof v === 'string') out[k] = v;
  return out;
}

function parseParams(raw: RawParams) {
  return searchParamsSchema.safeParse(raw);
}

function paramsOrThrow(raw: RawParams): SearchParams {
  const parsed = parseParams(raw);
  if (!parsed.success) throw new AppError('validation', undefined, fieldErrors(parsed.error));
  return parsed.data;
}

/** Filter lists change rarely (an import, a profile naming a new country): kept one minute. */
const optionsCache = new WeakMap<object, { at: number; value: Promise<DirectoryOptions> }>();

function directoryOptions(deps: Deps): Promise<DirectoryOptions> {
  const hit = optionsCache.get(deps.db);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  const value = loadDirectoryOptions(deps);
  optionsCache.set(deps.db, { at: Date.now(), value });
  value.catch(() => optionsCache.delete(deps.db));
  return value;
}

async function loadDirectoryOptions(deps: Deps): Promise<DirectoryOptions> {
  const [regions, departements, groups] = await Promise.all([
    deps.db.many<{ code: string; name: string }>(sql`SELECT code, name FROM regions ORDER BY name`),
    deps.db.many<{ code: string; name: string }>(sql`SELECT code, name FROM departements ORDER BY code`),
    deps.db.many<{ code: string; name: string }>(sql`SELECT code, name FROM country_groups ORDER BY name`),
  ]);
  return { regions, departements, groups };
}

export function registerSearchRoutes(r: Registrar, deps: Deps) {
  r.page('GET', '/annuaire', policies.public, async (c) => {
    const raw = rawQuery(c);
    const view = raw.vue === 'carte' ? 'carte' : 'liste';
    const options = await directoryOptions(deps);
    const parsed = parseParams(raw);
    if (!parsed.success) {
      return directoryPage(c, { raw, params: null, errors: fieldErrors(parsed.error), options, view }, 400);
    }
    const params = parsed.data;
    if (view === 'carte') {
      const map = await countByDepartement(deps.db, params);
      return directoryPage(c, { raw, params, options, view, map });
    }
    const result = await searchOrganisations(deps.db, params);
    return directoryPage(c, { raw, params, options, view, result });
  });

  r.asset('GET', '/annuaire/schema.json', policies.public, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(tableSchema(deps.config.BASE_URL));
  });

  r.asset('GET', '/annuaire/export.csv', policies.public, async (c) => {
    const params = paramsOrThrow(rawQuery(c));
    const parts: string[] = [`\uFEFF${EXPORT_FIELDS.map((f) => f.name).join(',')}\r\n`];
    for await (const row of exportRows(deps.db, { ...params, page: 1 }))
      parts.push(csvLine(toPublicRecord(row)));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="annuaire-passerelle.csv"');
    c.header('Link', `<${deps.config.BASE_URL}/annuaire/schema.json>; rel="describedby"`);
    return c.body(parts.join(''));
  });

  r.asset('GET', '/annuaire/export.json', policies.public, async (c) => {
    const params = paramsOrThrow(rawQuery(c));
    const data: Record<string, unknown>[] = [];
    for await (const row of exportRows(deps.db, { ...params, page: 1 })) data.push(toPublicRecord(row));
    c.header('Content-Disposition', 'attachment; filename="annuaire-passerelle.json"');
    return c.json({
      title: 'Annuaire Passerelle — Missions Locales, collectivités et partenaires',
      licence: LICENCE,
      schema: `${deps.config.BASE_URL}/annuaire/schema.json`,
      generatedAt: deps.now().toISOString(),
      count: data.length,
      data,
    });
  });

  r.api(autocompleteRoute, policies.public, async (c) => {
    const text = (c.req.query('q') ?? '').slice(0, 200);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ items: await autocompleteOrganisations(deps.db, text) }, 200);
  });

  r.api(listRoute, policies.public, async (c) => {
    const params = paramsOrThrow(rawQuery(c));
    const { items, total, page, pages } = await searchOrganisations(deps.db, params);
    return c.json({ items, total, page, pages }, 200);
  });
}
