/** JSON API of the ECSI library and awareness figures (issue 13). */
import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { policies } from '../../policy/policy.js';
import { ecsiAwarenessStats } from './awareness-stats.js';
import { RESOURCE_AUDIENCES, RESOURCE_KINDS } from './domain/moderation.js';
import { ecsiOp, resourceFilterOf } from './request.js';
import { resourceSchema } from './schemas.js';
import { searchResources } from './store.js';
import { suggestResource } from './suggest-resource.js';

const TAG = 'ECSI';
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errorSchema = ApiError;
const ResourceJson = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(RESOURCE_KINDS),
    summary: z.string(),
    audience: z.enum(RESOURCE_AUDIENCES),
    themes: z.array(z.string()),
    language: z.string(),
    licence: z.string(),
    source: z.string(),
    url: z.string().nullable(),
    file: z.string().nullable(),
  })
  .openapi('EcsiResource');

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/ecsi/resources',
  tags: [TAG],
  summary: 'Ressources ECSI publiées (q, kind, audience, theme, language)',
  request: {
    query: z.object({
      q: z.string().optional(),
      kind: z.string().optional(),
      audience: z.string().optional(),
      theme: z.string().optional(),
      language: z.string().optional(),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(ResourceJson), total: z.number().int() }), 'Les ressources'),
    400: json(errorSchema, 'Filtre invalide'),
  },
});
const suggestRoute = createRoute({
  method: 'post',
  path: '/api/v1/ecsi/resources',
  tags: [TAG],
  summary: 'Proposer une ressource (publiée après modération)',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            title: z.string(),
            kind: z.string(),
            summary: z.string(),
            audience: z.string(),
            themes: z.array(z.string()).optional(),
            language: z.string().optional(),
            licence: z.string(),
            source: z.string(),
            url: z.string(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(z.object({ id: z.string(), status: z.literal('suggested') }), 'Proposée'),
    401: json(errorSchema, 'Non connecté'),
    422: json(errorSchema, 'Données invalides'),
  },
});
const statsRoute = createRoute({
  method: 'get',
  path: '/api/v1/ecsi/awareness',
  tags: [TAG],
  summary: 'Indicateur : Missions Locales et collectivités sensibilisées à l’ECSI (agrégats)',
  request: {
    query: z.object({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'from : AAAA-MM-JJ'),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'to : AAAA-MM-JJ'),
      region: z
        .string()
        .regex(/^[0-9]{2,3}$/, 'region : code à deux ou trois chiffres')
        .optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        actions: z.number().int(),
        missionsLocalesAware: z.number().int(),
        authoritiesAware: z.number().int(),
        byKind: z.record(z.string(), z.number()),
      }),
      'Les agrégats',
    ),
    422: json(errorSchema, 'Paramètres invalides'),
  },
});

export function registerEcsiApi(r: Registrar, deps: Deps) {
  const { db } = deps;
  r.api(listRoute, policies.public, async (c) => {
    const items = (await searchResources(db, resourceFilterOf(c))).map((x) => ({
      id: x.id,
      title: x.title,
      kind: x.kind,
      summary: x.summary,
      audience: x.audience,
      themes: x.themes,
      language: x.language,
      licence: x.licence,
      source: x.source,
      url: x.url,
      file: x.fileName ? `/ecsi/ressources/${x.id}/fichier` : null,
    }));
    return c.json({ items, total: items.length }, 200);
  });
  r.api(suggestRoute, policies.signedIn, async (c) => {
    const a = c.get('actor');
    if (a.kind !== 'user') throw new AppError('unauthenticated');
    const parsed = resourceSchema.safeParse(c.req.valid('json'));
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const i of parsed.error.issues) out[i.path.join('.') || '_'] ??= i.message;
      throw new AppError('validation', undefined, out);
    }
    const id = await db.transaction((tx) => suggestResource(ecsiOp(c, deps, tx), a.user, parsed.data));
    return c.json({ id, status: 'suggested' as const }, 201);
  });
  r.api(statsRoute, policies.public, async (c) => {
    const q = c.req.valid('query') as { from: string; to: string; region?: string };
    return c.json(await ecsiAwarenessStats(db, q), 200);
  });
}
