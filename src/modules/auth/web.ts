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
 * The caller's IP address from the socket. Behind a reverse proxy every request shares
 * the proxy's address, which makes the per-IP limit stricter, never looser. Absent (tests
 * through app.request, other runtimes) → null, and limits key on the e-mail instead.
 */
export function clientIp(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
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
