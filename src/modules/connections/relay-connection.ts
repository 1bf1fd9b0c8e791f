import { type AuditContext, audit } from '../../audit/audit.js';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { formatDate, translator } from '../../i18n/i18n.js';
import { queueMail } from '../../mail/mail.js';
import type { SignedInUser } from '../../policy/actor.js';
import { INVITATION_TTL_MS, issueEmailToken } from '../auth/email-tokens.js';
import { NETWORK_NAMES, type Network, type OrgKind, relayTargets } from './domain/relay.js';
import { addNotification, type Recipient, unsubscribeUrl } from './notify.js';
import { issueAnswerLink } from './request-connection.js';

const t = translator('fr');

/** What every operation gets: the transaction it runs in, who acts, and the clock. */
export interface OpContext {
  tx: Queryable;
  audit: AuditContext;
  now: Date;
}

/**
 * No request is lost (issue 9 §3). Convention art. 3 : each network informs of local
 * opportunities and facilitates connections and first contacts. A request to an
 * organisation without member is relayed to the network that supports it; its staff can
 * forward it to a contact (with a personal answer link) or invite the organisation to join.
 * Every delivery is a row of `connection_deliveries`, read back as `deliveredTo`.
 */
export interface RelayConfig {
  config: Config;
}

/** A request as the relay needs it. */
export interface RelayedRequest {
  id: string;
  requesterName: string;
  receiverId: string;
  receiverName: string;
  receiverKind: OrgKind;
  message: string;
  expiresAt: Date;
}

/** The network's national organisation (UNML or CUF): the one the convention names; made once if missing. */
export async function networkOrganisation(
  tx: Queryable,
  network: Network,
): Promise<{ id: string; name: string }> {
  const { name, code } = NETWORK_NAMES[network];
  const found = await tx.maybeOne<{ id: string; name: string }>(
    sql`SELECT id, name FROM organisations WHERE kind = ${network} ORDER BY (code = ${code}) DESC, created_at, id LIMIT 1`,
  );
  if (found) return found;
  return tx.one<{ id: string; name: string }>(sql`INSERT INTO organisations (kind, name, short_name, code)
    VALUES (${network}, ${name}, ${code}, ${code}) RETURNING id, name`);
}

/** The people of a network organisation: its members, plus the network's national admins (users.network). */
export async function staffOf(
  tx: Queryable,
  organisationId: string,
  network: Network | null,
): Promise<Recipient[]> {
  const rows = await tx.many<{ id: string; email: string; name: string; mailable: boolean }>(sql`
    SELECT u.id, u.email, u.name, coalesce(p.connection_emails, true) AS mailable
    FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
    WHERE u.disabled_at IS NULL AND (
      EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organisation_id = ${organisationId})
      OR (${network}::text IS NOT NULL AND u.global_role = 'network_admin' AND u.network = ${network}::text))
    ORDER BY u.email`);
  return rows.map((r) => ({ email: r.email, userId: r.id, name: r.name, mailable: r.mailable }));
}

async function recordDelivery(
  tx: Queryable,
  d: {
    connectionId: string;
    kind: 'member' | 'network_staff' | 'invited_contact';
    organisationId: string;
    via: 'members' | 'directory' | 'relay' | 'forward' | 'invitation';
    email?: string | null;
    invitationId?: string | null;
    recipients?: number;
    createdBy?: string | null;
    now: Date;
  },
) {
  await tx.run(sql`INSERT INTO connection_deliveries
      (connection_id, kind, organisation_id, via, email, invitation_id, recipients, created_by, created_at)
    VALUES (${d.connectionId}, ${d.kind}, ${d.organisationId}, ${d.via}, ${d.email ?? null}, ${d.invitationId ?? null},
      ${d.recipients ?? 0}, ${d.createdBy ?? null}, ${d.now})
    ON CONFLICT (connection_id, kind, organisation_id, coalesce(email, ''))
    DO UPDATE SET invitation_id = coalesce(EXCLUDED.invitation_id, connection_deliveries.invitation_id),
      via = CASE WHEN EXCLUDED.invitation_id IS NOT NULL THEN EXCLUDED.via ELSE connection_deliveries.via END`);
}

/**
 * Records who a new request reached, from the receiver's recipients already notified
 * (`notifyOrganisation`): its members; or, when it has none, the directory addresses that
 * got an answer link — and in that case the request is also relayed to the network staff.
 */
export async function recordRequestDeliveries(
  op: OpContext & RelayConfig,
  c: RelayedRequest,
  recipients: Recipient[],
): Promise<void> {
  const members = recipients.filter((r) => r.userId);
  if (members.length > 0) {
    await recordDelivery(op.tx, {
      connectionId: c.id,
      kind: 'member',
      organisationId: c.receiverId,
      via: 'members',
      recipients: members.length,
      now: op.now,
    });
    return;
  }
  for (const r of recipients.filter((x) => x.mailable))
    await recordDelivery(op.tx, {
      connectionId: c.id,
      kind: 'invited_contact',
      organisationId: c.receiverId,
      via: 'directory',
      email: r.email.toLowerCase(),
      recipients: 1,
      now: op.now,
    });
  await relayToNetworks(op, c);
}

/**
 * Art. 3 : the receiver has no member, so the network that supports it hears of the request
 * (in-app and by e-mail, per each person's preference) and can pass it on. One delivery
 * row per network organisation, even when nobody has an account there yet: the request
 * waits on its relay page.
 */
export async function relayToNetworks(op: OpContext & RelayConfig, c: RelayedRequest): Promise<number> {
  const { tx, now, config } = op;
  const regional =
    c.receiverKind === 'mission_locale'
      ? await tx.maybeOne<{ id: string; name: string }>(sql`SELECT ar.id, ar.name FROM organisations ml
          JOIN organisations ar ON ar.kind = 'regional_association' AND ar.region_code = ml.region_code
          WHERE ml.id = ${c.receiverId} AND ml.region_code IS NOT NULL ORDER BY ar.created_at, ar.id LIMIT 1`)
      : null;
  let relays = 0;
  for (const target of relayTargets(c.receiverKind, !!regional)) {
    const org = target.regional && regional ? regional : await networkOrganisation(tx, target.network);
    const staff = await staffOf(tx, org.id, target.regional ? null : target.network);
    const page = `${config.BASE_URL}/relais/${c.id}`;
    for (const s of staff) {
      await addNotification(tx, {
        userId: s.userId!,
        kind: 'connection.relayed',
        title: t('connections.notification.relayed', {
          requester: c.requesterName,
          receiver: c.receiverName,
        }),
        url: `/relais/${c.id}`,
        now,
      });
      if (!s.mailable) continue;
      await queueMail(tx, config, {
        to: s.email,
        subject: t('connections.mail.relay_subject', { receiver: c.receiverName }),
        text: t('connections.mail.relay_text', {
          requester: c.requesterName,
          receiver: c.receiverName,
          network: org.name,
          message: c.message,
          page,
          expires: formatDate(c.expiresAt.toISOString()),
        }),
        category: 'notification',
        unsubscribeUrl: unsubscribeUrl(config, s.email, 'connections'),
      });
    }
    await recordDelivery(tx, {
      connectionId: c.id,
      kind: 'network_staff',
      organisationId: org.id,
      via: 'relay',
      recipients: staff.length,
      now,
    });
    await tx.run(sql`INSERT INTO connection_events (connection_id, at, kind, actor_label, note)
      VALUES (${c.id}, ${now}, 'relayed', ${org.name}, ${null})`);
    await audit(tx, op.audit, {
      action: 'connection.relay',
      entityType: 'connection',
      entityId: c.id,
      organisationId: org.id,
      after: { network: target.network, regional: target.regional, staff: staff.length },
    });
    relays++;
  }
  return relays;
}

/** The request, locked, if it is still open; otherwise a French refusal (409). */
async function openRequest(tx: Queryable, id: string, now: Date) {
  const c = /^[0-9a-f-]{36}$/i.test(id)
    ? await tx.maybeOne<{
        id: string;
        status: string;
        expires_at: Date;
        message: string;
        receiver_id: string;
        requester_name: string;
        receiver_name: string;
        receiver_kind: OrgKind;
      }>(sql`SELECT c.id, c.status, c.expires_at, c.message, c.receiver_id, rq.name AS requester_name,
          rc.name AS receiver_name, rc.kind AS receiver_kind
        FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
        WHERE c.id = ${id} FOR UPDATE OF c`)
    : null;
  if (!c) throw new AppError('not_found', 'Cette demande de mise en relation n’existe pas.');
  if (c.status !== 'pending' || new Date(c.expires_at).getTime() <= now.getTime())
    throw new AppError(
      'conflict',
      'Cette demande n’est plus en attente (elle a reçu une réponse ou a expiré) : il n’y a plus rien à transmettre.',
    );
  return c;
}

async function refuseOptedOut(tx: Queryable, email: string) {
  const out = await tx.maybeOne(
    sql`SELECT 1 AS x FROM email_optouts WHERE email = ${email} AND category = 'connections'`,
  );
  if (out)
    throw new AppError('validation', undefined, {
      email:
        'Cette adresse a demandé à ne plus recevoir d’e-mails de mise en relation : choisissez un autre contact.',
    });
}

/** The label of the person passing the request on, for the history: « Nom (Réseau) ». */
async function staffLabel(tx: Queryable, user: SignedInUser, networkOrgId: string | null) {
  const org = networkOrgId
    ? await tx.maybeOne<{ name: string }>(sql`SELECT name FROM organisations WHERE id = ${networkOrgId}`)
    : null;
  return org ? `${user.name} (${org.name})` : user.name;
}

export interface ForwardInput {
  connectionId: string;
  email: string;
  name?: string;
  note?: string;
  /** The network organisation the staff member acts for (one of the request's relays). */
  networkOrganisationId: string | null;
}

/**
 * Network staff forward a relayed request to a contact of the receiver (art. 3 : faciliter
 * la prise de contact): the contact gets the request and a personal single-use answer link,
 * as a member would. Refused when the request is no longer open or the address opted out.
 */
export async function forwardConnection(
  op: OpContext & RelayConfig,
  user: SignedInUser,
  input: ForwardInput,
): Promise<void> {
  const { tx, now, config } = op;
  const c = await openRequest(tx, input.connectionId, now);
  const email = input.email.toLowerCase();
  await refuseOptedOut(tx, email);
  const link = await issueAnswerLink(tx, config, c.id, email, new Date(c.expires_at), now);
  const by = await staffLabel(tx, user, input.networkOrganisationId);
  await queueMail(tx, config, {
    to: email,
    subject: t('connections.mail.request_subject', { requester: c.requester_name }),
    text: t('connections.mail.forward_text', {
      greeting: input.name ? `Bonjour ${input.name},` : 'Bonjour,',
      by,
      requester: c.requester_name,
      receiver: c.receiver_name,
      message: c.message,
      note: input.note ? `\n\nSon mot : ${input.note}` : '',
      link,
      expires: formatDate(new Date(c.expires_at).toISOString()),
    }),
    category: 'notification',
    unsubscribeUrl: unsubscribeUrl(config, email, 'connections'),
  });
  await recordDelivery(tx, {
    connectionId: c.id,
    kind: 'invited_contact',
    organisationId: c.receiver_id,
    via: 'forward',
    email,
    recipients: 1,
    createdBy: user.id,
    now,
  });
  await tx.run(sql`INSERT INTO connection_events (connection_id, at, kind, actor_label, note)
    VALUES (${c.id}, ${now}, 'forwarded', ${by}, ${null})`);
  await audit(tx, op.audit, {
    action: 'connection.forward',
    entityType: 'connection',
    entityId: c.id,
    organisationId: c.receiver_id,
    after: { email, note: input.note ?? null },
  });
}

/**
 * Network staff invite a person to join the receiving organisation on Passerelle and answer
 * (art. 3). The auth module's invitation (single use, 7 days) lets the person create an
 * account in the organisation — as its administrator when it has none — and the same e-mail
 * carries a personal answer link for answering at once without an account.
 */
export async function inviteToJoin(
  op: OpContext & RelayConfig,
  user: SignedInUser,
  input: ForwardInput,
): Promise<{ invitationUrl: string }> {
  const { tx, now, config } = op;
  const c = await openRequest(tx, input.connectionId, now);
  const email = input.email.toLowerCase();
  const existing = await tx.maybeOne<{ id: string; member: boolean }>(sql`
    SELECT u.id, EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organisation_id = ${c.receiver_id}) AS member
    FROM users u WHERE u.email = ${email}`);
  if (existing?.member)
    throw new AppError('validation', undefined, {
      email: `Cette personne est déjà membre de ${c.receiver_name} : elle voit la demande dans Passerelle.`,
    });
  const hasAdmin = await tx.maybeOne(
    sql`SELECT 1 AS x FROM memberships WHERE organisation_id = ${c.receiver_id} AND role = 'admin' LIMIT 1`,
  );
  const role = hasAdmin ? 'member' : 'admin';
  const inv = await issueEmailToken(tx, {
    purpose: 'invitation',
    email,
    userId: existing?.id ?? null,
    organisationId: c.receiver_id,
    role,
    createdBy: user.id,
    ttlMs: INVITATION_TTL_MS,
    now,
  });
  const link = await issueAnswerLink(tx, config, c.id, email, new Date(c.expires_at), now);
  const invitationUrl = `${config.BASE_URL}/invitation/${inv.token}`;
  const by = await staffLabel(tx, user, input.networkOrganisationId);
  await queueMail(tx, config, {
    to: email,
    subject: t('connections.mail.invite_subject', { requester: c.requester_name, receiver: c.receiver_name }),
    text: t('connections.mail.invite_text', {
      greeting: input.name ? `Bonjour ${input.name},` : 'Bonjour,',
      by,
      requester: c.requester_name,
      receiver: c.receiver_name,
      message: c.message,
      note: input.note ? `\n\nSon mot : ${input.note}` : '',
      invitation: invitationUrl,
      invitationExpires: formatDate(new Date(now.getTime() + INVITATION_TTL_MS).toISOString()),
      link,
      page: `${config.BASE_URL}/mises-en-relation/${c.id}`,
      expires: formatDate(new Date(c.expires_at).toISOString()),
    }),
    category: 'transactional',
  });
  await recordDelivery(tx, {
    connectionId: c.id,
    kind: 'invited_contact',
    organisationId: c.receiver_id,
    via: 'invitation',
    email,
    invitationId: inv.id,
    recipients: 1,
    createdBy: user.id,
    now,
  });
  await tx.run(sql`INSERT INTO connection_events (connection_id, at, kind, actor_label, note)
    VALUES (${c.id}, ${now}, 'invited', ${by}, ${null})`);
  await audit(tx, op.audit, {
    action: 'membership.invite',
    entityType: 'invitation',
    entityId: inv.id,
    organisationId: c.receiver_id,
    after: { email, role, from: 'connection_relay', connectionId: c.id },
  });
  return { invitationUrl };
}

/**
 * Catch-up for open requests that reached nobody on record (made before relays existed, or
 * while the receiver's only members left): the hourly sweep records the members when there
 * are some, and otherwise relays the request to the network (art. 3). Each request in its
 * own transaction, locked; a second run finds nothing to do.
 */
export async function relayUndelivered(deps: {
  db: { transaction<T>(f: (tx: Queryable) => Promise<T>): Promise<T>; many: Queryable['many'] };
  config: Config;
  now: () => Date;
}): Promise<number> {
  const now = deps.now();
  const open = await deps.db.many<{ id: string }>(sql`SELECT c.id FROM connections c
    WHERE c.status = 'pending' AND NOT EXISTS (SELECT 1 FROM connection_deliveries d WHERE d.connection_id = c.id)
    ORDER BY c.created_at LIMIT 1000`);
  let relayed = 0;
  for (const { id } of open) {
    relayed += await deps.db.transaction(async (tx) => {
      const c = await tx.maybeOne<{
        id: string;
        message: string;
        expires_at: Date;
        receiver_id: string;
        requester_name: string;
        receiver_name: string;
        receiver_kind: OrgKind;
        members: number;
      }>(sql`SELECT c.id, c.message, c.expires_at, c.receiver_id, rq.name AS requester_name, rc.name AS receiver_name,
          rc.kind AS receiver_kind,
          (SELECT count(*)::int FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.organisation_id = c.receiver_id AND u.disabled_at IS NULL) AS members
        FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
        WHERE c.id = ${id} AND c.status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM connection_deliveries d WHERE d.connection_id = c.id)
        FOR UPDATE OF c`);
      if (!c) return 0;
      const op = {
        tx,
        audit: { actor: { kind: 'system' as const, label: 'Passerelle (relais des demandes)' } },
        now,
        config: deps.config,
      };
      if (Number(c.members) > 0) {
        await recordDelivery(tx, {
          connectionId: c.id,
          kind: 'member',
          organisationId: c.receiver_id,
          via: 'members',
          recipients: Number(c.members),
          now,
        });
        return 0;
      }
      return relayToNetworks(op, {
        id: c.id,
        requesterName: c.requester_name,
        receiverId: c.receiver_id,
        receiverName: c.receiver_name,
        receiverKind: c.receiver_kind,
        message: c.message,
        expiresAt: new Date(c.expires_at),
      }).then((n) => (n > 0 ? 1 : 0));
    });
  }
  return relayed;
}
