import type { FieldErrors } from '../../../http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  Select,
  TextArea,
} from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { RESOURCE_AUDIENCES, RESOURCE_KINDS } from '../domain/moderation.js';
import { type C, crumbs, str, type Values } from './shared.js';

export function suggestPage(
  c: C,
  p: { values: Values; errors: FieldErrors; themes: { code: string; name: string }[]; sent?: boolean },
  status = 200,
) {
  const t = c.get('t');
  const v = p.values;
  const e = p.errors;
  const chosen = new Set([v.themes ?? []].flat());
  return renderPage(
    c,
    {
      title: t('ecsi.suggest.title'),
      section: 'ecsi',
      breadcrumbs: [...crumbs(c), { label: t('ecsi.suggest.title') }],
      children: (
        <>
          <PageHeader title={t('ecsi.suggest.title')} lead={t('ecsi.suggest.lead')} />
          {p.sent && <Alert kind="success">{t('ecsi.suggest.sent')}</Alert>}
          <form method="post" action="/ecsi/proposer" enctype="multipart/form-data" novalidate>
            <CsrfField c={c} />
            <ErrorSummary c={c} errors={e} />
            <Field name="title" label={t('ecsi.field.title')} required value={str(v.title)} error={e.title} />
            <Select
              name="kind"
              label={t('ecsi.field.kind')}
              required
              value={str(v.kind)}
              error={e.kind}
              options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`ecsi.kind.${k}`) }))}
            />
            <TextArea
              name="summary"
              label={t('ecsi.field.summary')}
              hint={t('ecsi.field.summary_hint')}
              required
              value={str(v.summary)}
              error={e.summary}
            />
            <Select
              name="audience"
              label={t('ecsi.field.audience')}
              required
              value={str(v.audience) || 'both'}
              error={e.audience}
              options={RESOURCE_AUDIENCES.map((k) => ({ value: k, label: t(`ecsi.audience.${k}`) }))}
            />
            <fieldset class="field">
              <legend>{t('ecsi.field.themes')}</legend>
              {e.themes && (
                <p class="error-message" id="champ-themes">
                  {e.themes}
                </p>
              )}
              {p.themes.map((th) => (
                <div class="checkbox">
                  <input
                    type="checkbox"
                    id={`theme-${th.code}`}
                    name="themes"
                    value={th.code}
                    checked={chosen.has(th.code)}
                  />{' '}
                  <label for={`theme-${th.code}`}>{th.name}</label>
                </div>
              ))}
            </fieldset>
            <Field
              name="language"
              label={t('ecsi.field.language')}
              value={str(v.language) || 'fr'}
              error={e.language}
              maxlength={2}
            />
            <Field
              name="licence"
              label={t('ecsi.field.licence')}
              hint={t('ecsi.field.licence_hint')}
              required
              value={str(v.licence)}
              error={e.licence}
            />
            <Field
              name="source"
              label={t('ecsi.field.source')}
              hint={t('ecsi.field.source_hint')}
              required
              value={str(v.source)}
              error={e.source}
            />
            <Field
              name="url"
              type="url"
              label={t('ecsi.field.url')}
              hint={t('ecsi.field.file_hint')}
              value={str(v.url)}
              error={e.url}
            />
            <div class={e.file ? 'field field-error' : 'field'}>
              <label for="champ-file">{t('ecsi.field.file')}</label>
              {e.file && (
                <p class="error-message" id="champ-file-error">
                  {e.file}
                </p>
              )}
              <input
                type="file"
                id="champ-file"
                name="file"
                accept=".pdf,.odt,.odp,.docx,.pptx"
                aria-describedby={e.file ? 'champ-file-error' : undefined}
              />
            </div>
            <button type="submit" class="button">
              {t('ecsi.suggest.submit')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}
