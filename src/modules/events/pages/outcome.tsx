import type { FieldErrors } from '../../../http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  TextArea,
} from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import type { EventView, RegistrationView } from '../store.js';
import { type C, crumbs, str, type Values } from './shared.js';

export function outcomePage(
  c: C,
  p: { event: EventView; registrations: RegistrationView[]; values?: Values; errors?: FieldErrors },
  status = 200,
) {
  const t = c.get('t');
  const e = p.event;
  const confirmed = p.registrations.filter((r) => r.status === 'confirmed');
  const v = p.values;
  const came = new Set(v ? [v.attended ?? []].flat() : confirmed.filter((r) => r.attended).map((r) => r.id));
  const errors = p.errors ?? {};
  return renderPage(
    c,
    {
      title: `${t('events.outcome.title')} — ${e.title}`,
      section: 'events',
      breadcrumbs: [
        ...crumbs(c),
        { label: e.title, href: `/evenements/${e.id}` },
        { label: t('events.outcome.title') },
      ],
      children: (
        <>
          <PageHeader title={t('events.outcome.title')} lead={e.title} />
          <form method="post" novalidate>
            <CsrfField c={c} />
            <ErrorSummary c={c} errors={errors} />
            <fieldset class="field">
              <legend>{t('events.field.attendance')}</legend>
              {errors.attended && (
                <p class="error-message" id="champ-attended">
                  {errors.attended}
                </p>
              )}
              {confirmed.length === 0 && <Alert kind="info">{t('events.outcome.none')}</Alert>}
              {confirmed.map((r) => (
                <div class="checkbox">
                  <input
                    type="checkbox"
                    id={`came-${r.id}`}
                    name="attended"
                    value={r.id}
                    checked={came.has(r.id)}
                  />{' '}
                  <label for={`came-${r.id}`}>
                    {r.name} ({r.organisationName})
                  </label>
                </div>
              ))}
            </fieldset>
            <TextArea
              name="summary"
              label={t('events.field.summary')}
              value={v ? str(v.summary) : e.summary}
              error={errors.summary}
            />
            <Field
              name="slidesUrl"
              type="url"
              label={t('events.field.slides')}
              value={v ? str(v.slidesUrl) : (e.slidesUrl ?? '')}
              error={errors.slidesUrl}
            />
            <Field
              name="replayUrl"
              type="url"
              label={t('events.field.replay')}
              value={v ? str(v.replayUrl) : (e.replayUrl ?? '')}
              error={errors.replayUrl}
            />
            <button type="submit" class="button">
              {t('events.outcome.submit')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}
