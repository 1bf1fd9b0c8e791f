import { type AuditContext, audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { AppError, conflict, invalid, notFound } from '../../http/errors.js';
import { formatDateTime, type Locale, translator } from '../../i18n/i18n.js';
import { queueMail } from '../../mail/mail.js';
import type { Actor, MembershipRole } from '../../policy/actor.js';
import { INVITATION_TTL_MS, issueEmailToken, markEmailTokenUsed, usableEmailToken } from './email-tokens.js';
import { hashPassword } from './password.js';
import { createSession, loadActor } from './sessions.js';

export interface MemberRow {
  user_id: string;
  name: string;
  email: string;
  role: MembershipRole;
  created_at: Date;
}

export async function organisationName(db: Queryable, orgId: string): Promise<string> {
  const org = await db.maybeOne<{ name: string }>(sql`SELECT name FROM organisations WHERE id = ${orgId}`);
  if (!org) throw notFound('Organisation introuvable.');
  return org.name;
}

export function listMembers(db: Queryable, orgId: string): Promise<MemberRow[]> {
  return db.many<MemberRow>(sql`SELECT m.user_id, u.name, u.email, m.role, m.created_at
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organisation_id = ${orgId} ORDER BY m.role, u.name`);
}

export function listPendingInvitations(db: Queryable, orgId: string, now: Date) {
  return db.many<{
    id: string;
    email: string;
    role: MembershipRole;
    expires_at: Date;
    invited_by: string | null;
  }>(sql`
    SELECT t.id, t.email, t.role, t.expires_at, u.name AS invited_by
    FROM email_tokens t LEFT JOIN users u ON u.id = t.created_by
    WHERE t.purpose = 'invitation' AND t.organisation_id = ${orgId} AND t.used_at IS NULL AND t.expires_at > ${now}
    ORDER BY t.created_at DESC`);
}

/** Invites a colleague by e-mail (a single-use link valid 7 days). Refused if already a member. */
export async function inviteColleague(
  deps: Deps,
  ctx: AuditContext & { actor: Actor },
  input: { organisationId: string; email: string; role: MembershipRole },
): Promise<{ invitationId: string; token: string }> {
  const now = deps.now();
  const inviter = ctx.actor.kind === 'user' ? ctx.actor.user : null;
  return deps.db.transaction(async (tx) => {
    const orgName = await organisationName(tx, input.organisationId);
    const existing = await tx.maybeOne<{ id: string; locale: Locale; member: boolean }>(sql`
      SELECT u.id, u.locale, EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organisation_id = ${input.organisationId}) AS member
      FROM users u WHERE u.email = ${input.email}`);
    if (existing?.member) {
      throw invalid({ email: 'Cette personne est déjà membre de l’organisation.' });
    }
    const { id, token } = await issueEmailToken(tx, {
      purpose: 'invitation',
      email: input.email,
      userId: existing?.id ?? null,
      organisationId: input.organisationId,
      role: input.role,
      createdBy: inviter?.id ?? null,
      ttlMs: INVITATION_TTL_MS,
      now,
    });
    const locale = existing?.locale ?? 'fr';
    const t = translator(locale);
    const link = `${deps.config.BASE_URL}/invitation/${token}`;
    await queueMail(tx, deps.config, {
      to: input.email,
      subject: t('auth.mail.invitation_subject', { organisation: orgName }),
      text: t('auth.mail.invitation_text', {
        inviter: inviter ? inviter.name : 'Passerelle',
        organisation: orgName,
        role: t(`auth.role.${input.role}`),
        link,
        expires: formatDateTime(new Date(now.getTime() + INVITATION_TTL_MS), locale),
      }),
      category: 'transactional',
    });
    await audit(tx, ctx, {
      action: 'membership.invite',
      entityType: 'invitation',
      entityId: id,
      organisationId: input.organisationId,
      after: { email: input.email, role: input.role },
    });
    return { invitationId: id, token };
  });
}

/** Locks the organisation's admin rows and says how many there are (the last one must stay). */
async function lockedAdminCount(tx: Queryable, orgId: string): Promise<number> {
  const rows = await tx.many(
    sql`SELECT user_id FROM memberships WHERE organisation_id = ${orgId} AND role = 'admin' FOR UPDATE`,
  );
  return rows.length;
}

export async function changeMemberRole(
  deps: Deps,
  ctx: AuditContext,
  input: { organisationId: string; userId: string; role: MembershipRole },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const admins = await lockedAdminCount(tx, input.organisationId);
    const m = await tx.maybeOne<{ role: MembershipRole }>(
      sql`SELECT role FROM memberships WHERE organisation_id = ${input.organisationId} AND user_id = ${input.userId} FOR UPDATE`,
    );
    if (!m) throw notFound('Cette personne n’est pas membre de l’organisation.');
    if (m.role === input.role) return;
    if (m.role === 'admin' && admins <= 1) {
      throw conflict('L’organisation doit garder au moins un administrateur : nommez-en un autre avant.');
    }
    await tx.run(sql`UPDATE memberships SET role = ${input.role}
      WHERE organisation_id = ${input.organisationId} AND user_id = ${input.userId}`);
    await audit(tx, ctx, {
      action: 'membership.role_change',
      entityType: 'membership',
      entityId: `${input.organisationId}:${input.userId}`,
      organisationId: input.organisationId,
      before: { userId: input.userId, role: m.role },
      after: { userId: input.userId, role: input.role },
    });
  });
}

export async function removeMember(
  deps: Deps,
  ctx: AuditContext,
  input: { organisationId: string; userId: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const admins = await lockedAdminCount(tx, input.organisationId);
    const m = await tx.maybeOne<{ role: MembershipRole }>(
      sql`SELECT role FROM memberships WHERE organisation_id = ${input.organisationId} AND user_id = ${input.userId} FOR UPDATE`,
    );
    if (!m) throw notFound('Cette personne n’est pas membre de l’organisation.');
    if (m.role === 'admin' && admins <= 1) {
      throw conflict('Impossible de retirer le dernier administrateur de l’organisation.');
    }
    await tx.run(
      sql`DELETE FROM memberships WHERE organisation_id = ${input.organisationId} AND user_id = ${input.userId}`,
    );
    await audit(tx, ctx, {
      action: 'membership.remove',
      entityType: 'membership',
      entityId: `${input.organisationId}:${input.userId}`,
      organisationId: input.organisationId,
      before: { userId: input.userId, role: m.role },
    });
  });
}

export interface InvitationView {
  id: string;
  email: string;
  role: MembershipRole;
  organisationId: string;
  organisationName: string;
  inviterName: string | null;
  expiresAt: Date;
  /** An account already exists for the invited address. */
  accountExists: boolean;
}

export async function findInvitation(
  db: Queryable,
  token: string,
  now: Date,
): Promise<InvitationView | null> {
  const row = await usableEmailToken(db, 'invitation', token, now);
  if (!row?.organisation_id || !row.role) return null;
  const extra = await db.one<{ org: string; inviter: string | null; account: boolean }>(sql`
    SELECT (SELECT name FROM organisations WHERE id = ${row.organisation_id}) AS org,
           (SELECT name FROM users WHERE id = ${row.created_by}) AS inviter,
           EXISTS (SELECT 1 FROM users WHERE email = ${row.email}) AS account`);
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: extra.org,
    inviterName: extra.inviter,
    expiresAt: new Date(row.expires_at),
    accountExists: extra.account,
  };
}

/** Joins the organisation with the invitation's role (kept if already admin there). */
async function join(tx: Queryable, userId: string, orgId: string, role: MembershipRole) {
  await tx.run(sql`INSERT INTO memberships (user_id, organisation_id, role) VALUES (${userId}, ${orgId}, ${role})
    ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = CASE WHEN memberships.role = 'admin' THEN 'admin' ELSE excluded.role END`);
}

/**
 * A new person accepts: the account is created with the invited address (the link
 * proves it), joins the organisation, and is signed in.
 */
export async function acceptInvitationAsNewUser(
  deps: Deps,
  input: { token: string; name: string; password: string; userAgent?: string | null; requestId?: string },
): Promise<{ userId: string; organisationId: string; sessionToken: string }> {
  const now = deps.now();
  const hash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const inv = await usableEmailToken(tx, 'invitation', input.token, now, { forUpdate: true });
    if (!inv?.organisation_id || !inv.role) throw new AppError('gone');
    const taken = await tx.maybeOne(sql`SELECT 1 FROM users WHERE email = ${inv.email}`);
    if (taken)
      throw conflict('Un compte existe déjà pour cette adresse : connectez-vous pour accepter l’invitation.');
    const user = await tx.one<{
      id: string;
    }>(sql`INSERT INTO users (email, name, password_hash, last_login_at, created_at, updated_at)
      VALUES (${inv.email}, ${input.name}, ${hash}, ${now}, ${now}, ${now}) RETURNING id`);
    await join(tx, user.id, inv.organisation_id, inv.role);
    await markEmailTokenUsed(tx, inv.id, now);
    const actor = await loadActor(tx, user.id, 'session');
    const ctx = { actor: actor!, requestId: input.requestId };
    await audit(tx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { email: inv.email, name: input.name, via: 'invitation' },
    });
    await audit(tx, ctx, {
      action: 'membership.accept_invitation',
      entityType: 'membership',
      entityId: `${inv.organisation_id}:${user.id}`,
      organisationId: inv.organisation_id,
      after: { userId: user.id, role: inv.role, invitationId: inv.id },
    });
    const s = await createSession(
      tx,
      user.id,
      { idleMinutes: deps.config.SESSION_IDLE_MINUTES, absoluteHours: deps.config.SESSION_ABSOLUTE_HOURS },
      now,
      { userAgent: input.userAgent ?? null, data: { method: 'invitation' } },
    );
    return { userId: user.id, organisationId: inv.organisation_id, sessionToken: s.token };
  });
}

/** A signed-in person whose address is the invited one accepts: the account joins the organisation. */
export async function acceptInvitationAsExistingUser(
  deps: Deps,
  ctx: AuditContext & { actor: Actor },
  token: string,
): Promise<{ organisationId: string }> {
  const now = deps.now();
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated');
  const me = ctx.actor.user;
  return deps.db.transaction(async (tx) => {
    const inv = await usableEmailToken(tx, 'invitation', token, now, { forUpdate: true });
    if (!inv?.organisation_id || !inv.role) throw new AppError('gone');
    if (inv.email !== me.email) {
      throw conflict(
        `Cette invitation a été envoyée à ${inv.email} : déconnectez-vous et connectez-vous avec ce compte pour l’accepter.`,
      );
    }
    await join(tx, me.id, inv.organisation_id, inv.role);
    await markEmailTokenUsed(tx, inv.id, now);
    await audit(tx, ctx, {
      action: 'membership.accept_invitation',
      entityType: 'membership',
      entityId: `${inv.organisation_id}:${me.id}`,
      organisationId: inv.organisation_id,
      after: { userId: me.id, role: inv.role, invitationId: inv.id },
    });
    return { organisationId: inv.organisation_id };
  });
}
