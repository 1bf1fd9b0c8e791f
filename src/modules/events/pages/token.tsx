import { Alert, CsrfField, PageHeader } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { type C, crumbs } from './shared.js';

/** The page behind a mail link: a button to confirm (a GET never changes anything), or why it is gone. */
export function tokenPage(
  c: C,
  p: { kind: 'confirm' | 'unregister'; state: 'ask' | 'gone'; action: string; eventTitle?: string },
  status = 200,
) {
  const t = c.get('t');
  const title = p.kind === 'confirm' ? t('events.confirm.title') : t('events.unregister.title');
  return renderPage(
    c,
    {
      title,
      section: 'events',
      breadcrumbs: [...crumbs(c), { label: title }],
      children: (
        <>
          <PageHeader title={title} lead={p.eventTitle} />
          {p.state === 'gone' ? (
            <Alert kind="warning">{t('events.unregister.gone')}</Alert>
          ) : (
            <form method="post" action={p.action}>
              <CsrfField c={c} />
              <p>{p.kind === 'confirm' ? t('events.confirm.lead') : t('events.unregister.lead')}</p>
              <button type="submit" class="button">
                {p.kind === 'confirm' ? t('events.confirm.submit') : t('events.unregister.submit')}
              </button>
            </form>
          )}
          <p>
            <a href="/evenements">{t('events.list.title')}</a>
          </p>
        </>
      ),
    },
    status,
  );
}
