import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { errorResponse } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, parseOrThrow, readForm } from '../../http/validation.js';
import { loadConnection } from './answer-connection.js';
import { relayListPage, relayPage } from './pages-relay.js';
import { connectionPolicies } from './policy.js';
import { deliveriesOf, pendingRelaysFor, relayOrganisationFor } from './read-relays.js';
import { forwardConnection, inviteToJoin } from './relay-connection.js';
import { type RelayContactInput, relayContactSchema } from './schemas.js';

/**
 * No request is lost (issue 9 §3, convention art. 3): the relay pages of network staff,
 * and the API that says who a request reached (`deliveredTo`).
 */
type C = Context<AppEnv>;
const TAG = 'Rapprochement';

const err = errorResponse;
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

const Delivery = z
  .object({
    kind: z.enum(['member', 'network_staff', 'invited_contact']),
    organisationId: z.string(),
    organisationName: z.string(),
    via: z.enum(['members', 'directory', 'relay', 'forward', 'invitation']).openapi({
      description:
        'members : les membres du destinataire ; directory : son adresse publique ; relay : le réseau qui le soutient (art. 3) ; forward : un contact à qui le réseau a transmis la demande ; invitation : une personne invitée à rejoindre Passerelle',
    }),
    recipients: z.number().int().openapi({ description: 'Personnes prévenues (membres, équipe du réseau)' }),
    at: z.string(),
  })
  .openapi('ConnectionDelivery');
const ConnectionDetail = z
  .object({
    id: z.string(),
    requester: z.object({ id: z.string(), name: z.string() }),
    receiver: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(['pending', 'accepted', 'declined', 'expired']),
    createdAt: z.string(),
    expiresAt: z.string(),
    answeredAt: z.string().nullable(),
    projectKind: z.string().nullable(),
    deliveredTo: z.array(Delivery).openapi({
      description:
        'Qui a reçu la demande ; jamais vide pour une demande en attente. Aucune adresse n’y figure.',
    }),
  })
  .openapi('ConnectionDetail');
const RelayContact = z.object({
  email: z.string(),
  name: z.string().optional(),
  note: z.string().optional(),
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/connections/{id}',
  tags: [TAG],
  summary: 'Une demande de mise en relation, avec qui l’a reçue (deliveredTo)',
  request: { params: idParam },
  responses: {
    200: ok(ConnectionDetail, 'La demande'),
    401: err('Non authentifié'),
    403: err('Réservé aux deux organisations, aux administrateurs des réseaux et au réseau relais'),
    404: err('Demande inconnue'),
  },
});
const passOnRoute = (action: 'forward' | 'invite') =>
  createRoute({
    method: 'post',
    path: `/api/v1/connections/{id}/${action}`,
    tags: [TAG],
    summary:
      action === 'forward'
        ? 'Réseau relais : transmettre la demande à un contact du destinataire (lien de réponse personnel)'
        : 'Réseau relais : inviter une personne à rejoindre Passerelle au nom du destinataire et à répondre',
    request: {
      params: idParam,
      body: { required: true, content: { 'application/json': { schema: RelayContact } } },
    },
    responses: {
      200: ok(ConnectionDetail, 'La demande, avec le nouveau destinataire'),
      401: err('Non authentifié'),
      403: err('Réservé à l’équipe du réseau à qui la demande a été relayée'),
      409: err('La demande n’est plus en attente'),
      422: err('Adresse invalide (champ nommé)'),
    },
  });
const relaysRoute = createRoute({
  method: 'get',
  path: '/api/v1/relays',
  tags: [TAG],
  summary: 'Réseau relais : les demandes en attente adressées à des organisations sans compte',
  responses: {
    200: ok(
      z.object({
        count: z.number().int().openapi({ description: 'Demandes encore transmises à personne' }),
        items: z.array(
          z.object({
            id: z.string(),
            requester: z.object({ id: z.string(), name: z.string() }),
            receiver: z.object({ id: z.string(), name: z.string() }),
            network: z.string(),
            createdAt: z.string(),
            expiresAt: z.string(),
            contacts: z.number().int(),
          }),
        ),
      }),
      'Les relais',
    ),
    401: err('Non authentifié'),
    403: err('Réservé aux équipes des réseaux'),
  },
});

const user = (c: C) => {
  const a = c.get('actor');
  if (a.kind !== 'user') throw new AppError('unauthenticated');
  return a.user;
};

export function registerRelays(r: Registrar, deps: Deps) {
  const { db } = deps;

  const detailJson = async (id: string) => {
    const x = await loadConnection(db, id);
    if (!x) throw new AppError('not_found', 'Cette demande de mise en relation n’existe pas.');
    const d = await deliveriesOf(db, x.id);
    return {
      id: x.id,
      requester: { id: x.requester_id, name: x.requester_name },
      receiver: { id: x.receiver_id, name: x.receiver_name },
      status: x.status,
      createdAt: new Date(x.created_at).toISOString(),
      expiresAt: new Date(x.expires_at).toISOString(),
      answeredAt: x.answered_at ? new Date(x.answered_at).toISOString() : null,
      projectKind: x.project_kind,
      deliveredTo: d.map((row) => ({
        kind: row.kind,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        via: row.via,
        recipients: Number(row.recipients),
        at: new Date(row.created_at).toISOString(),
      })),
    };
  };

  /** Forward or invite, in one transaction; the network the person acts for goes in the history. */
  const passOn = async (c: C, action: 'forward' | 'invite', id: string, input: RelayContactInput) => {
    const u = user(c);
    const network = await relayOrganisationFor(db, c.get('actor'), id);
    await db.transaction(async (tx) => {
      const op = {
        tx,
        audit: { actor: c.get('actor'), requestId: c.get('requestId') },
        now: deps.now(),
        config: deps.config,
      };
      const args = { connectionId: id, ...input, networkOrganisationId: network?.id ?? null };
      if (action === 'forward') await forwardConnection(op, u, args);
      else await inviteToJoin(op, u, args);
    });
  };

  r.api(getRoute, connectionPolicies.viewerOrRelay, async (c) =>
    c.json(await detailJson(c.req.param('id') ?? ''), 200),
  );

  for (const action of ['forward', 'invite'] as const) {
    r.api(passOnRoute(action), connectionPolicies.relayOf, async (c) => {
      const id = c.req.param('id') ?? '';
      await passOn(c, action, id, parseOrThrow(relayContactSchema, await c.req.json()));
      return c.json(await detailJson(id), 200);
    });
  }

  r.api(relaysRoute, connectionPolicies.relayStaff, async (c) => {
    const { count, items } = await pendingRelaysFor(db, c.get('actor'));
    return c.json(
      {
        count,
        items: items.map((i) => ({
          id: i.id,
          requester: { id: i.requester_id, name: i.requester_name },
          receiver: { id: i.receiver_id, name: i.receiver_name },
          network: i.network_name,
          createdAt: new Date(i.created_at).toISOString(),
          expiresAt: new Date(i.expires_at).toISOString(),
          contacts: i.contacts,
        })),
      },
      200,
    );
  });

  // ── Pages ────────────────────────────────────────────────────────────────
  r.page('GET', '/relais', connectionPolicies.relayStaff, async (c) =>
    relayListPage(c, (await pendingRelaysFor(db, c.get('actor'))).items),
  );

  const page = async (
    c: C,
    extra: { notice?: string; errors?: Record<string, string>; values?: Record<string, string | string[]> },
    status = 200,
  ) => {
    const x = await loadConnection(db, c.req.param('id') ?? '');
    if (!x) throw new AppError('not_found', 'Cette demande de mise en relation n’existe pas.');
    return relayPage(c, { x, deliveries: await deliveriesOf(db, x.id), ...extra }, status);
  };

  r.page('GET', '/relais/:id', connectionPolicies.relayOf, async (c) => {
    const t = c.get('t');
    const email = c.req.query('transmise') ?? c.req.query('invitee');
    const notice = email
      ? t(c.req.query('transmise') ? 'connections.relay.forwarded' : 'connections.relay.invited', { email })
      : undefined;
    return page(c, { notice });
  });

  for (const [segment, action] of [
    ['transmettre', 'forward'],
    ['inviter', 'invite'],
  ] as const) {
    r.page('POST', `/relais/:id/${segment}`, connectionPolicies.relayOf, async (c) => {
      const id = c.req.param('id') ?? '';
      const values = await readForm(c);
      const parsed = relayContactSchema.safeParse(values);
      if (!parsed.success) return page(c, { errors: fieldErrors(parsed.error), values }, 422);
      try {
        await passOn(c, action, id, parsed.data);
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation' && e.fields)
          return page(c, { errors: e.fields, values }, 422);
        throw e;
      }
      const q = action === 'forward' ? 'transmise' : 'invitee';
      return c.redirect(`/relais/${id}?${q}=${encodeURIComponent(parsed.data.email)}`, 303);
    });
  }
}
