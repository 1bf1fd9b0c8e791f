import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { ApiError } from '../../../http/openapi.js';
import type { Registrar } from '../../../http/registry.js';
import { policies } from '../../../policy/policy.js';
import { findCommune, isInseeCode, searchCommunes } from './find-communes.js';

/** The shared error body (component `Error`, src/http/openapi.ts). */
const ErrorDoc = ApiError;

const CommuneDoc = z
  .object({
    insee: z.string().openapi({ example: '75056' }),
    name: z.string().openapi({ example: 'Paris' }),
    population: z.number().int().nullable(),
    postalCodes: z.array(z.string()),
    resolvedFrom: z
      .object({ code: z.string(), kind: z.enum(['ancien_code', 'arrondissement_municipal']) })
      .nullable()
      .openapi({
        description:
          'Renseigné quand le code demandé est un ancien code (commune fusionnée) ou un arrondissement municipal : la réponse porte sur la commune actuelle.',
      }),
    epci: z.object({ siren: z.string(), name: z.string(), nature: z.string() }).nullable(),
    departement: z.object({ code: z.string(), name: z.string() }),
    region: z.object({ code: z.string(), name: z.string() }),
    authorities: z
      .array(z.object({ id: z.string(), name: z.string(), level: z.string() }))
      .openapi({ description: 'Toutes les collectivités dont le territoire contient la commune' }),
    missionsLocales: z
      .array(z.object({ id: z.string(), name: z.string(), coverage: z.enum(['declared', 'approximate']) }))
      .openapi({
        description:
          'Missions Locales qui desservent la commune ; approximate = territoire déduit de l’EPCI du siège',
      }),
  })
  .openapi('Commune');

const communeRoute = createRoute({
  method: 'get',
  path: '/api/v1/territories/communes/{insee}',
  tags: ['Territoires'],
  summary: 'Une commune, ses collectivités et les Missions Locales qui la desservent',
  request: {
    params: z.object({
      insee: z.string().openapi({ param: { name: 'insee', in: 'path' }, example: '2A004' }),
    }),
  },
  responses: {
    200: { description: 'La commune', content: { 'application/json': { schema: CommuneDoc } } },
    400: { description: 'Code mal formé', content: { 'application/json': { schema: ErrorDoc } } },
    404: { description: 'Commune inconnue', content: { 'application/json': { schema: ErrorDoc } } },
  },
});

const SummaryDoc = z.object({
  insee: z.string(),
  name: z.string(),
  departementCode: z.string(),
  postalCodes: z.array(z.string()),
  population: z.number().int().nullable(),
});

const searchRoute = createRoute({
  method: 'get',
  path: '/api/v1/territories/communes',
  tags: ['Territoires'],
  summary:
    'Autocomplétion des communes (début du nom, sans tenir compte des accents ; ou code INSEE / postal)',
  request: {
    query: z.object({ q: z.string().optional().openapi({ example: 'saint etienne' }) }),
  },
  responses: {
    200: {
      description: '10 communes au plus',
      content: { 'application/json': { schema: z.object({ items: z.array(SummaryDoc) }) } },
    },
    400: {
      description: 'Recherche vide ou trop longue',
      content: { 'application/json': { schema: ErrorDoc } },
    },
  },
});

export function registerTerritoryApi(r: Registrar) {
  r.api(communeRoute, policies.public, async (c: Context<AppEnv>) => {
    const t = c.get('t');
    const raw = c.req.param('insee') ?? '';
    const code = raw.toUpperCase();
    if (!isInseeCode(code))
      throw new AppError('bad_request', t('territory.api.insee_malformed', { code: raw }));
    const commune = await findCommune(c.get('deps').db, code);
    if (!commune) throw new AppError('not_found', t('territory.api.insee_unknown', { code }));
    return c.json(commune, 200);
  });

  r.api(searchRoute, policies.public, async (c: Context<AppEnv>) => {
    const t = c.get('t');
    const q = (c.req.query('q') ?? '').trim();
    if (q.length === 0 || q.length > 100) throw new AppError('bad_request', t('territory.api.q_invalid'));
    const items = await searchCommunes(c.get('deps').db, q, 10);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ items }, 200);
  });
}
