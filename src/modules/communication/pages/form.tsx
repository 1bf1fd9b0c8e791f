import type { FieldErrors } from '../../../http/errors.js';
import { CsrfField, ErrorSummary, Field, PageHeader, TextArea } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { SOCIAL_MAX } from '../domain/approval.js';
import { type C, crumbs, str, type Values } from './shared.js';

/** The fields of a news version (also used on the review page to propose a new version). */
export const NewsFields = ({ c, values, errors }: { c: C; values: Values; errors: FieldErrors }) => {
  const t = c.get('t');
  return (
    <>
      <Field
        name="title"
        label={t('news.field.title')}
        value={str(values.title)}
        error={errors.title}
        required
        maxlength={200}
      />
      <TextArea
        name="body"
        label={t('news.field.body')}
        hint={t('news.field.body_hint')}
        value={str(values.body)}
        error={errors.body}
        rows={10}
        required
      />
      <TextArea
        name="socialText"
        label={t('news.field.social')}
        hint={t('news.field.social_hint', { max: SOCIAL_MAX })}
        value={str(values.socialText)}
        error={errors.socialText}
        rows={3}
        required
      />
      <Field
        name="imageAlt"
        label={t('news.field.alt')}
        hint={t('news.field.alt_hint')}
        value={str(values.imageAlt)}
        error={errors.imageAlt}
        maxlength={500}
      />
      <Field
        name="link"
        label={t('news.field.link')}
        value={str(values.link)}
        error={errors.link}
        type="url"
      />
    </>
  );
};

export function newsFormPage(c: C, p: { values: Values; errors: FieldErrors }, status = 200) {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t('news.new'),
      section: 'news',
      breadcrumbs: [...crumbs(c), { label: t('news.new') }],
      children: (
        <>
          <PageHeader title={t('news.new')} lead={t('news.new_lead')} />
          <ErrorSummary c={c} errors={p.errors} />
          <form method="post" action="/actualites/redaction" novalidate>
            <CsrfField c={c} />
            <NewsFields c={c} values={p.values} errors={p.errors} />
            <button type="submit">{t('news.save_draft')}</button>
          </form>
        </>
      ),
    },
    status,
  );
}
