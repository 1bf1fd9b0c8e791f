import { Alert, Field, PageHeader, Select, Tag } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { EVENT_KINDS } from '../domain/lifecycle.js';
import type { EventFilter, EventView } from '../store.js';
import { type C, seatsLabel, whenLabel } from './shared.js';

export function listPage(
  c: C,
  p: {
    items: EventView[];
    filter: EventFilter;
    themes: { code: string; name: string }[];
    regions: { code: string; name: string }[];
    canPublish: boolean;
  },
) {
  const t = c.get('t');
  const themeName = (code: string) => p.themes.find((x) => x.code === code)?.name ?? code;
  return renderPage(c, {
    title: p.filter.past ? t('events.list.past') : t('events.list.title'),
    section: 'events',
    bilingual: true,
    breadcrumbs: [{ label: t('events.nav') }],
    children: (
      <>
        <PageHeader title={t('events.list.title')} lead={t('events.list.lead')} />
        <p>
          {p.canPublish && (
            <>
              <a class="button" href="/evenements/nouveau">
                {t('events.new.title')}
              </a>{' '}
            </>
          )}
          <a href="/evenements.ics">{t('events.list.feed')}</a>
          {' · '}
          {p.filter.past ? (
            <a href="/evenements">{t('events.list.upcoming')}</a>
          ) : (
            <a href="/evenements?passes=1">{t('events.list.past')}</a>
          )}
        </p>
        <form method="get" class="filters-inline" action="/evenements">
          {p.filter.past && <input type="hidden" name="passes" value="1" />}
          <Field name="from" type="date" label={t('events.filter.from')} value={p.filter.from ?? ''} />
          <Select
            name="region"
            label={t('events.filter.region')}
            value={p.filter.region ?? ''}
            emptyLabel={t('events.filter.any')}
            options={p.regions.map((r) => ({ value: r.code, label: r.name }))}
          />
          <Select
            name="theme"
            label={t('events.filter.theme')}
            value={p.filter.theme ?? ''}
            emptyLabel={t('events.filter.any')}
            options={p.themes.map((r) => ({ value: r.code, label: r.name }))}
          />
          <Select
            name="kind"
            label={t('events.filter.kind')}
            value={p.filter.kind ?? ''}
            emptyLabel={t('events.filter.any')}
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
          />
          <button type="submit" class="button button-secondary">
            {t('events.filter.submit')}
          </button>
        </form>
        <p role="status">{t('events.list.count', { count: p.items.length })}</p>
        {p.items.length === 0 ? (
          <Alert kind="info">{t('events.list.empty')}</Alert>
        ) : (
          <ul class="result-list">
            {p.items.map((e) => (
              <li class="card">
                <h2>
                  <a href={`/evenements/${e.id}`}>{e.title}</a>
                </h2>
                <p>
                  <Tag kind="info">{t(`events.kind.${e.kind}`)}</Tag>{' '}
                  {e.status !== 'scheduled' && <Tag kind="neutral">{t(`events.status.${e.status}`)}</Tag>}
                </p>
                <p>{whenLabel(c, e)}</p>
                <p>
                  {e.place ?? t('events.field.online')}
                  {e.organiserName ? ` — ${t('events.field.organiser_label')} ${e.organiserName}` : ''}
                </p>
                <p>
                  {t(`events.audience.${e.audience}`)}
                  {e.regionName ? ` : ${e.regionName}` : ''} — {seatsLabel(c, e)}
                </p>
                {e.themes.length > 0 && (
                  <p>
                    {e.themes.map((x) => (
                      <Tag kind="neutral">{themeName(x)}</Tag>
                    ))}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}
