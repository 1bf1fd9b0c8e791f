import { sql } from '../../src/db/sql.js';
import { sha256 } from '../../src/lib/crypto.js';
import { unsubscribeToken } from '../../src/modules/connections/notify.js';
import { relayToNetworks } from '../../src/modules/connections/relay-connection.js';
import { testConfig } from '../helpers/app.js';
import { anOrganisation } from '../helpers/fixtures.js';
import {
  ALL,
  type Caller,
  type ModuleMatrix,
  NETWORK_ADMINS,
  ORG_MEMBERS,
  SIGNED_IN,
  type World,
} from './types.js';

/** Members of organisation A only (requests are made and answered by members, not network admins). */
const A_MEMBERS: Caller[] = ['member', 'orgAdmin'];
let n = 0;

/** A pending request from a third organisation to A (so B's member is a stranger to it), with an answer link. */
async function pendingToA(w: World) {
  const db = w.app.db;
  const from = await anOrganisation(db, {
    kind: 'local_authority',
    level: 'epci',
    name: `Intercommunalité matrice ${++n}`,
  });
  const now = new Date();
  const row = await db.one<{
    id: string;
  }>(sql`INSERT INTO connections (requester_id, receiver_id, requested_by_name,
      requested_by_email, message, created_at, expires_at)
    VALUES (${from.id}, ${w.orgA.id}, 'Élue matrice', 'elue@exemple.fr', 'Bonjour, parlons mobilité.', ${now},
      ${new Date(now.getTime() + 30 * 86_400_000)}) RETURNING id`);
  const token = `matrice-token-${n}-abcdefghijklmnopqrstuvwxyz`;
  await db.run(sql`INSERT INTO connection_answer_tokens (connection_id, token_hash, email, expires_at, created_at)
    VALUES (${row.id}, ${sha256(token)}, 'accueil@exemple.fr', ${new Date(now.getTime() + 30 * 86_400_000)}, ${now})`);
  return { id: row.id, token };
}

/** A pending request to a Mission Locale without member, relayed to UNML (the world's network admin). */
async function relayedRequest(w: World) {
  const db = w.app.db;
  const ml = await anOrganisation(db, { kind: 'mission_locale', name: `Mission Locale sans compte ${++n}` });
  const now = new Date();
  const row = await db.one<{
    id: string;
  }>(sql`INSERT INTO connections (requester_id, receiver_id, requested_by_name,
      requested_by_email, message, created_at, expires_at)
    VALUES (${w.orgB.id}, ${ml.id}, 'Élu matrice', 'elu@exemple.fr', 'Bonjour, parlons mobilité.', ${now},
      ${new Date(now.getTime() + 30 * 86_400_000)}) RETURNING id`);
  await db.transaction((tx) =>
    relayToNetworks(
      { tx, audit: { actor: { kind: 'system', label: 'matrice' } }, now, config: testConfig() },
      {
        id: row.id,
        requesterName: w.orgB.name,
        receiverId: ml.id,
        receiverName: ml.name,
        receiverKind: 'mission_locale',
        message: 'Bonjour, parlons mobilité.',
        expiresAt: new Date(now.getTime() + 30 * 86_400_000),
      },
    ),
  );
  return row.id;
}

const freshPending = async (w: World) => {
  w.extra.connFresh = await pendingToA(w);
};

export const connectionsMatrix: ModuleMatrix = {
  module: 'connections',
  async setup(w) {
    w.extra.conn = await pendingToA(w);
    w.extra.relayed = await relayedRequest(w);
    w.extra.notificationId = (
      await w.app.db.one<{ id: string }>(sql`INSERT INTO notifications (user_id, kind, title, created_at)
        VALUES (${w.users.member!.id}, 'test', 'Notification de la matrice', now()) RETURNING id`)
    ).id;
    w.extra.unsubscribe = unsubscribeToken(testConfig().SESSION_SECRET, 'personne@exemple.fr', 'digest');
  },
  entries: [
    {
      method: 'GET',
      path: '/api/v1/organisations/:id/matches',
      url: (w) => `/api/v1/organisations/${w.orgA.id}/matches?theme=ecsi`,
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/organisations/:id/rapprochements',
      url: (w) => `/organisations/${w.orgA.id}/rapprochements`,
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/organisations/:id/mises-en-relation/nouvelle',
      url: (w) => `/organisations/${w.orgA.id}/mises-en-relation/nouvelle?vers=${w.orgB.id}`,
      allow: A_MEMBERS,
    },
    {
      method: 'POST',
      path: '/organisations/:id/mises-en-relation/nouvelle',
      url: (w) => `/organisations/${w.orgA.id}/mises-en-relation/nouvelle`,
      body: (w) => ({ receiverId: w.orgB.id, message: 'Bonjour, parlons mobilité des jeunes.' }),
      allow: A_MEMBERS,
    },
    { method: 'GET', path: '/mises-en-relation', allow: SIGNED_IN },
    {
      method: 'GET',
      path: '/mises-en-relation/:id',
      url: (w) => `/mises-en-relation/${w.extra.conn.id}`,
      allow: ORG_MEMBERS,
    },
    {
      method: 'POST',
      path: '/mises-en-relation/:id/accepter',
      fresh: freshPending,
      url: (w) => `/mises-en-relation/${w.extra.connFresh.id}/accepter`,
      allow: A_MEMBERS,
    },
    {
      method: 'POST',
      path: '/mises-en-relation/:id/decliner',
      fresh: freshPending,
      url: (w) => `/mises-en-relation/${w.extra.connFresh.id}/decliner`,
      body: () => ({ reason: 'Pas de projet international cette année.' }),
      allow: A_MEMBERS,
    },
    {
      method: 'GET',
      path: '/mise-en-relation/reponse/:token',
      url: (w) => `/mise-en-relation/reponse/${w.extra.conn.token}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/mise-en-relation/reponse/:token',
      fresh: freshPending,
      url: (w) => `/mise-en-relation/reponse/${w.extra.connFresh.token}?action=accept`,
      body: () => ({ name: 'Accueil' }),
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/api/v1/connections',
      body: (w) => ({
        requesterId: w.orgA.id,
        receiverId: w.orgB.id,
        message: 'Bonjour, parlons ECSI ensemble.',
      }),
      allow: A_MEMBERS,
    },
    { method: 'GET', path: '/api/v1/connections', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/api/v1/connections/:id/accept',
      fresh: freshPending,
      url: (w) => `/api/v1/connections/${w.extra.connFresh.id}/accept`,
      allow: A_MEMBERS,
    },
    {
      method: 'POST',
      path: '/api/v1/connections/:id/decline',
      fresh: freshPending,
      url: (w) => `/api/v1/connections/${w.extra.connFresh.id}/decline`,
      body: () => ({ reason: 'Pas cette année.' }),
      allow: A_MEMBERS,
    },
    {
      method: 'GET',
      path: '/api/v1/connections/:id',
      url: (w) => `/api/v1/connections/${w.extra.conn.id}`,
      allow: ORG_MEMBERS,
    },
    {
      method: 'POST',
      path: '/api/v1/connections/:id/forward',
      url: (w) => `/api/v1/connections/${w.extra.relayed}/forward`,
      body: () => ({ email: 'contact@ml-sans-compte.example' }),
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/connections/:id/invite',
      url: (w) => `/api/v1/connections/${w.extra.relayed}/invite`,
      body: () => ({ email: 'direction@ml-sans-compte.example' }),
      allow: NETWORK_ADMINS,
    },
    { method: 'GET', path: '/api/v1/relays', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/relais', allow: NETWORK_ADMINS },
    {
      method: 'GET',
      path: '/relais/:id',
      url: (w) => `/relais/${w.extra.relayed}`,
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/relais/:id/transmettre',
      url: (w) => `/relais/${w.extra.relayed}/transmettre`,
      body: () => ({ email: 'accueil@ml-sans-compte.example' }),
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/relais/:id/inviter',
      url: (w) => `/relais/${w.extra.relayed}/inviter`,
      body: () => ({ email: 'president@ml-sans-compte.example' }),
      allow: NETWORK_ADMINS,
    },
    { method: 'GET', path: '/notifications', allow: SIGNED_IN },
    { method: 'POST', path: '/notifications/lues', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/notifications/:id/lue',
      url: (w) => `/notifications/${w.extra.notificationId}/lue`,
      allow: SIGNED_IN,
    },
    { method: 'GET', path: '/compte/notifications', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/compte/notifications',
      body: () => ({ connectionEmails: 'on', digestEmails: 'on' }),
      allow: SIGNED_IN,
    },
    {
      method: 'GET',
      path: '/desabonnement/:token',
      url: (w) => `/desabonnement/${w.extra.unsubscribe}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/desabonnement/:token',
      url: (w) => `/desabonnement/${w.extra.unsubscribe}`,
      allow: ALL,
    },
    { method: 'GET', path: '/admin/mises-en-relation', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/admin/mises-en-relation.csv', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/admin/opportunites', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/admin/opportunites.csv', allow: NETWORK_ADMINS },
  ],
};
