import { type AuditContext, audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { sha256 } from '../../lib/crypto.js';
import { API_TOKEN_PREFIX, newApiTokenValue } from './api-tokens.js';
import { checkPassword, PASSWORD_ISSUE_FR } from './domain/password-policy.js';
import { PASSWORD_CHANGE_LIMIT } from './domain/rate-limit.js';
import { hashPassword, verifyPassword } from './password.js';
import { hitRateLimit } from './rate-limit-store.js';

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scope: 'read' | 'write';
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export function listApiTokens(db: Queryable, userId: string): Promise<ApiTokenRow[]> {
  return db.many<ApiTokenRow>(sql`SELECT id, name, prefix, scope, created_at, last_used_at, revoked_at
    FROM api_tokens WHERE user_id = ${userId} ORDER BY revoked_at IS NOT NULL, created_at DESC`);
}

/** Creates a personal API token; the value is returned once and only its hash is kept. */
export async function createApiToken(
  tx: Queryable,
  ctx: AuditContext,
  input: { userId: string; name: string; scope: 'read' | 'write'; now: Date },
): Promise<{ id: string; token: string }> {
  const token = newApiTokenValue();
  // The first characters help the owner tell tokens apart; they reveal nothing useful.
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  const row = await tx.one<{
    id: string;
  }>(sql`INSERT INTO api_tokens (user_id, name, token_hash, prefix, scope, created_at)
    VALUES (${input.userId}, ${input.name}, ${sha256(token)}, ${prefix}, ${input.scope}, ${input.now}) RETURNING id`);
  await audit(tx, ctx, {
    action: 'api_token.create',
    entityType: 'api_token',
    entityId: row.id,
    after: { userId: input.userId, name: input.name, scope: input.scope, prefix },
  });
  return { id: row.id, token };
}

/** Revokes one of the user's own tokens (another user's token is "not found"). */
export async function revokeApiToken(deps: Deps, ctx: AuditContext, userId: string, tokenId: string) {
  await deps.db.transaction(async (tx) => {
    const n = await tx.run(sql`UPDATE api_tokens SET revoked_at = ${deps.now()}
      WHERE id = ${tokenId} AND user_id = ${userId} AND revoked_at IS NULL`);
    if (n === 0) throw notFound('Jeton introuvable ou déjà révoqué.');
    await audit(tx, ctx, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}

/** Changes the name and/or language of one's own account. */
export async function updateProfile(
  deps: Deps,
  ctx: AuditContext,
  userId: string,
  changes: { name?: string; locale?: 'fr' | 'en' },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await tx.one<{ name: string; locale: string }>(
      sql`SELECT name, locale FROM users WHERE id = ${userId} FOR UPDATE`,
    );
    const after = { name: changes.name ?? before.name, locale: changes.locale ?? before.locale };
    if (after.name === before.name && after.locale === before.locale) return;
    await tx.run(sql`UPDATE users SET name = ${after.name}, locale = ${after.locale}, updated_at = ${deps.now()}
      WHERE id = ${userId}`);
    await audit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: userId, before, after });
  });
}

export class UserCreationError extends Error {}

/** Creates an account from the command line (the password policy applies). */
export async function createUser(
  deps: Deps,
  input: { email: string; name: string; password: string; platformAdmin: boolean },
): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new UserCreationError(`Adresse e-mail invalide : ${input.email}`);
  const name = input.name.trim();
  if (!name) throw new UserCreationError('Indiquez un nom (--name).');
  const issues = checkPassword(input.password, { email });
  if (issues.length) throw new UserCreationError(`Mot de passe refusé : ${PASSWORD_ISSUE_FR[issues[0]]}`);
  const hash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const dup = await tx.maybeOne(sql`SELECT 1 FROM users WHERE email = ${email}`);
    if (dup) throw new UserCreationError(`Un compte existe déjà pour ${email}.`);
    const row = await tx.one<{ id: string }>(sql`INSERT INTO users (email, name, password_hash, global_role)
      VALUES (${email}, ${name}, ${hash}, ${input.platformAdmin ? 'platform_admin' : null}) RETURNING id`);
    await audit(
      tx,
      { actor: { kind: 'system', label: 'ligne de commande' } },
      {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        after: { email, name, globalRole: input.platformAdmin ? 'platform_admin' : null, via: 'cli' },
      },
    );
    return row;
  });
}

/**
 * Changes one's password while signed in: the current password is required (at most 5
 * tries per 15 minutes), the new one follows the policy (checked by the caller), and every
 * other session of the account ends — the one making the change stays open.
 */
export async function changePassword(
  deps: Deps,
  ctx: AuditContext,
  input: { userId: string; current: string; password: string; keepSessionIdHash: string | null },
): Promise<
  { ok: true } | { ok: false; reason: 'wrong_current' } | { ok: false; reason: 'rate_limited'; retryAt: Date }
> {
  const now = deps.now();
  const limit = await hitRateLimit(
    deps.db,
    PASSWORD_CHANGE_LIMIT,
    `password_change:user:${input.userId}`,
    now,
  );
  if (!limit.allowed) return { ok: false, reason: 'rate_limited', retryAt: limit.retryAt };
  const row = await deps.db.one<{ password_hash: string | null }>(
    sql`SELECT password_hash FROM users WHERE id = ${input.userId}`,
  );
  if (!(await verifyPassword(input.current, row.password_hash)))
    return { ok: false, reason: 'wrong_current' };
  const hash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    await tx.run(
      sql`UPDATE users SET password_hash = ${hash}, updated_at = ${now} WHERE id = ${input.userId}`,
    );
    const ended = await tx.run(sql`DELETE FROM sessions WHERE user_id = ${input.userId}
      AND id_hash IS DISTINCT FROM ${input.keepSessionIdHash}`);
    await audit(tx, ctx, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: input.userId,
      after: { otherSessionsEnded: ended },
    });
  });
  return { ok: true };
}
