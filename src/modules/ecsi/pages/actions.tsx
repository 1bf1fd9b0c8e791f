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
import { formatDate, formatNumber } from '../../../i18n/i18n.js';
import type { Membership } from '../../../policy/actor.js';
import type { EcsiAwarenessStats } from '../awareness-stats.js';
import { ACTION_KINDS } from '../domain/moderation.js';
import type { AwarenessAction } from '../store.js';
import { type C, crumbs, str, type Values } from './shared.js';

export function actionsPage(
  c: C,
  p: { items: AwarenessAction[]; stats: EcsiAwarenessStats; canRecord: boolean; flash?: string },
) {
  const t = c.get('t');
  const locale = c.get('locale');
  return renderPage(c, {
    title: t('ecsi.actions.title'),
    section: 'ecsi',
    wide: true,
    breadcrumbs: [...crumbs(c), { label: t('ecsi.actions.title') }],
    children: (
      <>
        <PageHeader title={t('ecsi.actions.title')} lead={t('ecsi.actions.lead')} />
        {p.flash && <Alert kind="success">{p.flash}</Alert>}
        <ul class="figures">
          <li>{t('ecsi.actions.aware', { count: formatNumber(p.stats.missionsLocalesAware, locale) })}</li>
          <li>
            {t('ecsi.actions.aware_authorities', { count: formatNumber(p.stats.authoritiesAware, locale) })}
          </li>
        </ul>
        {p.canRecord && (
          <p>
            <a class="button" href="/ecsi/actions/nouvelle">
              {t('ecsi.actions.new')}
            </a>
          </p>
        )}
        {p.items.length === 0 ? (
          <Alert kind="info">{t('ecsi.actions.empty')}</Alert>
        ) : (
          <div class="table-wrapper">
            <table class="stack">
              <caption>{t('ecsi.actions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ecsi.actions.col.date')}</th>
                  <th scope="col">{t('ecsi.actions.col.title')}</th>
                  <th scope="col">{t('ecsi.actions.col.organiser')}</th>
                  <th scope="col">{t('ecsi.actions.col.participants')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((a) => (
                  <tr>
                    <td>{formatDate(a.heldOn, locale)}</td>
                    <td>
                      {a.title} ({t(`ecsi.action.kind.${a.kind}`)})
                    </td>
                    <td>{a.organiserName}</td>
                    <td>{a.participants.map((x) => x.name).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href="/ecsi">{t('ecsi.library')}</a>
        </p>
      </>
    ),
  });
}

export function actionFormPage(
  c: C,
  p: { values: Values; errors: FieldErrors; organisers: Membership[] },
  status = 200,
) {
  const t = c.get('t');
  const v = p.values;
  const e = p.errors;
  return renderPage(
    c,
    {
      title: t('ecsi.actions.new'),
      section: 'ecsi',
      breadcrumbs: [
        ...crumbs(c),
        { label: t('ecsi.actions.title'), href: '/ecsi/actions' },
        { label: t('ecsi.actions.new') },
      ],
      children: (
        <>
          <PageHeader title={t('ecsi.actions.new')} />
          <form method="post" novalidate>
            <CsrfField c={c} />
            <ErrorSummary c={c} errors={e} />
            <Field
              name="title"
              label={t('ecsi.action.field.title')}
              required
              value={str(v.title)}
              error={e.title}
            />
            <Select
              name="kind"
              label={t('ecsi.action.field.kind')}
              required
              value={str(v.kind)}
              error={e.kind}
              options={ACTION_KINDS.map((k) => ({ value: k, label: t(`ecsi.action.kind.${k}`) }))}
            />
            <Field
              name="heldOn"
              type="date"
              label={t('ecsi.action.field.held_on')}
              required
              value={str(v.heldOn)}
              error={e.heldOn}
            />
            <Select
              name="organiserId"
              label={t('ecsi.action.field.organiser')}
              required
              value={str(v.organiserId)}
              error={e.organiserId}
              options={p.organisers.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
            />
            <TextArea
              name="participants"
              rows={4}
              label={t('ecsi.action.field.participants')}
              hint={t('ecsi.action.field.participants_hint')}
              value={str(v.participants)}
              error={e.participants ?? e.participantIds}
            />
            <TextArea
              name="description"
              label={t('ecsi.action.field.description')}
              value={str(v.description)}
              error={e.description}
            />
            <button type="submit" class="button">
              {t('ecsi.action.submit')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}
