import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { type Actor, isNetworkAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { isUuid } from './store.js';

/** Organisations that may publish events: every kind but foreign partners (issue 13). */
export const publishingMemberships = (a: Actor) =>
  a.kind === 'user' ? a.memberships.filter((m) => m.organisationKind !== 'foreign_partner') : [];

export function eventPolicies(deps: Deps) {
  /** Who may manage an event: a member of its organiser, its author, or network staff. */
  const canManage = async (a: Actor, id: string) => {
    if (isNetworkAdmin(a)) return true;
    if (a.kind !== 'user' || !isUuid(id)) return isUuid(id) ? false : a.kind === 'user';
    const e = await deps.db.maybeOne<{ organiser_id: string | null; created_by: string | null }>(
      sql`SELECT organiser_id, created_by FROM events WHERE id = ${id}`,
    );
    if (!e) return true; // the handler answers 404
    return e.created_by === a.user.id || a.memberships.some((m) => m.organisationId === e.organiser_id);
  };
  return {
    /** UNML, CUF, a regional association, a Mission Locale or an authority publishes. */
    publisher: policies.check(
      'eventPublisher',
      (a) => isNetworkAdmin(a) || publishingMemberships(a).length > 0,
    ),
    manager: policies.check('eventManager', (a, c) => canManage(a, c.req.param('id') ?? '')),
    canManage,
    /** The registered person themselves, or whoever manages the event. */
    registrant: policies.check('eventRegistrant', async (a, c) => {
      if (a.kind !== 'user') return false;
      const rid = c.req.param('rid') ?? '';
      if (!isUuid(rid)) return true;
      const r = await deps.db.maybeOne<{ user_id: string | null; event_id: string }>(
        sql`SELECT user_id, event_id FROM event_registrations WHERE id = ${rid}`,
      );
      if (!r) return true;
      return r.user_id === a.user.id || (await canManage(a, r.event_id));
    }),
  };
}
