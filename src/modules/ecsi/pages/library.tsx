import { Alert, Field, PageHeader, Select, Tag } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { isNetworkAdmin } from '../../../policy/actor.js';
import { RESOURCE_AUDIENCES, RESOURCE_KINDS } from '../domain/moderation.js';
import type { Resource, ResourceFilter } from '../store.js';
import type { C } from './shared.js';

export function libraryPage(
  c: C,
  p: {
    items: Resource[];
    filter: ResourceFilter;
    themes: { code: string; name: string }[];
    pending: number;
    flash?: string;
  },
) {
  const t = c.get('t');
  const actor = c.get('actor');
  const themeName = (code: string) => p.themes.find((x) => x.code === code)?.name ?? code;
  return renderPage(c, {
    title: t('ecsi.list.title'),
    section: 'ecsi',
    breadcrumbs: [{ label: t('ecsi.list.title') }],
    children: (
      <>
        <PageHeader title={t('ecsi.list.title')} lead={t('ecsi.list.lead')} />
        {p.flash && <Alert kind="success">{p.flash}</Alert>}
        <p>
          <a href="/ecsi/actions">{t('ecsi.actions.title')}</a>
          {actor.kind === 'user' && (
            <>
              {' · '}
              <a href="/ecsi/proposer">{t('ecsi.suggest.title')}</a>
            </>
          )}
          {isNetworkAdmin(actor) && (
            <>
              {' · '}
              <a href="/ecsi/moderation">
                {t('ecsi.moderation.title')} ({p.pending})
              </a>
            </>
          )}
        </p>
        <form method="get" action="/ecsi" class="filters-inline">
          <Field name="q" type="search" label={t('ecsi.filter.q')} value={p.filter.q ?? ''} />
          <Select
            name="kind"
            label={t('ecsi.filter.kind')}
            value={p.filter.kind ?? ''}
            emptyLabel={t('ecsi.filter.any')}
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`ecsi.kind.${k}`) }))}
          />
          <Select
            name="audience"
            label={t('ecsi.filter.audience')}
            value={p.filter.audience ?? ''}
            emptyLabel={t('ecsi.filter.any')}
            options={RESOURCE_AUDIENCES.map((k) => ({ value: k, label: t(`ecsi.audience.${k}`) }))}
          />
          <Select
            name="theme"
            label={t('ecsi.filter.theme')}
            value={p.filter.theme ?? ''}
            emptyLabel={t('ecsi.filter.any')}
            options={p.themes.map((x) => ({ value: x.code, label: x.name }))}
          />
          <button type="submit" class="button button-secondary">
            {t('ecsi.filter.submit')}
          </button>
        </form>
        <p role="status">{t('ecsi.list.count', { count: p.items.length })}</p>
        {p.items.length === 0 ? (
          <Alert kind="info">{t('ecsi.list.empty')}</Alert>
        ) : (
          <ul class="result-list">
            {p.items.map((r) => (
              <li class="card">
                <h2>
                  <a href={`/ecsi/ressources/${r.id}`}>{r.title}</a>
                </h2>
                <p>
                  <Tag kind="info">{t(`ecsi.kind.${r.kind}`)}</Tag>{' '}
                  <Tag kind="neutral">{t(`ecsi.audience.${r.audience}`)}</Tag>{' '}
                  {r.themes.map((x) => (
                    <Tag kind="neutral">{themeName(x)}</Tag>
                  ))}
                </p>
                <p>{r.summary}</p>
                <p class="muted">
                  {r.source} — {r.licence} — {r.language}
                </p>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}
