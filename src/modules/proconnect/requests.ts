import { type AuditContext, audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import { queueMail } from '../../mail/mail.js';
import { type Actor, isNetworkAdmin, membershipOf } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';

/**
 * Membership requests made at a ProConnect sign-in whose SIRET matched no organisation
 * (ADR 0005). A request grants nothing: an admin of the organisation, or a network admin,
 * accepts it (the person becomes a member) or refuses it.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who decides on the requests to join organisation :id — its admins and the network admins. */
export const canReviewRequests = policies.check(
  'orgAdminOrNetworkAdmin(:id)',
  (a: Actor, c) => isNetworkAdmin(a) || membershipOf(a, c.req.param('id') ?? '')?.role === 'admin',
);

export interface RequestRow {
  id: string;
  user_id: string;
  name: string;
  email: string;
  siret: string | null;
  organization_label: string | null;
  created_at: Date;
}

export async function organisationOrNotFound(
  db: Queryable,
  orgId: string,
): Promise<{ id: string; name: string }> {
  const org = UUID.test(orgId)
    ? await db.maybeOne<{ id: string; name: string }>(
        sql`SELECT id, name FROM organisations WHERE id = ${orgId}`,
      )
    : null;
  if (!org) throw notFound('Organisation introuvable.');
  return org;
}

export function pendingRequests(db: Queryable, orgId: string): Promise<RequestRow[]> {
  return db.many<RequestRow>(sql`SELECT r.id, r.user_id, u.name, u.email, r.siret, r.organization_label, r.created_at
    FROM proconnect_membership_requests r JOIN users u ON u.id = r.user_id
    WHERE r.organisation_id = ${orgId} AND r.status = 'pending' AND u.disabled_at IS NULL
    ORDER BY r.created_at`);
}

/**
 * Accepts (membership as `member`) or refuses a pending request, in one transaction,
 * audited; the person is told by e-mail. A request already decided → 409.
 */
export async function decideRequest(
  deps: Deps,
  ctx: AuditContext & { actor: Actor },
  input: { organisationId: string; requestId: string; accept: boolean },
): Promise<void> {
  const now = deps.now();
  const deciderId = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
  await deps.db.transaction(async (tx) => {
    const org = await organisationOrNotFound(tx, input.organisationId);
    const req = UUID.test(input.requestId)
      ? await tx.maybeOne<{ id: string; user_id: string; status: string; email: string }>(sql`
          SELECT r.id, r.user_id, r.status, u.email FROM proconnect_membership_requests r JOIN users u ON u.id = r.user_id
          WHERE r.id = ${input.requestId} AND r.organisation_id = ${org.id} FOR UPDATE OF r`)
      : null;
    if (!req) throw notFound('Demande introuvable.');
    if (req.status !== 'pending') throw conflict('Cette demande a déjà été traitée.');
    const status = input.accept ? 'accepted' : 'refused';
    await tx.run(sql`UPDATE proconnect_membership_requests
      SET status = ${status}, decided_by = ${deciderId}, decided_at = ${now} WHERE id = ${req.id}`);
    await audit(tx, ctx, {
      action: input.accept
        ? 'proconnect.membership_request_accepted'
        : 'proconnect.membership_request_refused',
      entityType: 'proconnect_membership_request',
      entityId: req.id,
      organisationId: org.id,
      before: { status: 'pending' },
      after: { status, user_id: req.user_id },
    });
    if (input.accept) {
      const added = await tx.run(sql`INSERT INTO memberships (user_id, organisation_id, role, created_at)
        VALUES (${req.user_id}, ${org.id}, 'member', ${now}) ON CONFLICT DO NOTHING`);
      if (added > 0) {
        await audit(tx, ctx, {
          action: 'membership.added',
          entityType: 'membership',
          entityId: `${req.user_id}:${org.id}`,
          organisationId: org.id,
          after: { role: 'member', via: 'proconnect_membership_request' },
        });
      }
    }
    await queueMail(tx, deps.config, {
      to: req.email,
      subject: input.accept
        ? `Passerelle : vous êtes membre de « ${org.name} »`
        : `Passerelle : votre demande pour « ${org.name} »`,
      text: input.accept
        ? `Bonjour,\n\nVotre demande pour rejoindre « ${org.name} » sur Passerelle a été acceptée. Vous en êtes désormais membre.\n\n${deps.config.BASE_URL}/\n`
        : `Bonjour,\n\nVotre demande pour rejoindre « ${org.name} » sur Passerelle n’a pas été acceptée. Si vous pensez qu’il s’agit d’une erreur, contactez un administrateur de l’organisation.\n`,
      category: 'transactional',
    });
  });
}

/** Tells the organisation's admins (or, if it has none, the network admins) that someone asked to join. */
export async function notifyReviewers(
  tx: Queryable,
  deps: Deps,
  input: { organisationId: string; organisationName: string; requesterName: string; requesterEmail: string },
): Promise<number> {
  let to = await tx.many<{
    email: string;
  }>(sql`SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organisation_id = ${input.organisationId} AND m.role = 'admin' AND u.disabled_at IS NULL ORDER BY u.email`);
  if (to.length === 0) {
    to = await tx.many<{ email: string }>(sql`SELECT email FROM users
      WHERE global_role = 'network_admin' AND disabled_at IS NULL ORDER BY email`);
  }
  for (const { email } of to) {
    await queueMail(tx, deps.config, {
      to: email,
      subject: `Passerelle : demande pour rejoindre « ${input.organisationName} »`,
      text: `Bonjour,\n\n${input.requesterName} (${input.requesterEmail}), connecté·e avec ProConnect, demande à rejoindre « ${input.organisationName} » sur Passerelle.\n\nAcceptez ou refusez la demande : ${deps.config.BASE_URL}/organisations/${input.organisationId}/demandes-adhesion\n`,
      category: 'transactional',
    });
  }
  return to.length;
}
