import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { parseOrThrow } from '../../http/validation.js';
import { isPlatformAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { countryName } from './domain/countries.js';
import { profilePatchSchema } from './domain/profile.js';
import { loadProfile, updateProfile } from './profiles.js';

/** The shared error body (component `Error`, src/http/openapi.ts). */
export const ErrorBody = ApiError;

const Ref = z.object({ code: z.string(), name: z.string() });

export const OrganisationProfile = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    level: z.string().nullable(),
    name: z.string(),
    code: z.string().nullable(),
    siret: z.string().nullable(),
    website: z.string().nullable(),
    email: z.string().nullable(),
    description: z.string().nullable(),
    country: z
      .string()
      .nullable()
      .openapi({ description: 'Partenaires étrangers : code ISO 3166-1 alpha-2' }),
    city: z.string().nullable(),
    partnerType: z.string().nullable(),
    openToPartnership: z.boolean(),
    partnershipWanted: z.string().nullable(),
    lastVerifiedOn: z.string().nullable().openapi({ description: 'AAAA-MM-JJ' }),
    cufMember: z.boolean(),
    themes: z.array(Ref),
    countries: z.array(Ref),
    countryGroups: z.array(Ref),
    partners: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        country: z.string().nullable(),
        city: z.string().nullable(),
      }),
    ),
    contacts: z
      .array(
        z.object({
          name: z.string(),
          roleTitle: z.string().nullable(),
          email: z.string().nullable(),
          phone: z.string().nullable(),
          sharingLevel: z.enum(['public', 'partners', 'confidential']),
        }),
      )
      .openapi({
        description: 'Seulement les contacts que l’appelant peut voir selon leur niveau de partage',
      }),
    territory: z
      .object({
        communes: z.number().int(),
        approximate: z.boolean(),
        departements: z.array(Ref),
        regions: z.array(Ref),
      })
      .nullable(),
    url: z.string(),
  })
  .openapi('OrganisationProfile');

const PatchDoc = z
  .object({
    description: z.string().nullable().optional(),
    website: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    openToPartnership: z.boolean().optional(),
    partnershipWanted: z.string().nullable().optional(),
    countries: z
      .array(z.string())
      .optional()
      .openapi({ description: 'Codes ISO 3166-1 alpha-2 ; remplace la liste' }),
    countryGroups: z.array(z.string()).optional(),
    themes: z.array(z.string()).optional(),
    contacts: z
      .array(
        z.object({
          name: z.string(),
          roleTitle: z.string().nullable().optional(),
          email: z.string().nullable().optional(),
          phone: z.string().nullable().optional(),
          sharingLevel: z.string().openapi({ description: 'public | partners | confidential' }),
        }),
      )
      .optional(),
    partners: z
      .array(
        z.object({
          id: z.uuid().optional(),
          name: z.string().optional(),
          country: z.string().optional(),
          city: z.string().nullable().optional(),
          type: z.string().nullable().optional(),
        }),
      )
      .optional()
      .openapi({
        description:
          'Partenaires existants ({id}) ou nouveaux ({name, country, city, type}) ; remplace la liste',
      }),
    verified: z
      .boolean()
      .optional()
      .openapi({ description: 'true : les informations sont confirmées à jour aujourd’hui' }),
    country: z.string().nullable().optional(),
    city: z.string().nullable().optional(),
    partnerType: z.string().nullable().optional(),
    cufMember: z.boolean().optional(),
  })
  .openapi('OrganisationProfilePatch');

const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '0b6c…' }) });

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{id}',
  tags: ['Annuaire'],
  summary: 'Profil d’une organisation (contacts selon leur niveau de partage)',
  request: { params: idParam },
  responses: {
    200: { description: 'Le profil', content: { 'application/json': { schema: OrganisationProfile } } },
    404: { description: 'Organisation inconnue', content: { 'application/json': { schema: ErrorBody } } },
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/api/v1/organisations/{id}',
  tags: ['Annuaire'],
  summary: 'Modifier le profil d’une organisation (ses administrateurs)',
  request: {
    params: idParam,
    body: { required: true, content: { 'application/json': { schema: PatchDoc } } },
  },
  responses: {
    200: {
      description: 'Le profil modifié',
      content: { 'application/json': { schema: OrganisationProfile } },
    },
    401: { description: 'Non authentifié', content: { 'application/json': { schema: ErrorBody } } },
    403: {
      description: 'Réservé aux administrateurs de l’organisation',
      content: { 'application/json': { schema: ErrorBody } },
    },
    404: { description: 'Organisation inconnue', content: { 'application/json': { schema: ErrorBody } } },
    422: {
      description: 'Données invalides (champs nommés)',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

export async function profileJson(
  c: Context<AppEnv>,
  id: string,
): Promise<z.infer<typeof OrganisationProfile>> {
  const { db, config } = c.get('deps');
  const t = c.get('t');
  const p = await loadProfile(db, id, c.get('actor'));
  const s = p.snapshot;
  return {
    id: p.org.id,
    kind: p.org.kind,
    level: p.org.level,
    name: p.org.name,
    code: p.org.code,
    siret: p.org.siret,
    website: s.website,
    email: s.email,
    description: s.description,
    country: s.country,
    city: s.city,
    partnerType: s.partnerType,
    openToPartnership: s.openToPartnership,
    partnershipWanted: s.partnershipWanted,
    lastVerifiedOn: s.lastVerifiedOn,
    cufMember: s.cufMember,
    themes: s.themes.map((code) => ({ code, name: t(`directory.theme.${code}`) })),
    countries: s.countries.map((code) => ({ code, name: countryName(code) })),
    countryGroups: p.countryGroups,
    partners: p.partners.map((x) => ({ id: x.id, name: x.name, country: x.country, city: x.city })),
    contacts: p.contacts.map((x) => ({
      name: x.name,
      roleTitle: x.roleTitle,
      email: x.email,
      phone: x.phone,
      sharingLevel: x.sharingLevel,
    })),
    territory: p.territory,
    url: `${config.BASE_URL}/organisations/${p.org.id}`,
  };
}

export function registerProfileApi(r: Registrar, deps: Deps) {
  r.api(getRoute, policies.public, async (c) => c.json(await profileJson(c, c.req.param('id') ?? ''), 200));

  r.api(patchRoute, policies.orgAdmin('id'), async (c) => {
    const id = c.req.param('id') ?? '';
    const body = await c.req.json().catch(() => {
      throw new AppError('bad_request', 'Le corps de la requête doit être du JSON.');
    });
    const patch = parseOrThrow(profilePatchSchema, body);
    const actor = c.get('actor');
    await updateProfile(deps.db, { actor, requestId: c.get('requestId') }, id, patch, deps.now(), {
      mayRecordCufMembership: isPlatformAdmin(actor),
    });
    return c.json(await profileJson(c, id), 200);
  });
}
