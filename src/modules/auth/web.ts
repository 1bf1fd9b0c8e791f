import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/context.js';
import type { FieldErrors } from '../../http/errors.js';
import { isHttps } from '../../http/middleware/auth.js';
import type { Translate } from '../../i18n/i18n.js';
import { checkPassword } from './domain/password-policy.js';
import { SESSION_COOKIE } from './sessions.js';

/**
 * The caller's IP address. From the socket, unless the socket's peer is one of the
 * TRUSTED_PROXIES: then from X-Forwarded-For, read from the right, skipping trusted proxies
 * (the left-most entries are written by the client and can be forged). Without the setting
 * every visitor behind a proxy shares the proxy's address. Absent (tests through
 * app.request, other runtimes) → null.
 */
export function clientIp(c: Context<AppEnv>): string | null {
  let peer: string | null;
  try {
    peer = getConnInfo(c).remote.address ?? null;
  } catch {
    peer = null;
  }
  return clientAddress(peer, c.req.header('x-forwarded-for') ?? null, c.get('deps').config.TRUSTED_PROXIES);
}

const normalise = (ip: string) => ip.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** Pure part of `clientIp`: the client address given the socket peer, the header and the trusted proxies. */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | null,
  trusted: string[],
): string | null {
  if (!peer) return null;
  const trust = new Set(trusted.map(normalise));
  if (!trust.has(normalise(peer)) || !forwardedFor) return normalise(peer);
  const hops = forwardedFor
    .split(',')
    .map(normalise)
    .filter((x) => isIP(x) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!trust.has(hops[i])) return hops[i];
  return normalise(peer);
}

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the site is served over https. */
export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c.get('deps').config.BASE_URL),
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c.get('deps').config.BASE_URL) });
}

/** Pages holding a secret link or a token: never cached. */
export function noStore(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
}

export const isUuid = (s: string | undefined): s is string =>
  !!s && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Checks a new password and its confirmation against the policy; errors by field. */
export function newPasswordErrors(
  t: Translate,
  values: Record<string, unknown>,
  email: string,
): { errors: FieldErrors; password: string } {
  const password = str(values.password);
  const confirm = str(values.confirm);
  const errors: FieldErrors = {};
  if (!password) errors.password = t('auth.password.required');
  else {
    const issues = checkPassword(password, { email });
    if (issues.length) errors.password = t(`auth.password.${issues[0]}`);
    else if (password !== confirm) errors.confirm = t('auth.password.mismatch');
  }
  return { errors, password };
}
