import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { AppError } from '../errors.js';
import { renderPage } from './Layout.js';

/** French 404, 403, 500… pages; the 500 page carries the request id for support. */
export function ErrorPage(c: Context<AppEnv>, err: AppError, message: string, requestId: string) {
  const t = c.get('t');
  const title =
    t(`errors.title.${err.code}`) === `errors.title.${err.code}`
      ? t('errors.title.default')
      : t(`errors.title.${err.code}`);
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
          <p>
            <a href="/">{t('errors.back_home')}</a>
          </p>
        </div>
      ),
    },
    err.status,
  );
}
