import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import type { Actor } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { updateProfile } from './account.js';
import { loadActor } from './sessions.js';

const Membership = z
  .object({
    organisationId: z.uuid(),
    organisationName: z.string(),
    organisationKind: z.enum([
      'unml',
      'cuf',
      'regional_association',
      'mission_locale',
      'local_authority',
      'foreign_partner',
    ]),
    role: z.enum(['member', 'admin']),
  })
  .openapi('Membership');

const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: z.enum(['fr', 'en']),
    globalRole: z.enum(['network_admin', 'platform_admin']).nullable(),
    network: z.enum(['unml', 'cuf']).nullable(),
    memberships: z.array(Membership),
  })
  .openapi('Me');

const MePatch = z
  .strictObject({
    name: z
      .string({ error: 'Le nom doit être un texte.' })
      .trim()
      .min(1, 'Indiquez un nom.')
      .max(200, '200 caractères au plus.')
      .optional(),
    locale: z.enum(['fr', 'en'], { error: 'La langue doit être « fr » ou « en ».' }).optional(),
  })
  .openapi('MePatch');

/** The shared error body (component `Error`, src/http/openapi.ts). */
const ErrorBody = ApiError;
const errors = {
  401: { description: 'Non authentifié', content: { 'application/json': { schema: ErrorBody } } },
  403: { description: 'Jeton en lecture seule', content: { 'application/json': { schema: ErrorBody } } },
};

const getMe = createRoute({
  method: 'get',
  path: '/api/v1/me',
  tags: ['Compte'],
  summary: 'Mon compte et mes organisations',
  responses: {
    200: { description: 'Le compte', content: { 'application/json': { schema: Me } } },
    ...errors,
  },
});

const patchMe = createRoute({
  method: 'patch',
  path: '/api/v1/me',
  tags: ['Compte'],
  summary: 'Modifier mon nom ou ma langue (jeton en écriture)',
  request: { body: { required: true, content: { 'application/json': { schema: MePatch } } } },
  responses: {
    200: { description: 'Le compte modifié', content: { 'application/json': { schema: Me } } },
    422: {
      description: 'Données invalides (champs nommés)',
      content: { 'application/json': { schema: ErrorBody } },
    },
    ...errors,
  },
});

function toJson(a: Extract<Actor, { kind: 'user' }>): z.infer<typeof Me> {
  return {
    id: a.user.id,
    email: a.user.email,
    name: a.user.name,
    locale: a.user.locale,
    globalRole: a.user.globalRole,
    network: a.user.network,
    memberships: a.memberships,
  };
}

export function registerAuthApi(r: Registrar, deps: Deps) {
  r.api(getMe, policies.signedIn, (c) => {
    const a = c.get('actor');
    if (a.kind !== 'user') throw new AppError('unauthenticated');
    return c.json(toJson(a), 200);
  });

  r.api(patchMe, policies.signedIn, async (c) => {
    const a = c.get('actor');
    if (a.kind !== 'user') throw new AppError('unauthenticated');
    const body = c.req.valid('json') as z.infer<typeof MePatch>;
    await updateProfile(deps, { actor: a, requestId: c.get('requestId') }, a.user.id, body);
    const fresh = await loadActor(deps.db, a.user.id, a.via, a.tokenScope);
    if (fresh?.kind !== 'user') throw new AppError('not_found');
    return c.json(toJson(fresh), 200);
  });
}
