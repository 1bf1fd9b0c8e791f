import type { AuditContext } from '../../audit/audit.js';
import { audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { translator } from '../../i18n/i18n.js';
import { sha256 } from '../../lib/crypto.js';
import { INVITATION_TTL_MS, issueEmailToken } from '../auth/email-tokens.js';
import { transition } from './domain/lifecycle.js';
import { notifyOrganisation } from './notify.js';

const t = translator('fr');

export interface ConnectionRow {
  id: string;
  requester_id: string;
  receiver_id: string;
  requester_name: string;
  receiver_name: string;
  requested_by_name: string;
  requested_by_email: string;
  message: string;
  project_kind: string | null;
  project_countries: string[];
  project_themes: string[];
  status: 'pending' | 'accepted' | 'declined' | 'expired';
  created_at: Date;
  expires_at: Date;
  reminded_at: Date | null;
  answered_at: Date | null;
  answered_by_name: string | null;
  answered_by_email: string | null;
  decline_reason: string | null;
}

export async function loadConnection(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ConnectionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db.maybeOne<ConnectionRow>(sql`
    SELECT c.id, c.requester_id, c.receiver_id, rq.name AS requester_name, rc.name AS receiver_name,
      c.requested_by_name, c.requested_by_email, c.message, c.project_kind, c.project_countries, c.project_themes,
      c.status, c.created_at, c.expires_at, c.reminded_at, c.answered_at, c.answered_by_name, c.answered_by_email,
      c.decline_reason
    FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
    WHERE c.id = ${id} ${opts.forUpdate ? sql`FOR UPDATE OF c` : sql.empty}`);
}

export interface AnswerLink {
  tokenId: string;
  connectionId: string;
  email: string;
}

/** The link's row if it can still be used (unused, unexpired); locks it. */
export async function usableAnswerLink(
  tx: Queryable,
  token: string,
  now: Date,
): Promise<AnswerLink | 'gone' | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const row = await tx.maybeOne<{
    id: string;
    connection_id: string;
    email: string;
    expires_at: Date;
    used_at: Date | null;
  }>(sql`SELECT id, connection_id, email, expires_at, used_at FROM connection_answer_tokens
    WHERE token_hash = ${sha256(token)} FOR UPDATE`);
  if (!row) return null;
  if (row.used_at || new Date(row.expires_at).getTime() <= now.getTime()) return 'gone';
  return { tokenId: row.id, connectionId: row.connection_id, email: row.email };
}

export type Answer = { action: 'accept' } | { action: 'decline'; reason: string };

export interface Answerer {
  userId: string | null;
  name: string;
  email: string;
}

/**
 * The receiver accepts or declines (art. 3). Refused, with nothing changed, when the
 * request is no longer pending or has expired. On acceptance both sides see each other's
 * contacts (read from the connection page). The requester's members are notified. When
 * the answer comes through an e-mail link from someone without membership, an invitation
 * to join the receiving organisation is issued (the auth module's single-use link).
 */
export async function answerConnection(
  deps: Deps,
  ctx: AuditContext,
  input: { connectionId: string; answer: Answer; answerer: Answerer; linkToken?: string },
): Promise<{ status: 'accepted' | 'declined'; invitationUrl: string | null; connection: ConnectionRow }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    let link: AnswerLink | null = null;
    if (input.linkToken !== undefined) {
      const l = await usableAnswerLink(tx, input.linkToken, now);
      if (l === null || l === 'gone' || l.connectionId !== input.connectionId) throw linkGone();
      link = l;
    }
    const c = await loadConnection(tx, input.connectionId, { forUpdate: true });
    if (!c) throw new AppError('not_found', 'Cette demande de mise en relation n’existe pas.');
    const event = input.answer.action;
    const r = transition(
      { status: c.status, createdAt: c.created_at, expiresAt: c.expires_at, remindedAt: c.reminded_at },
      event,
      now,
    );
    if (!r.ok) throw new AppError('conflict', r.message);
    const status = r.to as 'accepted' | 'declined';
    const reason = input.answer.action === 'decline' ? input.answer.reason : null;
    await tx.run(sql`UPDATE connections SET status = ${status}, answered_at = ${now}, answered_by = ${input.answerer.userId},
      answered_by_name = ${input.answerer.name}, answered_by_email = ${input.answerer.email}, decline_reason = ${reason}
      WHERE id = ${c.id}`);
    if (link)
      await tx.run(sql`UPDATE connection_answer_tokens SET used_at = ${now} WHERE id = ${link.tokenId}`);
    await tx.run(sql`INSERT INTO connection_events (connection_id, at, kind, actor_label, note)
      VALUES (${c.id}, ${now}, ${status}, ${`${input.answerer.name} (${c.receiver_name})`}, ${reason})`);
    await audit(tx, ctx, {
      action: `connection.${event}`,
      entityType: 'connection',
      entityId: c.id,
      organisationId: c.receiver_id,
      before: { status: c.status },
      after: { status, reason, via: link ? 'email_link' : 'account', answeredBy: input.answerer.email },
    });
    const key = status === 'accepted' ? 'accepted' : 'declined';
    await notifyOrganisation(tx, deps.config, {
      organisationId: c.requester_id,
      kind: `connection.${key}`,
      title: t(`connections.notification.${key}`, { receiver: c.receiver_name }),
      url: `/mises-en-relation/${c.id}`,
      now,
      subject: t(`connections.mail.${key}_subject`, { receiver: c.receiver_name }),
      text: () =>
        t(`connections.mail.${key}_text`, {
          receiver: c.receiver_name,
          reason: reason ?? '',
          name: input.answerer.name,
          email: input.answerer.email,
          page: `${deps.config.BASE_URL}/mises-en-relation/${c.id}`,
        }),
    });
    let invitationUrl: string | null = null;
    if (link) {
      const member = await tx.maybeOne(sql`SELECT 1 AS x FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE u.email = ${link.email} AND m.organisation_id = ${c.receiver_id}`);
      if (!member) {
        const user = await tx.maybeOne<{ id: string }>(sql`SELECT id FROM users WHERE email = ${link.email}`);
        const inv = await issueEmailToken(tx, {
          purpose: 'invitation',
          email: link.email,
          userId: user?.id ?? null,
          organisationId: c.receiver_id,
          role: 'member',
          createdBy: null,
          ttlMs: INVITATION_TTL_MS,
          now,
        });
        invitationUrl = `/invitation/${inv.token}`;
        await audit(tx, ctx, {
          action: 'membership.invite',
          entityType: 'invitation',
          entityId: inv.id,
          organisationId: c.receiver_id,
          after: { email: link.email, role: 'member', from: 'connection_answer', connectionId: c.id },
        });
      }
    }
    return { status, invitationUrl, connection: { ...c, status } };
  });
}

export const linkGone = () =>
  new AppError(
    'gone',
    'Ce lien de réponse n’est plus valable : il a déjà servi ou il a expiré. Connectez-vous à Passerelle pour voir la demande.',
  );
