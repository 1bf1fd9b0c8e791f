import { Alert, CsrfField, PageHeader, Tag, TextArea } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { formatDate } from '../../../i18n/i18n.js';
import { isNetworkAdmin } from '../../../policy/actor.js';
import type { Resource } from '../store.js';
import { type C, crumbs } from './shared.js';

export function resourcePage(
  c: C,
  p: { resource: Resource; themes: { code: string; name: string }[]; flash?: string },
) {
  const t = c.get('t');
  const r = p.resource;
  const staff = isNetworkAdmin(c.get('actor'));
  const themeName = (code: string) => p.themes.find((x) => x.code === code)?.name ?? code;
  return renderPage(c, {
    title: r.title,
    section: 'ecsi',
    breadcrumbs: [...crumbs(c), { label: r.title }],
    children: (
      <>
        <PageHeader title={r.title} lead={r.summary}>
          <p>
            <Tag kind="info">{t(`ecsi.kind.${r.kind}`)}</Tag>{' '}
            {r.status !== 'published' && <Tag kind="warning">{t(`ecsi.status.${r.status}`)}</Tag>}
          </p>
        </PageHeader>
        {p.flash && <Alert kind="success">{p.flash}</Alert>}
        <dl class="summary">
          <dt>{t('ecsi.field.audience')}</dt>
          <dd>{t(`ecsi.audience.${r.audience}`)}</dd>
          {r.themes.length > 0 && (
            <>
              <dt>{t('ecsi.field.themes')}</dt>
              <dd>{r.themes.map(themeName).join(', ')}</dd>
            </>
          )}
          <dt>{t('ecsi.field.language')}</dt>
          <dd>{r.language}</dd>
          <dt>{t('ecsi.field.licence')}</dt>
          <dd>{r.licence}</dd>
          <dt>{t('ecsi.field.source')}</dt>
          <dd>{r.source}</dd>
          <dt>{t('ecsi.field.suggested_by')}</dt>
          <dd>
            {r.suggestedByName}, {formatDate(r.createdAt.slice(0, 10), c.get('locale'))}
          </dd>
        </dl>
        <ul>
          {r.url && (
            <li>
              <a href={r.url} rel="noopener">
                {t('ecsi.field.open')}
              </a>
            </li>
          )}
          {r.fileName && (
            <li>
              <a href={`/ecsi/ressources/${r.id}/fichier`}>
                {t('ecsi.field.download')} ({r.fileName})
              </a>
            </li>
          )}
        </ul>
        {staff && <ModerationForms c={c} resource={r} />}
      </>
    ),
  });
}

export function ModerationForms({ c, resource: r }: { c: C; resource: Resource }) {
  const t = c.get('t');
  return (
    <div class="button-group">
      {(r.status === 'suggested' || r.status === 'withdrawn') && (
        <form method="post" action={`/ecsi/ressources/${r.id}/publier`} class="inline-form">
          <CsrfField c={c} />
          <button type="submit" class="button">
            {t('ecsi.moderation.publish')}
          </button>
        </form>
      )}
      {r.status === 'suggested' && (
        <form method="post" action={`/ecsi/ressources/${r.id}/refuser`}>
          <CsrfField c={c} />
          <TextArea name={`reason-${r.id}`} rows={2} label={t('ecsi.moderation.reason')} />
          <button type="submit" class="button button-secondary">
            {t('ecsi.moderation.reject')}
          </button>
        </form>
      )}
      {r.status === 'published' && (
        <form method="post" action={`/ecsi/ressources/${r.id}/retirer`} class="inline-form">
          <CsrfField c={c} />
          <button type="submit" class="button button-secondary">
            {t('ecsi.moderation.withdraw')}
          </button>
        </form>
      )}
    </div>
  );
}
