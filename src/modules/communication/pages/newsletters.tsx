import type { FieldErrors } from '../../../http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  fieldId,
  PageHeader,
} from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import type { C, Values } from './shared.js';

export interface ListOption {
  key: string;
  label: string;
}

const ListGroup = ({
  legend,
  options,
  checked,
}: {
  legend: string;
  options: ListOption[];
  checked: string[];
}) => (
  <fieldset>
    <legend>{legend}</legend>
    {options.map((o) => (
      <div class="checkbox">
        <input
          type="checkbox"
          id={fieldId(`lists-${o.key}`)}
          name="lists"
          value={o.key}
          checked={checked.includes(o.key)}
        />
        <label for={fieldId(`lists-${o.key}`)}>{o.label}</label>
      </div>
    ))}
  </fieldset>
);

export function subscribePage(
  c: C,
  p: {
    values: Values;
    errors: FieldErrors;
    themes: ListOption[];
    regions: ListOption[];
    sent?: boolean;
  },
  status = 200,
) {
  const t = c.get('t');
  const checked = [p.values.lists ?? []].flat();
  return renderPage(
    c,
    {
      title: t('newsletter.title'),
      section: 'news',
      children: (
        <>
          <PageHeader title={t('newsletter.title')} lead={t('newsletter.lead')} />
          {p.sent && <Alert kind="success">{t('newsletter.sent')}</Alert>}
          <ErrorSummary c={c} errors={p.errors} />
          <form method="post" action="/lettres" novalidate>
            <CsrfField c={c} />
            <Field
              name="email"
              type="email"
              label={t('newsletter.email')}
              autocomplete="email"
              value={String(p.values.email ?? '')}
              error={p.errors.email}
              required
            />
            <div class={p.errors.lists ? 'field field-error' : 'field'} id={fieldId('lists')}>
              {p.errors.lists && <p class="error-message">{p.errors.lists}</p>}
              <ListGroup
                legend={t('newsletter.national')}
                options={[{ key: 'national', label: t('newsletter.national_list') }]}
                checked={checked}
              />
              {p.themes.length > 0 && (
                <ListGroup legend={t('newsletter.by_theme')} options={p.themes} checked={checked} />
              )}
              {p.regions.length > 0 && (
                <ListGroup legend={t('newsletter.by_region')} options={p.regions} checked={checked} />
              )}
            </div>
            <button type="submit">{t('newsletter.submit')}</button>
          </form>
        </>
      ),
    },
    status,
  );
}

/** A page with one button: links in e-mails are often opened by scanners, so GET changes nothing. */
export function tokenActionPage(
  c: C,
  p: { title: string; lead: string; action?: string; button?: string; done?: string; invalid?: string },
) {
  return renderPage(c, {
    title: p.title,
    section: 'news',
    children: (
      <>
        <PageHeader title={p.title} />
        {p.done ? (
          <Alert kind="success">{p.done}</Alert>
        ) : p.invalid ? (
          <Alert kind="warning">{p.invalid}</Alert>
        ) : (
          <>
            <p>{p.lead}</p>
            <form method="post" action={p.action}>
              <CsrfField c={c} />
              <button type="submit">{p.button}</button>
            </form>
          </>
        )}
        <p>
          <a href="/actualites">{c.get('t')('news.list.title')}</a>
        </p>
      </>
    ),
  });
}
