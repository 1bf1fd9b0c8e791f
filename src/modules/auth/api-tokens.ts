import type { Db } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import type { Actor } from '../../policy/actor.js';
import { loadActor } from './sessions.js';

/** Personal API tokens look like `psl_<43 chars>`; the prefix helps secret scanners. */
export const API_TOKEN_PREFIX = 'psl_';

export function newApiTokenValue(): string {
  return `${API_TOKEN_PREFIX}${randomToken(32)}`;
}

/** The actor behind `Authorization: Bearer …`, or null. Records the last-used date. */
export async function actorFromApiToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db.maybeOne<{
    id: string;
    user_id: string;
    scope: 'read' | 'write';
    last_used_at: Date | null;
  }>(
    sql`SELECT id, user_id, scope, last_used_at FROM api_tokens WHERE token_hash = ${sha256(token)} AND revoked_at IS NULL`,
  );
  if (!row) return null;
  const actor = await loadActor(db, row.user_id, 'token', row.scope);
  if (!actor) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.run(sql`UPDATE api_tokens SET last_used_at = ${now} WHERE id = ${row.id}`);
  }
  return actor;
}
