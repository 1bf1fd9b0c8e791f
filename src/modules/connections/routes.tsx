import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, parseOrThrow, readForm } from '../../http/validation.js';
import { isNetworkAdmin, membershipOf } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { resolveCountry } from '../directory/index.js';
import type { Module } from '../index.js';
import { answerConnection, linkGone, loadConnection, usableAnswerLink } from './answer-connection.js';
import { toCsv } from './domain/csv.js';
import { explain, findMatches } from './find-matches.js';
import { NotificationsLink } from './notifications-link.js';
import { preferencesOf, readUnsubscribeToken, unsubscribe } from './notify.js';
import { listOpportunities, runWeeklyDigest, sendUserDigest } from './opportunities.js';
import {
  answerPage,
  detailPage,
  listPage,
  matchesPage,
  notificationsPage,
  opportunitiesPage,
  pipelinePage,
  preferencesPage,
  requestPage,
  unsubscribePage,
} from './pages.js';
import { connectionPolicies } from './policy.js';
import {
  connectionEvents,
  listConnections,
  mayAnswer,
  pipelineByRegion,
  revealedContacts,
} from './read-connections.js';
import { deliveriesOf, openRequestBetween } from './read-relays.js';
import { relayUndelivered } from './relay-connection.js';
import { requestConnection } from './request-connection.js';
import { registerRelays } from './routes-relay.js';
import { declineSchema, requestSchema } from './schemas.js';
import { seedConnectionsDemo } from './seed-demo.js';
import { sweepConnections } from './sweep-connections.js';

type C = Context<AppEnv>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG = 'Rapprochement';

async function viewerOf(c: C, id: string) {
  const org = UUID.test(id)
    ? await c
        .get('deps')
        .db.maybeOne<{ id: string; name: string; kind: string; level: string | null }>(
          sql`SELECT id, name, kind, level FROM organisations WHERE id = ${id}`,
        )
    : null;
  if (!org) throw new AppError('not_found', 'Cette organisation n’existe pas.');
  return org;
}

function matchFilters(c: C) {
  const theme = (c.req.query('theme') ?? '').trim();
  const asked = (c.req.query('country') ?? '').trim();
  const country = asked ? (resolveCountry(asked) ?? '') : '';
  const errors: Record<string, string> = {};
  if (theme && !/^[a-z_]{1,40}$/.test(theme)) errors.theme = 'Thème inconnu.';
  if (asked && !country)
    errors.country = 'Pays inconnu : indiquez un nom de pays ou un code ISO, par exemple Sénégal ou SN.';
  if (Object.keys(errors).length) throw new AppError('bad_request', Object.values(errors).join(' '), errors);
  return { theme: theme || undefined, country: country || undefined };
}

const themesOf = (c: C) =>
  c.get('deps').db.many<{ code: string; name: string }>(sql`SELECT code, name FROM themes ORDER BY position`);

const user = (c: C) => {
  const a = c.get('actor');
  if (a.kind !== 'user') throw new AppError('unauthenticated');
  return a.user;
};

const ctxOf = (c: C) => ({ actor: c.get('actor'), requestId: c.get('requestId') });

// ── API schemas ────────────────────────────────────────────────────────────
/** The shared error body (component `Error`, src/http/openapi.ts). */
const ErrorBody = ApiError;
const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const MatchItem = z.object({
  organisation: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    level: z.string().nullable(),
  }),
  score: z.number().int().openapi({ description: 'Sur 100' }),
  reasons: z.array(z.string()).openapi({ description: 'Raisons en français' }),
  group: z.enum(['suggested', 'below_threshold', 'no_known_activity']).openapi({
    description:
      'suggested : suggestion ; below_threshold : active à l’international mais sous le score minimum ; no_known_activity : collectivité du territoire sans action internationale connue (groupée à part)',
  }),
});
const ConnectionItem = z
  .object({
    id: z.string(),
    requester: z.object({ id: z.string(), name: z.string() }),
    receiver: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(['pending', 'accepted', 'declined', 'expired']),
    createdAt: z.string(),
    expiresAt: z.string(),
    answeredAt: z.string().nullable(),
    projectKind: z.string().nullable(),
  })
  .openapi('Connection');
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

const matchesRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{id}/matches',
  tags: [TAG],
  summary:
    'Rapprochements suggérés pour une Mission Locale ou une collectivité, avec leurs raisons (données publiques, sans coordonnées)',
  request: {
    params: idParam,
    query: z.object({
      theme: z.string().optional().openapi({ description: 'Code de thème (youth_mobility, ecsi…)' }),
      country: z.string().optional().openapi({ description: 'Pays partenaire, code ISO alpha-2' }),
    }),
  },
  responses: {
    200: ok(
      z.object({ items: z.array(MatchItem) }),
      'Les suggestions, la meilleure d’abord, puis les deux groupes à part (group)',
    ),
    400: err('Filtre invalide'),
    404: err('Organisation inconnue'),
  },
});
const createConnectionRoute = createRoute({
  method: 'post',
  path: '/api/v1/connections',
  tags: [TAG],
  summary: 'Demander une mise en relation au nom d’une de ses organisations',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            requesterId: z.string(),
            receiverId: z.string(),
            message: z.string(),
            projectKind: z.string().nullable().optional(),
            projectCountries: z.array(z.string()).optional(),
            projectThemes: z.array(z.string()).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: ok(ConnectionItem, 'La demande créée'),
    401: err('Non authentifié'),
    403: err('Réservé aux membres de l’organisation qui demande'),
    409: err('Une demande est déjà en attente entre ces deux organisations'),
    422: err('Données invalides (champs nommés)'),
  },
});
const listConnectionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/connections',
  tags: [TAG],
  summary: 'Demandes envoyées et reçues par mes organisations',
  responses: {
    200: ok(z.object({ items: z.array(ConnectionItem) }), 'Les demandes'),
    401: err('Non authentifié'),
  },
});
const answerRoute = (action: 'accept' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/api/v1/connections/{id}/${action}`,
    tags: [TAG],
    summary:
      action === 'accept' ? 'Accepter une demande reçue' : 'Décliner une demande reçue (avec une raison)',
    request: {
      params: idParam,
      ...(action === 'decline'
        ? {
            body: {
              required: true,
              content: { 'application/json': { schema: z.object({ reason: z.string() }) } },
            },
          }
        : {}),
    },
    responses: {
      200: ok(ConnectionItem, 'La demande après la réponse'),
      401: err('Non authentifié'),
      403: err('Réservé aux membres de l’organisation destinataire'),
      404: err('Demande inconnue'),
      409: err('Demande déjà traitée ou expirée'),
      422: err('Raison manquante'),
    },
  });

const itemJson = (x: {
  id: string;
  requester_id: string;
  requester_name: string;
  receiver_id: string;
  receiver_name: string;
  status: 'pending' | 'accepted' | 'declined' | 'expired';
  created_at: Date;
  expires_at: Date;
  answered_at: Date | null;
  project_kind: string | null;
}) => ({
  id: x.id,
  requester: { id: x.requester_id, name: x.requester_name },
  receiver: { id: x.receiver_id, name: x.receiver_name },
  status: x.status,
  createdAt: new Date(x.created_at).toISOString(),
  expiresAt: new Date(x.expires_at).toISOString(),
  answeredAt: x.answered_at ? new Date(x.answered_at).toISOString() : null,
  projectKind: x.project_kind,
});

async function detail(
  c: C,
  id: string,
  extra: { notice?: string; errors?: Record<string, string>; values?: Record<string, string | string[]> },
  status = 200,
) {
  const { db } = c.get('deps');
  const x = await loadConnection(db, id);
  if (!x) throw new AppError('not_found', 'Cette demande de mise en relation n’existe pas.');
  return detailPage(
    c,
    {
      x,
      events: await connectionEvents(db, x.id),
      contacts: await revealedContacts(db, x, c.get('actor')),
      deliveries: await deliveriesOf(db, x.id),
      canAnswer: mayAnswer(c.get('actor'), x),
      ...extra,
    },
    status,
  );
}

/** What the sender is told once the request is sent: who it truthfully reached (issue 9 §3). */
async function sentNotice(c: C, id: string): Promise<string> {
  const t = c.get('t');
  const { db } = c.get('deps');
  const x = await loadConnection(db, id);
  if (!x) return t('connections.request.sent');
  const d = await deliveriesOf(db, x.id);
  if (d.some((r) => r.kind === 'member'))
    return t('connections.request.sent_members', { receiver: x.receiver_name });
  const networks = d.filter((r) => r.kind === 'network_staff').map((r) => r.organisation_name);
  if (networks.length > 0)
    return t('connections.request.sent_relayed', {
      receiver: x.receiver_name,
      networks: networks.join(' et '),
    });
  return t('connections.request.sent');
}

function register(r: Registrar, deps: Deps) {
  const { db } = deps;
  registerRelays(r, deps);

  // ── Matching ───────────────────────────────────────────────────────────
  // Public: the suggestions are computed from public directory data (territories,
  // engagement, openness) and carry no contact details; authorities and MLs discover each
  // other before signing up, as the directory itself allows.
  r.api(matchesRoute, policies.public, async (c) => {
    const viewer = await viewerOf(c, c.req.param('id') ?? '');
    const matches = await findMatches(db, viewer, matchFilters(c), deps.now());
    const t = c.get('t');
    return c.json(
      {
        items: matches.map((m) => ({
          organisation: {
            id: m.counterpart.id,
            name: m.counterpart.name,
            kind: m.counterpart.kind,
            level: m.counterpart.level,
          },
          score: m.score,
          reasons: explain(t, m.reasons),
          group: m.group,
        })),
      },
      200,
    );
  });

  r.page('GET', '/organisations/:id/rapprochements', policies.public, async (c) => {
    const viewer = await viewerOf(c, c.req.param('id') ?? '');
    const filters = matchFilters(c);
    const matches = await findMatches(db, viewer, filters, deps.now());
    return matchesPage(c, {
      viewer,
      matches,
      themes: await themesOf(c),
      filters,
      canAsk: !!membershipOf(c.get('actor'), viewer.id),
    });
  });

  // ── Requests ───────────────────────────────────────────────────────────
  const receiverOf = async (id: string | undefined) =>
    id && UUID.test(id)
      ? db.maybeOne<{ id: string; name: string }>(sql`SELECT id, name FROM organisations WHERE id = ${id}`)
      : null;

  r.page(
    'GET',
    '/organisations/:id/mises-en-relation/nouvelle',
    connectionPolicies.memberOf('id'),
    async (c) => {
      const requester = await viewerOf(c, c.req.param('id') ?? '');
      const receiver = await receiverOf(c.req.query('vers'));
      return requestPage(c, {
        requester,
        receiver,
        themes: await themesOf(c),
        // An open request between the two: its state, instead of a second form.
        existing: receiver ? await openRequestBetween(db, requester.id, receiver.id) : null,
      });
    },
  );

  r.page(
    'POST',
    '/organisations/:id/mises-en-relation/nouvelle',
    connectionPolicies.memberOf('id'),
    async (c) => {
      const requester = await viewerOf(c, c.req.param('id') ?? '');
      const values = await readForm(c);
      const receiver = await receiverOf(
        typeof values.receiverId === 'string' ? values.receiverId : undefined,
      );
      const themes = await themesOf(c);
      const parsed = requestSchema.safeParse({ ...values, requesterId: requester.id });
      if (!parsed.success)
        return requestPage(
          c,
          { requester, receiver, themes, values, errors: fieldErrors(parsed.error) },
          422,
        );
      try {
        const { id } = await requestConnection(deps, { ...ctxOf(c), user: user(c) }, parsed.data);
        return c.redirect(`/mises-en-relation/${id}?envoyee=1`, 303);
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation' && e.fields)
          return requestPage(c, { requester, receiver, themes, values, errors: e.fields }, 422);
        const existing =
          e instanceof AppError && e.code === 'conflict' && receiver
            ? await openRequestBetween(db, requester.id, receiver.id)
            : null;
        if (existing) return requestPage(c, { requester, receiver, themes, existing }, 409);
        throw e;
      }
    },
  );

  r.page('GET', '/mises-en-relation', policies.signedIn, async (c) =>
    listPage(c, await listConnections(db, c.get('actor'))),
  );

  r.page('GET', '/mises-en-relation/:id', connectionPolicies.viewer, async (c) => {
    const t = c.get('t');
    const notice = c.req.query('envoyee')
      ? await sentNotice(c, c.req.param('id') ?? '')
      : c.req.query('repondu')
        ? t('connections.detail.answered')
        : undefined;
    return detail(c, c.req.param('id') ?? '', { notice });
  });

  r.page('POST', '/mises-en-relation/:id/accepter', connectionPolicies.receiver, async (c) => {
    const u = user(c);
    const id = c.req.param('id') ?? '';
    await answerConnection(deps, ctxOf(c), {
      connectionId: id,
      answer: { action: 'accept' },
      answerer: { userId: u.id, name: u.name, email: u.email },
    });
    return c.redirect(`/mises-en-relation/${id}?repondu=1`, 303);
  });

  r.page('POST', '/mises-en-relation/:id/decliner', connectionPolicies.receiver, async (c) => {
    const u = user(c);
    const id = c.req.param('id') ?? '';
    const values = await readForm(c);
    const parsed = declineSchema.safeParse(values);
    if (!parsed.success) return detail(c, id, { errors: fieldErrors(parsed.error), values }, 422);
    await answerConnection(deps, ctxOf(c), {
      connectionId: id,
      answer: { action: 'decline', reason: parsed.data.reason },
      answerer: { userId: u.id, name: u.name, email: u.email },
    });
    return c.redirect(`/mises-en-relation/${id}?repondu=1`, 303);
  });

  // ── Answer from the e-mail, without an account ────────────────────────
  const linkTarget = async (token: string) => {
    const link = await db.transaction((tx) => usableAnswerLink(tx, token, deps.now()));
    if (!link || link === 'gone') throw linkGone();
    const x = await loadConnection(db, link.connectionId);
    if (!x) throw linkGone();
    return { link, x };
  };

  r.page('GET', '/mise-en-relation/reponse/:token', policies.public, async (c) => {
    const token = c.req.param('token') ?? '';
    const { x } = await linkTarget(token);
    if (x.status !== 'pending') throw linkGone();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return answerPage(c, { token, x });
  });

  r.page('POST', '/mise-en-relation/reponse/:token', policies.public, async (c) => {
    const token = c.req.param('token') ?? '';
    const { link, x } = await linkTarget(token);
    const values = await readForm(c);
    const action =
      c.req.query('action') === 'decline' ? 'decline' : c.req.query('action') === 'accept' ? 'accept' : null;
    if (!action) throw new AppError('bad_request', 'Choisissez d’accepter ou de décliner la demande.');
    const name = (typeof values.name === 'string' ? values.name.trim() : '').slice(0, 200) || link.email;
    let reason = '';
    if (action === 'decline') {
      const parsed = declineSchema.safeParse(values);
      if (!parsed.success) return answerPage(c, { token, x, errors: fieldErrors(parsed.error), values }, 422);
      reason = parsed.data.reason;
    }
    const done = await answerConnection(
      deps,
      {
        actor: { kind: 'system', label: `${name} <${link.email}> (lien de réponse)` },
        requestId: c.get('requestId'),
      },
      {
        connectionId: x.id,
        answer: action === 'accept' ? { action } : { action, reason },
        answerer: { userId: null, name, email: link.email },
        linkToken: token,
      },
    );
    const after = (await loadConnection(db, x.id))!;
    c.header('Cache-Control', 'no-store');
    return answerPage(c, {
      token,
      x: after,
      done: {
        status: done.status,
        invitationUrl: done.invitationUrl,
        contacts: (await revealedContacts(db, after, null)).filter(
          (s) => s.organisationId === after.requester_id,
        ),
      },
    });
  });

  // ── API ────────────────────────────────────────────────────────────────
  r.api(createConnectionRoute, connectionPolicies.requesterInBody, async (c) => {
    const input = parseOrThrow(requestSchema, await c.req.json());
    const { id } = await requestConnection(deps, { ...ctxOf(c), user: user(c) }, input);
    const x = (await loadConnection(db, id))!;
    return c.json(itemJson(x), 201);
  });

  r.api(listConnectionsRoute, policies.signedIn, async (c) =>
    c.json({ items: (await listConnections(db, c.get('actor'))).map(itemJson) }, 200),
  );

  for (const action of ['accept', 'decline'] as const) {
    r.api(answerRoute(action), connectionPolicies.receiver, async (c) => {
      const u = user(c);
      const id = c.req.param('id') ?? '';
      const answer =
        action === 'accept'
          ? { action }
          : { action, reason: parseOrThrow(declineSchema, await c.req.json()).reason };
      const done = await answerConnection(deps, ctxOf(c), {
        connectionId: id,
        answer,
        answerer: { userId: u.id, name: u.name, email: u.email },
      });
      return c.json(itemJson(done.connection), 200);
    });
  }

  // ── Notifications and preferences ──────────────────────────────────────
  r.page('GET', '/notifications', policies.signedIn, async (c) => {
    const items = await db.many<{
      id: string;
      title: string;
      url: string | null;
      created_at: Date;
      read_at: Date | null;
    }>(
      sql`SELECT id, title, url, created_at, read_at FROM notifications WHERE user_id = ${user(c).id}
        ORDER BY created_at DESC, id LIMIT 100`,
    );
    return notificationsPage(c, items);
  });

  r.page('POST', '/notifications/lues', policies.signedIn, async (c) => {
    await db.run(
      sql`UPDATE notifications SET read_at = ${deps.now()} WHERE user_id = ${user(c).id} AND read_at IS NULL`,
    );
    return c.redirect('/notifications', 303);
  });

  r.page('POST', '/notifications/:id/lue', policies.signedIn, async (c) => {
    const id = c.req.param('id') ?? '';
    // Scoped to the caller's own rows: someone else's id changes nothing.
    if (UUID.test(id))
      await db.run(
        sql`UPDATE notifications SET read_at = ${deps.now()} WHERE id = ${id} AND user_id = ${user(c).id} AND read_at IS NULL`,
      );
    return c.redirect('/notifications', 303);
  });

  r.page('GET', '/compte/notifications', policies.signedIn, async (c) =>
    preferencesPage(c, await preferencesOf(db, user(c).id), !!c.req.query('enregistre')),
  );

  r.page('POST', '/compte/notifications', policies.signedIn, async (c) => {
    const values = await readForm(c);
    const prefs = { connection: values.connectionEmails === 'on', digest: values.digestEmails === 'on' };
    const u = user(c);
    await db.transaction(async (tx) => {
      const before = await preferencesOf(tx, u.id);
      await tx.run(sql`INSERT INTO notification_preferences (user_id, connection_emails, digest_emails, updated_at)
        VALUES (${u.id}, ${prefs.connection}, ${prefs.digest}, ${deps.now()})
        ON CONFLICT (user_id) DO UPDATE SET connection_emails = EXCLUDED.connection_emails,
          digest_emails = EXCLUDED.digest_emails, updated_at = EXCLUDED.updated_at`);
      await audit(tx, ctxOf(c), {
        action: 'notification_preferences.update',
        entityType: 'user',
        entityId: u.id,
        before,
        after: { connectionEmails: prefs.connection, digestEmails: prefs.digest },
      });
    });
    return c.redirect('/compte/notifications?enregistre=1', 303);
  });

  // One click from the e-mail, no sign-in: the signed token names the address and the list.
  // GET is the link in the message; POST is RFC 8058 one-click (List-Unsubscribe-Post),
  // sent by mail clients without cookies or CSRF token — the signed token is the credential.
  const unsubscribeHandler = async (c: Context<AppEnv>) => {
    const parsed = readUnsubscribeToken(deps.config.SESSION_SECRET, c.req.param('token') ?? '');
    if (!parsed) return unsubscribePage(c, null);
    await db.transaction(async (tx) => {
      await unsubscribe(tx, parsed.email, parsed.category, deps.now());
      await audit(
        tx,
        {
          actor: { kind: 'system', label: `${parsed.email} (lien de désabonnement)` },
          requestId: c.get('requestId'),
        },
        { action: 'notification.unsubscribe', entityType: 'email', entityId: parsed.email, after: parsed },
      );
    });
    c.header('Cache-Control', 'no-store');
    return unsubscribePage(c, parsed);
  };
  r.page('GET', '/desabonnement/:token', policies.public, unsubscribeHandler);
  r.page('POST', '/desabonnement/:token', policies.public, unsubscribeHandler);

  // ── Network admins: pipeline and opportunities ─────────────────────────
  r.page('GET', '/admin/mises-en-relation', policies.networkAdmin, async (c) =>
    pipelinePage(c, await pipelineByRegion(db)),
  );

  r.asset('GET', '/admin/mises-en-relation.csv', policies.networkAdmin, async (c) => {
    const rows = await pipelineByRegion(db);
    const csv = toCsv(
      [
        'region_code',
        'region',
        'demandes',
        'en_attente',
        'acceptees',
        'declinees',
        'expirees',
        'taux_acceptation',
        'delai_median_heures',
      ],
      rows.map((r) => [
        r.total ? 'total' : r.region_code,
        r.total ? 'France entière' : r.region_name,
        r.requests,
        r.pending,
        r.accepted,
        r.declined,
        r.expired,
        r.acceptance_rate === null ? null : r.acceptance_rate.toFixed(3),
        r.median_hours === null ? null : r.median_hours.toFixed(1),
      ]),
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="mises-en-relation-par-region.csv"',
    });
  });

  /** The région asked for; a regional association's members only ever see their own. */
  const regionFilter = async (c: C) => {
    const actor = c.get('actor');
    if (!isNetworkAdmin(actor) && actor.kind === 'user') {
      const ids = actor.memberships
        .filter((m) => m.organisationKind === 'regional_association')
        .map((m) => m.organisationId);
      const own = await db.maybeOne<{ region_code: string | null }>(
        sql`SELECT region_code FROM organisations WHERE id = ANY(${ids}::uuid[]) AND region_code IS NOT NULL ORDER BY name LIMIT 1`,
      );
      if (!own?.region_code)
        throw new AppError('forbidden', 'Votre association régionale n’a pas de région connue.');
      return { region: own.region_code, locked: true };
    }
    const region = (c.req.query('region') ?? '').trim();
    if (region && !/^[0-9]{2,3}$/.test(region))
      throw new AppError('bad_request', 'Région inconnue.', { region: 'Région inconnue.' });
    return { region, locked: false };
  };

  r.page('GET', '/admin/opportunites', connectionPolicies.opportunities, async (c) => {
    const { region, locked } = await regionFilter(c);
    const rows = await listOpportunities(db, deps.now(), { region: region || undefined });
    const regions = await db.many<{ code: string; name: string }>(
      sql`SELECT code, name FROM regions ORDER BY name`,
    );
    return opportunitiesPage(c, { rows: rows.slice(0, 500), total: rows.length, regions, region });
  });

  r.asset('GET', '/admin/opportunites.csv', connectionPolicies.opportunities, async (c) => {
    const { region } = await regionFilter(c);
    const rows = await listOpportunities(db, deps.now(), { region: region || undefined });
    const csv = toCsv(
      [
        'region',
        'departement_code',
        'departement',
        'mission_locale',
        'mission_locale_id',
        'collectivite',
        'collectivite_id',
        'part_territoire',
        'score',
        'raisons',
      ],
      rows.map((r) => [
        r.region_name,
        r.departement_code,
        r.departement_name,
        r.ml_name,
        r.ml_id,
        r.authority_name,
        r.authority_id,
        r.share.toFixed(3),
        r.score,
        r.reasons.join(' ; '),
      ]),
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="opportunites-de-rapprochement.csv"',
    });
  });
}

export const connectionsModule: Module = {
  name: 'connections',
  register,
  seedDemo: seedConnectionsDemo,
  headerSlot: NotificationsLink,
  jobs: (deps) => ({
    'connections.sweep': async () => {
      await relayUndelivered(deps);
      await sweepConnections(deps);
    },
    'connections.digest': async () => {
      await runWeeklyDigest(deps);
    },
    'connections.digest.user': (job, db) => sendUserDigest(deps, db, job),
  }),
  schedules: [
    { name: 'connections.sweep', kind: 'connections.sweep', intervalSeconds: 3600 },
    { name: 'connections.digest', kind: 'connections.digest', intervalSeconds: 7 * 24 * 3600 },
  ],
};
