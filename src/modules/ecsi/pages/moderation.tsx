import type { FieldErrors } from '../../../http/errors.js';
import { Alert, ErrorSummary, PageHeader, Tag } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import type { Resource } from '../store.js';
import { ModerationForms } from './resource.js';
import { type C, crumbs } from './shared.js';

export function moderationPage(
  c: C,
  p: { items: Resource[]; flash?: string; errors?: FieldErrors },
  status = 200,
) {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t('ecsi.moderation.title'),
      section: 'ecsi',
      breadcrumbs: [...crumbs(c), { label: t('ecsi.moderation.title') }],
      children: (
        <>
          <PageHeader title={t('ecsi.moderation.title')} />
          <ErrorSummary c={c} errors={p.errors} />
          {p.flash && <Alert kind="success">{p.flash}</Alert>}
          {p.items.length === 0 ? (
            <Alert kind="info">{t('ecsi.moderation.empty')}</Alert>
          ) : (
            <ul class="result-list">
              {p.items.map((r) => (
                <li class="card">
                  <h2>
                    <a href={`/ecsi/ressources/${r.id}`}>{r.title}</a>
                  </h2>
                  <p>
                    <Tag kind="info">{t(`ecsi.kind.${r.kind}`)}</Tag> {r.suggestedByName}
                  </p>
                  <p>{r.summary}</p>
                  <p class="muted">
                    {r.source} — {r.licence} — {r.url ?? r.fileName}
                  </p>
                  <ModerationForms c={c} resource={r} />
                </li>
              ))}
            </ul>
          )}
        </>
      ),
    },
    status,
  );
}
