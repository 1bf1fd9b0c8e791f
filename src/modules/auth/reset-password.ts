import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { type Locale, translator } from '../../i18n/i18n.js';
import { queueMail } from '../../mail/mail.js';
import { RESET_LIMIT, rateLimitKey } from './domain/rate-limit.js';
import { issueEmailToken, markEmailTokenUsed, RESET_TOKEN_TTL_MS, usableEmailToken } from './email-tokens.js';
import { hashPassword } from './password.js';
import { hitRateLimit } from './rate-limit-store.js';
import { destroyAllSessions, loadActor } from './sessions.js';

/**
 * "Mot de passe oublié": when the address belongs to an active account, e-mails a
 * single-use link valid one hour. The caller answers the same whether or not it does.
 */
export async function requestPasswordReset(
  deps: Deps,
  input: { email: string; ip: string | null; requestId?: string },
): Promise<{ ok: true } | { ok: false; retryAt: Date }> {
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  const limit = await hitRateLimit(
    deps.db,
    RESET_LIMIT,
    rateLimitKey(RESET_LIMIT, { ip: input.ip, email }),
    now,
  );
  if (!limit.allowed) return { ok: false, retryAt: limit.retryAt };
  await deps.db.transaction(async (tx) => {
    const user = await tx.maybeOne<{ id: string; name: string; locale: Locale }>(
      sql`SELECT id, name, locale FROM users WHERE email = ${email} AND disabled_at IS NULL`,
    );
    if (!user) return;
    const { token } = await issueEmailToken(tx, {
      purpose: 'password_reset',
      email,
      userId: user.id,
      ttlMs: RESET_TOKEN_TTL_MS,
      now,
    });
    const t = translator(user.locale);
    const link = `${deps.config.BASE_URL}/reinitialiser-mot-de-passe/${token}`;
    await queueMail(tx, deps.config, {
      to: email,
      subject: t('auth.mail.reset_subject'),
      text: t('auth.mail.reset_text', { name: user.name, link }),
      category: 'transactional',
    });
    await audit(
      tx,
      { actor: { kind: 'system', label: 'mot de passe oublié' }, requestId: input.requestId },
      {
        action: 'user.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
      },
    );
  });
  return { ok: true };
}

/**
 * Sets the new password from a reset link: the link is used once; the lockout is
 * cleared; every session of the account ends (whoever held one must sign in again).
 * The password must already satisfy the policy (checked by the caller with the e-mail).
 */
export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string; requestId?: string },
): Promise<{ ok: true; userId: string } | { ok: false }> {
  const now = deps.now();
  const hash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const row = await usableEmailToken(tx, 'password_reset', input.token, now, { forUpdate: true });
    if (!row?.user_id) return { ok: false as const };
    // A new password lifts every sign-in lock of the account (per address and account-wide).
    await tx.run(sql`DELETE FROM rate_limits WHERE key LIKE ${`sign_in_failed_account:${row.user_id}:%`}`);
    await tx.run(sql`UPDATE users SET password_hash = ${hash}, failed_logins = 0, locked_until = NULL, updated_at = ${now}
      WHERE id = ${row.user_id}`);
    await markEmailTokenUsed(tx, row.id, now);
    // Other reset links still pending for this account are void too.
    await tx.run(sql`UPDATE email_tokens SET used_at = ${now}
      WHERE user_id = ${row.user_id} AND purpose = 'password_reset' AND used_at IS NULL`);
    const ended = await destroyAllSessions(tx, row.user_id);
    const actor = await loadActor(tx, row.user_id, 'session');
    await audit(
      tx,
      { actor: actor ?? { kind: 'system', label: 'réinitialisation' }, requestId: input.requestId },
      {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: row.user_id,
        after: { sessionsEnded: ended },
      },
    );
    return { ok: true as const, userId: row.user_id };
  });
}
