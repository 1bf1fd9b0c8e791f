import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { type Locale, translator } from '../../i18n/i18n.js';
import { ANONYMOUS } from '../../policy/actor.js';
import type { AppEnv, Deps } from '../context.js';

/** Puts the dependencies, a request id, the default actor and the locale on the context. */
export function baseContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('deps', deps);
    c.set('requestId', requestId);
    c.set('actor', ANONYMOUS);
    c.set('session', null);
    const locale = pickLocale(c.req.query('lang'), getCookie(c, 'lang'), c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('t', translator(locale));
    c.header('X-Request-Id', requestId);
    await next();
    // The language switch (`?lang=`) is remembered for anonymous visitors (issue 9 §5); a
    // signed-in user's choice is the account preference (/compte), which the cookie would override.
    const asked = c.req.query('lang');
    if (
      (asked === 'fr' || asked === 'en') &&
      asked !== getCookie(c, 'lang') &&
      c.get('actor').kind === 'anonymous'
    ) {
      setCookie(c, 'lang', asked, {
        path: '/',
        maxAge: 365 * 24 * 3600,
        sameSite: 'Lax',
        httpOnly: true,
        secure: new URL(c.req.url).protocol === 'https:',
      });
    }
  };
}

/** `?lang=` wins, then the cookie the language switch sets; French otherwise. */
export function pickLocale(query?: string, cookie?: string, _acceptLanguage?: string): Locale {
  if (query === 'en' || query === 'fr') return query;
  if (cookie === 'en' || cookie === 'fr') return cookie;
  return 'fr';
}

/**
 * Security headers on every response: a strict CSP with no inline script or style,
 * no framing, no sniffing, a tight referrer policy.
 */
export function securityHeaders(https: boolean, extraFormActions: string[] = []): MiddlewareHandler<AppEnv> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // Extra origins a form may lead to through a redirect (the ProConnect end-session
    // endpoint after POST /deconnexion: browsers apply form-action to redirects).
    ["form-action 'self'", ...extraFormActions].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (https) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
