import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import type { MembershipRole } from '../../policy/actor.js';

export type EmailTokenPurpose = 'password_reset' | 'invitation' | 'email_sign_in';

export const RESET_TOKEN_TTL_MS = 3600_000; // 1 hour
export const INVITATION_TTL_MS = 7 * 24 * 3600_000; // 7 days

export interface EmailTokenRow {
  id: string;
  purpose: EmailTokenPurpose;
  email: string;
  user_id: string | null;
  organisation_id: string | null;
  role: MembershipRole | null;
  created_by: string | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
}

/** A single-use link token: the value goes in the e-mail, only its SHA-256 is stored. */
export async function issueEmailToken(
  tx: Queryable,
  t: {
    purpose: EmailTokenPurpose;
    email: string;
    userId?: string | null;
    organisationId?: string | null;
    role?: MembershipRole | null;
    createdBy?: string | null;
    ttlMs: number;
    now: Date;
  },
): Promise<{ id: string; token: string }> {
  const token = randomToken(32);
  const row = await tx.one<{ id: string }>(sql`
    INSERT INTO email_tokens (purpose, token_hash, email, user_id, organisation_id, role, created_by, expires_at, created_at)
    VALUES (${t.purpose}, ${sha256(token)}, ${t.email}, ${t.userId ?? null}, ${t.organisationId ?? null}, ${t.role ?? null},
            ${t.createdBy ?? null}, ${new Date(t.now.getTime() + t.ttlMs)}, ${t.now})
    RETURNING id`);
  return { id: row.id, token };
}

/**
 * The token row if the link is still good: right purpose, never used, not expired.
 * `forUpdate` locks the row so two submissions of the same link cannot both use it.
 */
export async function usableEmailToken(
  db: Queryable,
  purpose: EmailTokenPurpose,
  token: string,
  now: Date,
  opts: { forUpdate?: boolean } = {},
): Promise<EmailTokenRow | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const row = await db.maybeOne<EmailTokenRow>(sql`
    SELECT id, purpose, email, user_id, organisation_id, role, created_by, expires_at, used_at, created_at
    FROM email_tokens WHERE token_hash = ${sha256(token)} AND purpose = ${purpose}
    ${opts.forUpdate ? sql`FOR UPDATE` : sql.empty}`);
  if (!row || row.used_at || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  return row;
}

export async function markEmailTokenUsed(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.run(sql`UPDATE email_tokens SET used_at = ${now} WHERE id = ${id}`);
}
