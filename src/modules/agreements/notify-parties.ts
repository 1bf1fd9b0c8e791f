import type { AuditContext } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { sendNotice } from '../../notifications/notices.js';
import type { NewAgreementEvent, Snapshot } from './domain/lifecycle.js';
import { agreementNotice } from './domain/notices.js';
import type { LoadedAgreement } from './store.js';

/**
 * Every party is told (art. 5 : a withdrawal is notified to the others): the admins of the
 * parties other than the one that acted receive an in-app notification and an e-mail with the
 * dates that follow, once per event (key = agreement + history sequence), in the transaction
 * of the event. The person who acted is never told of their own action.
 */
export async function notifyParties(
  tx: Queryable,
  ctx: AuditContext,
  loaded: LoadedAgreement,
  event: NewAgreementEvent,
  seq: number,
  after: Snapshot,
  now: Date,
  /** The party the operation acted for, when the event itself does not name it. */
  actingFor: string | null = null,
) {
  const names = new Map(loaded.parties.map((p) => [p.organisation_id, p.name]));
  const text = agreementNotice(loaded.agreement.title, event, after, (id) => names.get(id) ?? 'une partie');
  const others = loaded.parties
    .map((p) => p.organisation_id)
    .filter((id) => id !== (text.actingOrganisationId ?? actingFor));
  if (others.length === 0) return [];
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
  const admins = await tx.many<{ user_id: string; email: string }>(sql`
    SELECT DISTINCT u.id AS user_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organisation_id = ANY(${others}::uuid[]) AND m.role = 'admin' AND u.disabled_at IS NULL
    ORDER BY u.email`);
  return sendNotice(
    tx,
    admins.filter((a) => a.user_id !== actorId).map((a) => ({ userId: a.user_id, email: a.email })),
    {
      key: `agreement:${loaded.agreement.id}:event:${seq}`,
      kind: `agreement.${event.type}`,
      title: text.title,
      body: text.body,
      subject: text.subject,
      path: `/conventions/${loaded.agreement.id}`,
      now,
    },
  );
}
