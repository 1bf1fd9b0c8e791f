import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { AppError } from '../errors.js';
import { renderPage } from './Layout.js';

/**
 * Where a refused action leads back to: the page the person came from when the browser
 * says so and it is one of ours (same origin, a path — never another site), otherwise, for
 * a refused form, the resource the action was about (its path minus the action segment).
 */
export function backLink(c: Context<AppEnv>): { href: string; kind: 'previous' | 'resource' } | null {
  const here = new URL(c.req.url);
  const referer = c.req.header('referer');
  if (referer) {
    try {
      const from = new URL(referer, here);
      const ours = c.get('deps')?.config.BASE_URL;
      const sameOrigin = from.origin === here.origin || (ours && from.origin === new URL(ours).origin);
      const href = from.pathname + from.search;
      if (
        sameOrigin &&
        href.startsWith('/') &&
        !href.startsWith('//') &&
        href !== here.pathname + here.search
      )
        return { href, kind: 'previous' };
    } catch {
      // not a URL: ignored
    }
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const parent = here.pathname.replace(/\/[^/]*\/?$/, '');
    if (parent && parent !== here.pathname && !parent.startsWith('/api/'))
      return { href: parent, kind: 'resource' };
  }
  return null;
}

/** French 404, 403, 500… pages; the 500 page carries the request id for support; every one offers a way back. */
export function ErrorPage(c: Context<AppEnv>, err: AppError, message: string, requestId: string) {
  const t = c.get('t');
  const title =
    t(`errors.title.${err.code}`) === `errors.title.${err.code}`
      ? t('errors.title.default')
      : t(`errors.title.${err.code}`);
  const back = backLink(c);
  return renderPage(
    c,
    {
      title,
      bilingual: true,
      children: (
        <div class="error-page">
          <p class="error-status">{t('errors.status', { status: err.status })}</p>
          <h1>{title}</h1>
          <p class="lead">{message}</p>
          {err.fields && (
            <ul>
              {Object.entries(err.fields).map(([f, m]) => (
                <li>
                  <strong>{f}</strong> : {m}
                </li>
              ))}
            </ul>
          )}
          {err.code === 'internal' && (
            <p>
              {t('errors.request_id')} <code>{requestId}</code>
            </p>
          )}
          <p class="button-group">
            {back && (
              <a class="button" href={back.href}>
                {t(back.kind === 'previous' ? 'errors.back_previous' : 'errors.back_resource')}
              </a>
            )}
            <a class={back ? 'button button-secondary' : 'button'} href="/">
              {t('errors.back_home')}
            </a>
          </p>
        </div>
      ),
    },
    err.status,
  );
}
