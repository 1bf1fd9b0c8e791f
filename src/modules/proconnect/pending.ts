import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/context.js';
import { isHttps } from '../../http/middleware/auth.js';
import type { ProConnectClaims } from './claims.js';

/**
 * A ProConnect sign-in in progress lives in ONE short-lived cookie, sealed with
 * AES-256-GCM under a key derived from SESSION_SECRET (confidential and tamper-proof),
 * HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET, so the cookie
 * comes along), limited to /connexion/proconnect. No table, nothing to clean up; the
 * last sign-in started in a browser wins (ADR 0005).
 *
 * - step "authorize": state, nonce, PKCE verifier, where to go afterwards — from the start
 *   to the callback;
 * - step "organisation": the verified claims and the ID token — from the callback to the
 *   answer to "which organisation do you belong to?", when the SIRET matched none.
 */
export const PENDING_COOKIE = 'passerelle_proconnect';
const COOKIE_PATH = '/connexion/proconnect';

export type Pending =
  | { step: 'authorize'; state: string; nonce: string; verifier: string; next: string; exp: number }
  | { step: 'organisation'; claims: ProConnectClaims; idToken: string; next: string; exp: number };

/** How long each step may take before the user has to start again. */
export const PENDING_TTL_MS = { authorize: 10 * 60_000, organisation: 20 * 60_000 };

const keyOf = (secret: string) => createHash('sha256').update(`proconnect-pending:${secret}`).digest();

export function seal(secret: string, value: Pending): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The pending sign-in, or null when the cookie is absent, forged, or expired. */
export function unseal(secret: string, sealed: string | undefined, now: Date): Pending | null {
  if (!sealed) return null;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const value = JSON.parse(json) as Pending;
    if (typeof value.exp !== 'number' || value.exp < now.getTime()) return null;
    return value;
  } catch {
    return null;
  }
}

export function readPending(c: Context<AppEnv>): Pending | null {
  const { config, now } = c.get('deps');
  return unseal(config.SESSION_SECRET, getCookie(c, PENDING_COOKIE), now());
}

export function writePending(c: Context<AppEnv>, value: Pending) {
  const { config } = c.get('deps');
  setCookie(c, PENDING_COOKIE, seal(config.SESSION_SECRET, value), {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(config.BASE_URL),
    path: COOKIE_PATH,
    maxAge: Math.ceil(Math.max(PENDING_TTL_MS.authorize, PENDING_TTL_MS.organisation) / 1000),
  });
}

export function clearPending(c: Context<AppEnv>) {
  const { config } = c.get('deps');
  deleteCookie(c, PENDING_COOKIE, { path: COOKIE_PATH, secure: isHttps(config.BASE_URL) });
}
