import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { AppEnv } from '../context.js';
import type { FieldErrors } from '../errors.js';

/** The hidden CSRF field every form carries. */
export const CsrfField: FC<{ c: Context<AppEnv> }> = ({ c }) => (
  <input type="hidden" name="_csrf" value={c.get('csrfToken')} />
);

/** Error summary at the top of a failed form; links to each field; focused by the script. */
export const ErrorSummary: FC<{
  c: Context<AppEnv>;
  errors?: FieldErrors;
  labels?: Record<string, string>;
}> = ({ c, errors, labels }) => {
  if (!errors || Object.keys(errors).length === 0) return null;
  const t = c.get('t');
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex={-1}
      data-autofocus
    >
      <h2 id="error-summary-title">{t('form.error_summary_title')}</h2>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li>
            <a href={`#${fieldId(field)}`}>{labels?.[field] ? `${labels[field]} : ${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

export const fieldId = (name: string) => `champ-${name.replace(/[^\w-]/g, '-')}`;

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string | number | null;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  placeholder?: string;
  /** Id of a <datalist> of suggestions (e.g. countries). */
  list?: string;
}

/** A labelled input with its hint and error, linked for screen readers. */
export const Field: FC<FieldProps> = (p) => {
  const id = fieldId(p.name);
  const describedBy =
    [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field field-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required ? <span class="required"> (obligatoire)</span> : null}
      </label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Erreur : </span>
          {p.error}
        </p>
      )}
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode as any}
        maxlength={p.maxlength}
        min={p.min}
        max={p.max}
        step={p.step}
        placeholder={p.placeholder}
        list={p.list}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
};

export const TextArea: FC<Omit<FieldProps, 'type'> & { rows?: number }> = (p) => {
  const id = fieldId(p.name);
  const describedBy =
    [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field field-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required ? <span class="required"> (obligatoire)</span> : null}
      </label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Erreur : </span>
          {p.error}
        </p>
      )}
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        required={p.required}
        maxlength={p.maxlength}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
};

export const Select: FC<
  Omit<FieldProps, 'type'> & { options: { value: string; label: string }[]; emptyLabel?: string }
> = (p) => {
  const id = fieldId(p.name);
  const describedBy =
    [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field field-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required ? <span class="required"> (obligatoire)</span> : null}
      </label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Erreur : </span>
          {p.error}
        </p>
      )}
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.emptyLabel !== undefined && <option value="">{p.emptyLabel}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={String(p.value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
};

export const Alert: FC<{
  kind: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children?: Child;
}> = ({ kind, title, children }) => (
  <div class={`alert alert-${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>
    {title && <p class="alert-title">{title}</p>}
    {children}
  </div>
);

export const Tag: FC<{
  kind?: 'neutral' | 'info' | 'success' | 'warning' | 'error' | 'accent';
  children?: Child;
}> = ({ kind = 'neutral', children }) => <span class={`tag tag-${kind}`}>{children}</span>;

/** Pagination by links (works without JavaScript). `href(page)` builds each link. */
export const Pagination: FC<{
  c: Context<AppEnv>;
  page: number;
  pages: number;
  href: (page: number) => string;
}> = ({ c, page, pages, href }) => {
  if (pages <= 1) return null;
  const t = c.get('t');
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('pagination.previous')}
            </a>
          </li>
        )}
        {shown.map((p) => (
          <li>
            {p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <a href={href(p)} aria-label={t('pagination.page', { page: p })}>
                {p}
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
};

/** Page title block: h1 and an optional lead paragraph. */
export const PageHeader: FC<{ title: string; lead?: string; children?: Child }> = ({
  title,
  lead,
  children,
}) => (
  <div class="page-header">
    <h1>{title}</h1>
    {lead && <p class="lead">{lead}</p>}
    {children}
  </div>
);
