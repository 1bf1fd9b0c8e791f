import type { Context } from 'hono';
import { sql } from '../../db/sql.js';
import type { AppEnv } from '../../http/context.js';
import { isNetworkAdmin, membershipOf } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { mayAnswer, maySee } from './read-connections.js';
import { relayOrganisationFor } from './read-relays.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function sides(c: Context<AppEnv>) {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) return null;
  return c
    .get('deps')
    .db.maybeOne<{ requester_id: string; receiver_id: string }>(
      sql`SELECT requester_id, receiver_id FROM connections WHERE id = ${id}`,
    );
}

/**
 * Who may do what with connection requests. An unknown request is let through to the
 * handler (which answers 404) only for signed-in callers: it reveals nothing.
 */
export const connectionPolicies = {
  /** A member of either organisation, or a network admin (pipeline follow-up). */
  viewer: policies.check('connectionViewer', async (a, c) => {
    if (a.kind !== 'user') return false;
    const s = await sides(c);
    return s === null || maySee(a, s);
  }),

  /**
   * Network staff who relay requests (art. 3): national admins of UNML or CUF, members of
   * the UNML, CUF and regional-association organisations, platform admins.
   */
  relayStaff: policies.check(
    'networkStaff',
    (a) =>
      isNetworkAdmin(a) ||
      (a.kind === 'user' &&
        a.memberships.some((m) => ['unml', 'cuf', 'regional_association'].includes(m.organisationKind))),
  ),

  /** The staff of a network this request was relayed to. */
  relayOf: policies.check('relayStaffOf(:id)', async (a, c) => {
    if (a.kind !== 'user') return false;
    return !!(await relayOrganisationFor(c.get('deps').db, a, c.req.param('id') ?? ''));
  }),

  /** Either side, a network admin, or the staff of a network the request was relayed to. */
  viewerOrRelay: policies.check('connectionViewerOrRelayStaff', async (a, c) => {
    if (a.kind !== 'user') return false;
    const s = await sides(c);
    if (s === null || maySee(a, s)) return true;
    return !!(await relayOrganisationFor(c.get('deps').db, a, c.req.param('id') ?? ''));
  }),

  /** A member of the receiving organisation (network admins do not answer for it). */
  receiver: policies.check('connectionReceiver', async (a, c) => {
    if (a.kind !== 'user') return false;
    const s = await sides(c);
    return s === null || mayAnswer(a, s);
  }),

  /** A member of the organisation in the path (strictly: the request is made in its name). */
  memberOf: (param: string) =>
    policies.check(`memberOf(:${param})`, (a, c) => !!membershipOf(a, c.req.param(param) ?? '')),

  /**
   * Opportunity tables: network admins (UNML, CUF) for all of France, and the members of a
   * regional association for their own région (the handler narrows the rows).
   */
  opportunities: policies.check(
    'networkAdminOrRegionalAssociation',
    (a) =>
      isNetworkAdmin(a) ||
      (a.kind === 'user' && a.memberships.some((m) => m.organisationKind === 'regional_association')),
  ),

  /** API: a member of the organisation named by `requesterId` in the JSON body. */
  requesterInBody: policies.check('requesterMember(body.requesterId)', async (a, c) => {
    if (a.kind !== 'user') return false;
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return true; // malformed JSON: the validation answers 400/422
    }
    const id = (body as { requesterId?: unknown } | null)?.requesterId;
    if (typeof id !== 'string' || !UUID.test(id)) return true; // the validation names the field
    return !!membershipOf(a, id);
  }),
};
