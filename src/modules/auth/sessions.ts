import type { Db, Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { SessionInfo } from '../../http/context.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import type { Actor, Membership } from '../../policy/actor.js';

export const SESSION_COOKIE = 'passerelle_session';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

/** Opens a new session (a new id at every sign-in); returns the cookie value. */
export async function createSession(
  db: Queryable,
  userId: string,
  timeouts: SessionTimeouts,
  now: Date,
  extra: { userAgent?: string | null; data?: Record<string, unknown> } = {},
): Promise<{ token: string; idHash: string; csrfToken: string }> {
  const token = randomToken(32);
  const idHash = sha256(token);
  const csrfToken = randomToken(24);
  const absolute = new Date(now.getTime() + timeouts.absoluteHours * 3600_000);
  await db.run(sql`INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, absolute_expires_at, user_agent, data)
    VALUES (${idHash}, ${userId}, ${csrfToken}, ${now}, ${now}, ${absolute}, ${extra.userAgent?.slice(0, 300) ?? null}, ${JSON.stringify(extra.data ?? {})})`);
  return { token, idHash, csrfToken };
}

export async function destroySession(db: Queryable, idHash: string): Promise<void> {
  await db.run(sql`DELETE FROM sessions WHERE id_hash = ${idHash}`);
}

/** "Se déconnecter partout": ends every session of the user. */
export async function destroyAllSessions(db: Queryable, userId: string): Promise<number> {
  return db.run(sql`DELETE FROM sessions WHERE user_id = ${userId}`);
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  global_role: 'network_admin' | 'platform_admin' | null;
  network: 'unml' | 'cuf' | null;
  locale: 'fr' | 'en';
  disabled_at: string | null;
}

/** The actor for a user id (memberships included), or null if the account is disabled or gone. */
export async function loadActor(
  db: Queryable,
  userId: string,
  via: 'session' | 'token',
  tokenScope: 'read' | 'write' | null = null,
): Promise<Actor | null> {
  const u = await db.maybeOne<UserRow>(
    sql`SELECT id, email, name, global_role, network, locale, disabled_at FROM users WHERE id = ${userId}`,
  );
  if (!u || u.disabled_at) return null;
  const memberships = await db.many<{
    organisation_id: string;
    name: string;
    kind: Membership['organisationKind'];
    role: Membership['role'];
  }>(
    sql`SELECT m.organisation_id, o.name, o.kind, m.role FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = ${userId} ORDER BY o.name`,
  );
  return {
    kind: 'user',
    user: {
      id: u.id,
      email: u.email,
      name: u.name,
      globalRole: u.global_role,
      network: u.network,
      locale: u.locale,
    },
    memberships: memberships.map((m) => ({
      organisationId: m.organisation_id,
      organisationName: m.name,
      organisationKind: m.kind,
      role: m.role,
    })),
    via,
    tokenScope,
  };
}

/**
 * Reads the session behind a cookie value, enforcing idle and absolute timeouts.
 * Touches last_seen_at at most once a minute.
 */
export async function resumeSession(
  db: Db,
  token: string,
  timeouts: SessionTimeouts,
  now: Date,
): Promise<{ actor: Actor; session: SessionInfo } | null> {
  const idHash = sha256(token);
  const s = await db.maybeOne<{
    user_id: string;
    csrf_token: string;
    last_seen_at: Date;
    absolute_expires_at: Date;
    data: Record<string, unknown>;
  }>(
    sql`SELECT user_id, csrf_token, last_seen_at, absolute_expires_at, data FROM sessions WHERE id_hash = ${idHash}`,
  );
  if (!s) return null;
  const idleLimit = new Date(s.last_seen_at).getTime() + timeouts.idleMinutes * 60_000;
  if (now.getTime() > idleLimit || now.getTime() > new Date(s.absolute_expires_at).getTime()) {
    await destroySession(db, idHash);
    return null;
  }
  const actor = await loadActor(db, s.user_id, 'session');
  if (!actor) {
    await destroySession(db, idHash);
    return null;
  }
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
    await db.run(sql`UPDATE sessions SET last_seen_at = ${now} WHERE id_hash = ${idHash}`);
  }
  return { actor, session: { idHash, csrfToken: s.csrf_token, data: s.data ?? {} } };
}
