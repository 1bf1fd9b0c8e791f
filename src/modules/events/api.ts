/** JSON API of events (issue 13), described in the OpenAPI document. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { isNetworkAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { cancelRegistration } from './cancel-registration.js';
import { createEvent } from './create-event.js';
import { AUDIENCES, EVENT_KINDS } from './domain/lifecycle.js';
import { eventPolicies, publishingMemberships } from './policy.js';
import { registerForEvent } from './register-for-event.js';
import { filterOf, opContext } from './request.js';
import { eventApiSchema } from './schemas.js';
import { type EventView, listEvents, loadEvent } from './store.js';

const TAG = 'Événements';
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errorSchema = ApiError;
const errors = {
  401: json(errorSchema, 'Non connecté'),
  403: json(errorSchema, 'Non autorisé'),
  404: json(errorSchema, 'Introuvable'),
  409: json(errorSchema, 'Conflit (déjà inscrit, événement passé ou annulé)'),
  422: json(errorSchema, 'Données invalides (champs nommés)'),
};

const EventJson = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(EVENT_KINDS),
    description: z.string(),
    startsAt: z.string().meta({ description: 'Instant ISO 8601 (UTC)' }),
    endsAt: z.string(),
    timeZone: z.string(),
    place: z.string().nullable(),
    online: z.boolean().meta({ description: 'Un lien de visioconférence est envoyé aux inscrits' }),
    audience: z.enum(AUDIENCES),
    region: z.string().nullable(),
    capacity: z.number().int().nullable(),
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
    themes: z.array(z.string()),
    speakers: z.array(z.string()),
    status: z.enum(['scheduled', 'held', 'cancelled']),
    organiser: z.string().nullable(),
    ics: z.string().meta({ description: 'Adresse du fichier .ics' }),
  })
  .openapi('Event');

/** Never the video link: it goes to registered people only, by e-mail. */
export const eventJson = (e: EventView) => ({
  id: e.id,
  title: e.title,
  kind: e.kind,
  description: e.description,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  timeZone: e.timeZone,
  place: e.place,
  online: !!e.videoUrl,
  audience: e.audience,
  region: e.regionCode,
  capacity: e.capacity,
  confirmed: e.confirmed,
  waitlisted: e.waitlisted,
  themes: e.themes,
  speakers: e.speakers,
  status: e.status,
  organiser: e.organiserName,
  ics: `/evenements/${e.id}.ics`,
});

const createBody = z.object({
  title: z.string().meta({ example: 'Webinaire : monter un projet de mobilité' }),
  kind: z.string().meta({ description: EVENT_KINDS.join(', ') }),
  startsAt: z.string().meta({ example: '2026-03-12T14:00:00+01:00' }),
  endsAt: z.string().meta({ example: '2026-03-12T16:00:00+01:00' }),
  timeZone: z.string().optional().meta({ description: 'IANA, Europe/Paris par défaut' }),
  place: z.string().optional(),
  videoUrl: z.string().optional(),
  audience: z.string().meta({ description: AUDIENCES.join(', ') }),
  region: z.string().optional(),
  capacity: z.number().int().optional(),
  description: z.string().optional(),
  themes: z.array(z.string()).optional(),
  speakers: z.array(z.string()).optional(),
  roadmapActionId: z.string().optional(),
  hostNetwork: z.string().optional(),
  presentingNetwork: z.string().optional(),
  organiserId: z.string().optional().meta({ description: 'Organisation qui publie (l’une des vôtres)' }),
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/api/v1/events',
  tags: [TAG],
  summary: 'Publier un événement',
  request: { body: { content: { 'application/json': { schema: createBody } }, required: true } },
  responses: { 201: json(z.object({ id: z.string() }), 'Publié'), ...errors },
});
const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/events',
  tags: [TAG],
  summary: 'Événements à venir (filtres : from, region, theme, kind)',
  request: {
    query: z.object({
      from: z.string().optional().meta({ description: 'AAAA-MM-JJ' }),
      region: z.string().optional(),
      theme: z.string().optional(),
      kind: z.string().optional(),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(EventJson), total: z.number().int() }), 'Les événements'),
    400: json(errorSchema, 'Filtre invalide'),
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/events/{id}',
  tags: [TAG],
  summary: 'Un événement',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: json(EventJson, 'L’événement'), 404: errors[404] },
});
const registerRoute = createRoute({
  method: 'post',
  path: '/api/v1/events/{id}/registrations',
  tags: [TAG],
  summary: 'S’inscrire avec l’une de ses organisations (liste d’attente si complet)',
  request: {
    params: z.object({ id: z.string() }),
    body: {
      content: { 'application/json': { schema: z.object({ organisationId: z.string().optional() }) } },
    },
  },
  responses: {
    201: json(
      z.object({ id: z.string(), status: z.enum(['confirmed', 'waitlisted']) }),
      'Inscrit ou sur liste d’attente',
    ),
    ...errors,
  },
});
const unregisterRoute = createRoute({
  method: 'delete',
  path: '/api/v1/events/{id}/registrations/{rid}',
  tags: [TAG],
  summary: 'Annuler une inscription (la place va au premier de la liste d’attente)',
  request: { params: z.object({ id: z.string(), rid: z.string() }) },
  responses: { 200: json(z.object({ promoted: z.number().int() }), 'Annulée'), ...errors },
});

export function registerEventsApi(r: Registrar, deps: Deps) {
  const { db } = deps;
  const p = eventPolicies(deps);

  r.api(createRouteDef, p.publisher, async (c) => {
    const parsed = eventApiSchema.safeParse(c.req.valid('json'));
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const i of parsed.error.issues) out[i.path.join('.') || '_'] ??= i.message;
      throw new AppError('validation', undefined, out);
    }
    const actor = c.get('actor');
    if (actor.kind !== 'user') throw new AppError('unauthenticated');
    const mine = publishingMemberships(actor);
    const organiserId = parsed.data.organiserId ?? (mine.length === 1 ? mine[0].organisationId : null);
    if (organiserId && !isNetworkAdmin(actor) && !mine.some((m) => m.organisationId === organiserId))
      throw new AppError('validation', undefined, {
        organiserId: 'Choisissez une organisation dont vous êtes membre.',
      });
    if (!organiserId && !isNetworkAdmin(actor))
      throw new AppError('validation', undefined, { organiserId: 'Indiquez l’organisation qui publie.' });
    const id = await db.transaction((tx) =>
      createEvent(opContext(c, deps, tx), { ...parsed.data, organiserId, createdBy: actor.user.id }),
    );
    return c.json({ id }, 201);
  });

  r.api(listRoute, policies.public, async (c) => {
    const items = (await listEvents(db, filterOf(c), deps.now())).map(eventJson);
    return c.json({ items, total: items.length }, 200);
  });

  r.api(getRoute, policies.public, async (c) =>
    c.json(eventJson(await loadEvent(db, c.req.param('id') ?? '')), 200),
  );

  r.api(registerRoute, policies.signedIn, async (c) => {
    const actor = c.get('actor');
    if (actor.kind !== 'user') throw new AppError('unauthenticated');
    const id = c.req.param('id') ?? '';
    await loadEvent(db, id);
    const body = (c.req.valid('json') ?? {}) as { organisationId?: string };
    const organisationId =
      body.organisationId ?? (actor.memberships.length === 1 ? actor.memberships[0].organisationId : null);
    if (!organisationId)
      throw new AppError('validation', undefined, {
        organisationId: 'Indiquez l’organisation avec laquelle vous vous inscrivez.',
      });
    const res = await db.transaction((tx) =>
      registerForEvent(opContext(c, deps, tx), id, { kind: 'member', user: actor.user, organisationId }),
    );
    return c.json({ id: res.id, status: res.status as 'confirmed' | 'waitlisted' }, 201);
  });

  r.api(unregisterRoute, p.registrant, async (c) => {
    const { id, rid } = c.req.param() as { id: string; rid: string };
    const done = await db.transaction((tx) =>
      cancelRegistration(opContext(c, deps, tx), rid, { eventId: id }),
    );
    return c.json({ promoted: done.promoted.length }, 200);
  });
}
