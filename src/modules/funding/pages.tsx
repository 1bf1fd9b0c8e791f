import type { Context } from 'hono';
import type { AppEnv } from '../../http/context.js';
import type { FieldErrors } from '../../http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  Select,
  Tag,
  TextArea,
} from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { formatDate, formatDateTime } from '../../i18n/i18n.js';
import { isNetworkAdmin } from '../../policy/actor.js';
import { countryName } from '../directory/domain/countries.js';
import {
  APPLICANT_TYPES,
  type Call,
  formatAmountRange,
  isCallOpen,
  PROJECT_KINDS,
  type Programme,
  type ProgrammeFilter,
  ZONES,
} from './domain/programme.js';
import type { Suggestion } from './operations.js';

type C = Context<AppEnv>;
type Values = Record<string, string | string[]>;

const str = (v: unknown) =>
  Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v);
const crumbs = (c: C) => [{ label: c.get('t')('funding.nav'), href: '/financements' }];

/**
 * The call a reader should see when none is open or to come: the latest one that closed
 * (shown as « dernier appel connu », with the year of the programme's facts).
 */
export function lastKnownCall(calls: Call[], today: string): Call | null {
  if (calls.some((cl) => cl.closesOn >= today)) return null;
  return [...calls].sort((a, b) => b.closesOn.localeCompare(a.closesOn))[0] ?? null;
}

export function CallLine({
  c,
  call,
  today,
  factsYear,
  lastKnown,
}: {
  c: C;
  call: Call;
  today: string;
  factsYear?: string;
  lastKnown?: boolean;
}) {
  const t = c.get('t');
  const locale = c.get('locale');
  const year = factsYear ? ` ${t('funding.call.facts_year', { year: factsYear })}` : '';
  if (isCallOpen(call, today))
    return (
      <>
        {call.title} —{' '}
        <Tag kind="success">{t('funding.call.open', { date: formatDate(call.closesOn, locale) })}</Tag>
        {year}
      </>
    );
  if (call.opensOn > today)
    return (
      <>
        {call.title} —{' '}
        <Tag kind="info">{t('funding.call.upcoming', { date: formatDate(call.opensOn, locale) })}</Tag>
        {year}
      </>
    );
  if (lastKnown)
    return (
      <>
        <Tag kind="warning">{t('funding.call.last_known')}</Tag> {call.title} —{' '}
        {t('funding.call.closed', { date: formatDate(call.closesOn, locale) })}
        {year}
      </>
    );
  return (
    <>
      {call.title} — {t('funding.call.closed', { date: formatDate(call.closesOn, locale) })}
      {year}
    </>
  );
}

const zoneLabel = (c: C, z: string) =>
  (ZONES as readonly string[]).includes(z)
    ? c.get('t')(`funding.zone.${z}`)
    : countryName(z, c.get('locale'));

export function listPage(
  c: C,
  p: { items: Programme[]; filter: ProgrammeFilter; today: string; pending: number },
) {
  const t = c.get('t');
  const actor = c.get('actor');
  return renderPage(c, {
    title: t('funding.list.title'),
    section: 'funding',
    breadcrumbs: [{ label: t('funding.nav') }],
    children: (
      <>
        <PageHeader title={t('funding.list.title')} lead={t('funding.list.lead')} />
        {isNetworkAdmin(actor) && (
          <p>
            <a class="button" href="/financements/nouveau">
              {t('funding.new.title')}
            </a>{' '}
            <a class="button button-secondary" href="/financements/propositions">
              {t('funding.moderation.title')} ({p.pending})
            </a>
          </p>
        )}
        {actor.kind === 'user' && !isNetworkAdmin(actor) && (
          <p>
            <a href="/financements/proposer">{t('funding.suggest.link')}</a>
          </p>
        )}
        <form method="get" class="filters-inline">
          <Field name="q" label={t('funding.filter.q')} value={p.filter.q ?? ''} type="search" />
          <Select
            name="projectKind"
            label={t('funding.filter.kind')}
            value={p.filter.projectKind ?? ''}
            emptyLabel={t('funding.filter.any')}
            options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`funding.kind.${k}`) }))}
          />
          <Select
            name="applicantType"
            label={t('funding.filter.applicant')}
            value={p.filter.applicantType ?? ''}
            emptyLabel={t('funding.filter.any')}
            options={APPLICANT_TYPES.map((k) => ({ value: k, label: t(`funding.applicant.${k}`) }))}
          />
          <div class="field">
            <input type="checkbox" id="champ-open" name="open" value="1" checked={!!p.filter.openOnly} />{' '}
            <label for="champ-open">{t('funding.filter.open')}</label>
          </div>
          <button type="submit" class="button button-secondary">
            {t('funding.filter.submit')}
          </button>
        </form>
        <p role="status">{t('funding.list.count', { count: p.items.length })}</p>
        {actor.kind === 'user' && (
          <form method="post" action="/financements/alertes">
            <CsrfField c={c} />
            <input type="hidden" name="q" value={p.filter.q ?? ''} />
            <input type="hidden" name="projectKind" value={p.filter.projectKind ?? ''} />
            <input type="hidden" name="applicantType" value={p.filter.applicantType ?? ''} />
            <button type="submit" class="button button-secondary">
              {t('funding.alerts.save')}
            </button>{' '}
            <a href="/financements/alertes">{t('funding.alerts.title')}</a>
          </form>
        )}
        {p.items.length === 0 ? (
          <Alert kind="info">{t('funding.list.empty')}</Alert>
        ) : (
          <ul class="funding-list">
            {p.items.map((x) => (
              <li class="card">
                <h2>
                  <a href={`/financements/${x.id}`}>{x.name}</a>
                </h2>
                <p>{x.funder}</p>
                <p>{x.summary}</p>
                <p>
                  {x.projectKinds.map((k) => (
                    <Tag kind="info">{t(`funding.kind.${k}`)}</Tag>
                  ))}
                </p>
                {x.calls
                  .filter((cl) => isCallOpen(cl, p.today))
                  .map((cl) => (
                    <p>
                      <CallLine c={c} call={cl} today={p.today} factsYear={x.factsYear} />
                    </p>
                  ))}
                {(() => {
                  const last = lastKnownCall(x.calls, p.today);
                  return (
                    last && (
                      <p>
                        <CallLine c={c} call={last} today={p.today} factsYear={x.factsYear} lastKnown />
                      </p>
                    )
                  );
                })()}
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

export function detailPage(c: C, p: { programme: Programme; today: string; flash?: string }) {
  const t = c.get('t');
  const x = p.programme;
  const admin = isNetworkAdmin(c.get('actor'));
  const amounts = formatAmountRange(x.amountMin, x.amountMax);
  return renderPage(c, {
    title: x.name,
    section: 'funding',
    breadcrumbs: [...crumbs(c), { label: x.name }],
    children: (
      <>
        <PageHeader title={x.name} lead={x.summary} />
        {p.flash && <Alert kind="success">{p.flash}</Alert>}
        <dl class="summary">
          <dt>{t('funding.field.funder')}</dt>
          <dd>{x.funder}</dd>
          <dt>{t('funding.field.applicants')}</dt>
          <dd>
            {x.applicantTypes.map((a) => t(`funding.applicant.${a}`)).join(', ') || t('funding.not_said')}
          </dd>
          <dt>{t('funding.field.kinds')}</dt>
          <dd>{x.projectKinds.map((k) => t(`funding.kind.${k}`)).join(', ') || t('funding.not_said')}</dd>
          <dt>{t('funding.field.zones')}</dt>
          <dd>{x.zones.map((z) => zoneLabel(c, z)).join(', ') || t('funding.not_said')}</dd>
          <dt>{t('funding.field.amounts')}</dt>
          <dd>{amounts || t('funding.not_said')}</dd>
          <dt>{t('funding.field.cofunding')}</dt>
          <dd>{x.cofundingMaxPercent !== null ? `${x.cofundingMaxPercent} %` : t('funding.not_said')}</dd>
          <dt>{t('funding.field.recurrence')}</dt>
          <dd>{x.recurrence || t('funding.not_said')}</dd>
          <dt>{t('funding.field.calls')}</dt>
          <dd>
            {x.calls.length === 0 ? (
              t('funding.call.none')
            ) : (
              <ul>
                {x.calls.map((cl) => (
                  <li>
                    <CallLine
                      c={c}
                      call={cl}
                      today={p.today}
                      factsYear={x.factsYear}
                      lastKnown={cl === lastKnownCall(x.calls, p.today)}
                    />
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{t('funding.field.official')}</dt>
          <dd>{x.officialUrl ? <a href={x.officialUrl}>{x.officialUrl}</a> : t('funding.not_said')}</dd>
          <dt>{t('funding.field.facts_year')}</dt>
          <dd>{x.factsYear || t('funding.not_said')}</dd>
          <dt>{t('funding.field.sources')}</dt>
          <dd>
            <ul>
              {x.sources.map((s) => (
                <li>
                  <a href={s}>{s}</a>
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        <p class="hint">{t('funding.detail.caveat', { year: x.factsYear || '?' })}</p>
        {admin ? (
          <>
            <p>
              <a class="button" href={`/financements/${x.id}/modifier`}>
                {t('funding.detail.edit')}
              </a>
            </p>
            <h2>{t('funding.detail.add_call')}</h2>
            <CallForm c={c} id={x.id} values={{}} errors={{}} />
          </>
        ) : (
          c.get('actor').kind === 'user' && (
            <p>
              <a href={`/financements/proposer?programme=${x.id}`}>{t('funding.detail.suggest')}</a>
            </p>
          )
        )}
      </>
    ),
  });
}

export function CallForm({
  c,
  id,
  values,
  errors,
}: {
  c: C;
  id: string;
  values: Values;
  errors: FieldErrors;
}) {
  const t = c.get('t');
  return (
    <form method="post" action={`/financements/${id}/appels`} novalidate>
      <CsrfField c={c} />
      <ErrorSummary c={c} errors={errors} />
      <Field
        name="title"
        label={t('funding.call.title_field')}
        value={str(values.title)}
        error={errors.title}
        required
      />
      <Field
        name="opensOn"
        type="date"
        label={t('funding.call.opens')}
        value={str(values.opensOn)}
        error={errors.opensOn}
        required
      />
      <Field
        name="closesOn"
        type="date"
        label={t('funding.call.closes')}
        value={str(values.closesOn)}
        error={errors.closesOn}
        required
      />
      <button type="submit" class="button">
        {t('funding.call.submit')}
      </button>
    </form>
  );
}

export function callErrorPage(c: C, programme: Programme, values: Values, errors: FieldErrors) {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t('funding.detail.add_call'),
      section: 'funding',
      breadcrumbs: [
        ...crumbs(c),
        { label: programme.name, href: `/financements/${programme.id}` },
        { label: t('funding.detail.add_call') },
      ],
      children: (
        <>
          <PageHeader title={t('funding.detail.add_call')} lead={programme.name} />
          <CallForm c={c} id={programme.id} values={values} errors={errors} />
        </>
      ),
    },
    422,
  );
}

const checked = (values: Values, name: string, v: string) =>
  Array.isArray(values[name]) ? (values[name] as string[]).includes(v) : values[name] === v;

function Checkboxes({
  name,
  legend,
  options,
  values,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  values: Values;
}) {
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      {options.map((o) => (
        <div>
          <input
            type="checkbox"
            id={`champ-${name}-${o.value}`}
            name={name}
            value={o.value}
            checked={checked(values, name, o.value)}
          />{' '}
          <label for={`champ-${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Programme values as a form would submit them. */
export const programmeValues = (x: Programme): Values => ({
  name: x.name,
  funder: x.funder,
  summary: x.summary,
  applicantTypes: x.applicantTypes,
  projectKinds: x.projectKinds,
  zones: x.zones.join(', '),
  amountMin: x.amountMin === null ? '' : String(x.amountMin),
  amountMax: x.amountMax === null ? '' : String(x.amountMax),
  cofundingMaxPercent: x.cofundingMaxPercent === null ? '' : String(x.cofundingMaxPercent),
  recurrence: x.recurrence,
  officialUrl: x.officialUrl ?? '',
  factsYear: x.factsYear,
  sources: x.sources.join('\n'),
});

export function programmeFormPage(
  c: C,
  p: { programme?: Programme; values: Values; errors: FieldErrors },
  status = 200,
) {
  const t = c.get('t');
  const title = p.programme ? t('funding.edit.title', { name: p.programme.name }) : t('funding.new.title');
  const v = p.values;
  const e = p.errors;
  return renderPage(
    c,
    {
      title,
      section: 'funding',
      breadcrumbs: [...crumbs(c), { label: title }],
      children: (
        <>
          <PageHeader title={title} />
          <form method="post" novalidate>
            <CsrfField c={c} />
            <ErrorSummary c={c} errors={e} />
            <Field name="name" label={t('funding.form.name')} value={str(v.name)} error={e.name} required />
            <Field
              name="funder"
              label={t('funding.field.funder')}
              value={str(v.funder)}
              error={e.funder}
              required
            />
            <TextArea
              name="summary"
              label={t('funding.form.summary')}
              value={str(v.summary)}
              error={e.summary}
            />
            <Checkboxes
              name="applicantTypes"
              legend={t('funding.field.applicants')}
              values={v}
              options={APPLICANT_TYPES.map((k) => ({ value: k, label: t(`funding.applicant.${k}`) }))}
            />
            <Checkboxes
              name="projectKinds"
              legend={t('funding.field.kinds')}
              values={v}
              options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`funding.kind.${k}`) }))}
            />
            <Field
              name="zones"
              label={t('funding.field.zones')}
              hint={t('funding.form.zones_hint')}
              value={str(v.zones)}
              error={e.zones ?? e['zones.0']}
            />
            <Field
              name="amountMin"
              label={t('funding.form.amount_min')}
              inputmode="decimal"
              value={str(v.amountMin)}
              error={e.amountMin}
            />
            <Field
              name="amountMax"
              label={t('funding.form.amount_max')}
              inputmode="decimal"
              value={str(v.amountMax)}
              error={e.amountMax}
            />
            <Field
              name="cofundingMaxPercent"
              label={t('funding.form.cofunding')}
              inputmode="decimal"
              value={str(v.cofundingMaxPercent)}
              error={e.cofundingMaxPercent}
            />
            <Field
              name="recurrence"
              label={t('funding.field.recurrence')}
              value={str(v.recurrence)}
              error={e.recurrence}
            />
            <Field
              name="officialUrl"
              type="url"
              label={t('funding.field.official')}
              value={str(v.officialUrl)}
              error={e.officialUrl}
            />
            <Field
              name="factsYear"
              label={t('funding.field.facts_year')}
              value={str(v.factsYear)}
              error={e.factsYear}
            />
            <TextArea
              name="sources"
              label={t('funding.field.sources')}
              hint={t('funding.form.sources_hint')}
              value={str(v.sources)}
              error={e.sources ?? e['sources.0']}
            />
            <button type="submit" class="button">
              {p.programme ? t('funding.edit.submit') : t('funding.new.submit')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}

export function suggestPage(
  c: C,
  p: { programme: Programme | null; values: Values; errors: FieldErrors; sent?: boolean },
  status = 200,
) {
  const t = c.get('t');
  const v = p.values;
  const e = p.errors;
  return renderPage(
    c,
    {
      title: t('funding.suggest.title'),
      section: 'funding',
      breadcrumbs: [...crumbs(c), { label: t('funding.suggest.title') }],
      children: (
        <>
          <PageHeader title={t('funding.suggest.title')} lead={t('funding.suggest.lead')} />
          {p.sent && <Alert kind="success">{t('funding.suggest.sent')}</Alert>}
          <form method="post" action="/financements/proposer" novalidate>
            <CsrfField c={c} />
            <ErrorSummary c={c} errors={e} />
            {p.programme ? (
              <>
                <p>{t('funding.suggest.about', { name: p.programme.name })}</p>
                <input type="hidden" name="programme" value={p.programme.id} />
              </>
            ) : (
              <>
                <Field name="name" label={t('funding.form.name')} value={str(v.name)} error={e.name} />
                <Field
                  name="funder"
                  label={t('funding.field.funder')}
                  value={str(v.funder)}
                  error={e.funder}
                />
                <Field
                  name="officialUrl"
                  type="url"
                  label={t('funding.field.official')}
                  value={str(v.officialUrl)}
                  error={e.officialUrl}
                />
              </>
            )}
            <TextArea
              name="message"
              label={t('funding.suggest.message')}
              value={str(v.message)}
              error={e.message}
              required
            />
            <button type="submit" class="button">
              {t('funding.suggest.submit')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}

export function moderationPage(
  c: C,
  p: { items: Suggestion[]; flash?: string; errors?: FieldErrors },
  status = 200,
) {
  const t = c.get('t');
  const locale = c.get('locale');
  return renderPage(
    c,
    {
      title: t('funding.moderation.title'),
      section: 'funding',
      breadcrumbs: [...crumbs(c), { label: t('funding.moderation.title') }],
      children: (
        <>
          <PageHeader title={t('funding.moderation.title')} />
          {p.flash && <Alert kind="success">{p.flash}</Alert>}
          <ErrorSummary c={c} errors={p.errors ?? {}} />
          {p.items.length === 0 && <p>{t('funding.moderation.empty')}</p>}
          {p.items.map((s) => (
            <section class="card">
              <h2>
                {s.programme_name
                  ? t('funding.suggest.about', { name: s.programme_name })
                  : `${t('funding.moderation.new')} : ${s.name}`}
              </h2>
              <p class="hint">
                {t('funding.moderation.by', {
                  name: s.suggested_by_name,
                  date: formatDateTime(s.created_at, locale),
                })}
              </p>
              {s.funder && <p>{s.funder}</p>}
              {s.official_url && (
                <p>
                  <a href={s.official_url}>{s.official_url}</a>
                </p>
              )}
              <p>{s.message}</p>
              <form method="post" action={`/financements/propositions/${s.id}/accepter`}>
                <CsrfField c={c} />
                <button type="submit" class="button">
                  {t('funding.moderation.accept')}
                </button>
              </form>
              <form method="post" action={`/financements/propositions/${s.id}/refuser`}>
                <CsrfField c={c} />
                <Field name="reason" label={t('funding.moderation.reason')} />
                <button type="submit" class="button button-secondary">
                  {t('funding.moderation.reject')}
                </button>
              </form>
            </section>
          ))}
        </>
      ),
    },
    status,
  );
}

const describeFilter = (c: C, f: ProgrammeFilter) =>
  [
    f.q ? `« ${f.q} »` : '',
    f.projectKind ? c.get('t')(`funding.kind.${f.projectKind}`) : '',
    f.applicantType ? c.get('t')(`funding.applicant.${f.applicantType}`) : '',
  ]
    .filter(Boolean)
    .join(' — ') || c.get('t')('funding.alerts.everything');

export function alertsPage(c: C, p: { items: { id: string; filter: ProgrammeFilter }[]; flash?: string }) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('funding.alerts.title'),
    section: 'funding',
    breadcrumbs: [...crumbs(c), { label: t('funding.alerts.title') }],
    children: (
      <>
        <PageHeader title={t('funding.alerts.title')} lead={t('funding.alerts.lead')} />
        {p.flash && <Alert kind="success">{p.flash}</Alert>}
        {p.items.length === 0 && <p>{t('funding.alerts.empty')}</p>}
        <ul>
          {p.items.map((s) => (
            <li>
              {describeFilter(c, s.filter)}{' '}
              <form method="post" action={`/financements/alertes/${s.id}/supprimer`} class="inline-form">
                <CsrfField c={c} />
                <button type="submit" class="button button-secondary">
                  {t('funding.alerts.delete')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

export function unsubscribePage(c: C, p: { token: string; state: 'ask' | 'done' | 'gone' }) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('funding.alerts.unsubscribe'),
    section: 'funding',
    breadcrumbs: [...crumbs(c), { label: t('funding.alerts.unsubscribe') }],
    children: (
      <>
        <PageHeader title={t('funding.alerts.unsubscribe')} />
        {p.state === 'ask' && (
          <form method="post" action={`/financements/alertes/desabonner/${p.token}`}>
            <CsrfField c={c} />
            <button type="submit" class="button">
              {t('funding.alerts.unsubscribe_confirm')}
            </button>
          </form>
        )}
        {p.state === 'done' && <Alert kind="success">{t('funding.alerts.unsubscribed')}</Alert>}
        {p.state === 'gone' && <Alert kind="info">{t('funding.alerts.gone')}</Alert>}
      </>
    ),
  });
}
