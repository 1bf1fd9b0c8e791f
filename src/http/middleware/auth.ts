import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { translator } from '../../i18n/i18n.js';
import { hmac, randomToken, safeEqual } from '../../lib/crypto.js';
import { actorFromApiToken } from '../../modules/auth/api-tokens.js';
import { resumeSession, SESSION_COOKIE } from '../../modules/auth/sessions.js';
import type { AppEnv } from '../context.js';
import { AppError } from '../errors.js';

export const CSRF_COOKIE = 'passerelle_csrf';

export function isHttps(baseUrl: string) {
  return baseUrl.startsWith('https://');
}

/**
 * Identifies the caller: a personal API token (`Authorization: Bearer`, API only) or the
 * session cookie. Sets the actor, the session and the CSRF token forms must carry.
 */
export function identify(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, config, now } = c.get('deps');
    const authz = c.req.header('authorization');
    if (authz && c.req.path.startsWith('/api/')) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      const actor = m ? await actorFromApiToken(db, m[1], now()) : null;
      if (!actor) throw new AppError('unauthenticated', c.get('t')('errors.bad_token'));
      c.set('actor', actor);
      c.set('csrfToken', '');
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const resumed = await resumeSession(
        db,
        token,
        { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
        now(),
      );
      if (resumed) {
        c.set('actor', resumed.actor);
        c.set('session', resumed.session);
        c.set('csrfToken', resumed.session.csrfToken);
        // A signed-in user's own language wins over the default, unless the page asked.
        if (!c.req.query('lang') && !getCookie(c, 'lang') && resumed.actor.kind === 'user') {
          c.set('locale', resumed.actor.user.locale);
          c.set('t', translator(resumed.actor.user.locale));
        }
        return next();
      }
    }
    // Anonymous visitor: the form token is bound to a random cookie (double submit, signed).
    let anon = getCookie(c, CSRF_COOKIE);
    if (!anon || !/^[\w-]{20,64}$/.test(anon)) {
      anon = randomToken(18);
      setCookie(c, CSRF_COOKIE, anon, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(config.BASE_URL),
        path: '/',
      });
    }
    c.set('csrfToken', hmac(config.SESSION_SECRET, `csrf:${anon}`));
    return next();
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF protection for every state-changing request that relies on cookies: the Origin,
 * when sent, must be ours, and the form field `_csrf` (or header `X-CSRF-Token`) must
 * match the token of the session (or of the anonymous visitor's cookie). Requests
 * authenticated by an API token carry no ambient credential and are exempt.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const actor = c.get('actor');
    if (actor.kind === 'user' && actor.via === 'token') return next();
    // RFC 8058 one-click unsubscribe: mail clients POST without cookies or form token; the
    // signed token in the path is the only credential and the action is harmless to replay.
    if (c.req.method === 'POST' && /^\/(lettres\/)?desabonnement\/[^/]+$/.test(c.req.path)) return next();
    const hasCookies = !!c.req.header('cookie');
    const contentType = c.req.header('content-type') ?? '';
    const isForm =
      contentType.startsWith('application/x-www-form-urlencoded') ||
      contentType.startsWith('multipart/form-data');
    if (!hasCookies && !isForm) return next(); // no ambient authority to abuse
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      const own = new URL(c.get('deps').config.BASE_URL).origin;
      const host = c.req.header('host');
      const sameHost = host && (origin === `http://${host}` || origin === `https://${host}`);
      if (origin !== own && !sameHost) throw new AppError('csrf');
    }
    let sent = c.req.header('x-csrf-token') ?? '';
    if (!sent && isForm) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : '';
    }
    const expected = c.get('csrfToken');
    if (!expected || !sent || !safeEqual(sent, expected)) throw new AppError('csrf');
    return next();
  };
}
