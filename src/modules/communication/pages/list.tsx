import { Alert, PageHeader, Tag } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { formatDate } from '../../../i18n/i18n.js';
import type { NewsSummary } from '../store.js';
import type { C } from './shared.js';

export function newsListPage(c: C, p: { items: NewsSummary[]; drafts: NewsSummary[] | null }) {
  const t = c.get('t');
  const locale = c.get('locale');
  return renderPage(c, {
    title: t('news.list.title'),
    section: 'news',
    children: (
      <>
        <PageHeader title={t('news.list.title')} lead={t('news.list.lead')} />
        <p>
          {t('news.feeds')} <a href="/actualites/rss.xml">RSS</a> · <a href="/actualites/atom.xml">Atom</a> ·{' '}
          <a href="/lettres">{t('newsletter.title')}</a>
        </p>
        {p.drafts && (
          <section aria-labelledby="brouillons" class="card">
            <h2 id="brouillons">{t('news.drafts.title')}</h2>
            <p>
              <a class="button" href="/actualites/redaction">
                {t('news.new')}
              </a>
            </p>
            {p.drafts.length === 0 ? (
              <p>{t('news.drafts.empty')}</p>
            ) : (
              <ul>
                {p.drafts.map((d) => (
                  <li>
                    <a href={`/actualites/${d.id}/relecture`}>{d.title}</a> —{' '}
                    {t('news.version', { number: d.versionNumber })}{' '}
                    {d.approvedBy.map((n) => (
                      <Tag kind="success">{t(`news.approved_by.${n}`)}</Tag>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {p.items.length === 0 ? (
          <Alert kind="info">{t('news.list.empty')}</Alert>
        ) : (
          <ul class="result-list">
            {p.items.map((n) => (
              <li class="card">
                <h2>
                  <a href={`/actualites/${n.id}`}>{n.title}</a>
                </h2>
                <p class="muted">{formatDate(n.publishedAt, locale)}</p>
                <p>{n.body.length > 300 ? `${n.body.slice(0, 299)}…` : n.body}</p>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}
