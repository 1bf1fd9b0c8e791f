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
import { formatDate, formatDateTime, formatEuros } from '../../i18n/i18n.js';
import { isNetworkAdmin } from '../../policy/actor.js';
import { newAgreementForProject } from '../agreements/index.js';
import { countryName } from '../directory/domain/countries.js';
import { CountryField } from '../directory/index.js';
import { PROJECT_KINDS, type Programme } from '../funding/domain/programme.js';
import type { FundingSummary } from './domain/budget.js';
import type { Verdict } from './domain/eligibility.js';
import { CRITERIA, nextStatuses, STATUSES } from './domain/lifecycle.js';
import { AUDIENCES, DIMENSIONS } from './domain/participants.js';
import { FUNDING_STATUSES } from './schemas.js';
import type { ListItem, ProjectView } from './store.js';

type C = Context<AppEnv>;
type Values = Record<string, string | string[]>;
const str = (v: unknown) =>
  Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v);

const STATUS_TAG: Record<string, 'info' | 'success' | 'warning' | 'error' | 'neutral'> = {
  idea: 'neutral',
  in_preparation: 'info',
  funded: 'info',
  running: 'warning',
  completed: 'success',
  evaluated: 'success',
  abandoned: 'error',
};
export const StatusTag = ({ c, status }: { c: C; status: string }) => (
  <Tag kind={STATUS_TAG[status] as any}>{c.get('t')(`projects.status.${status}`)}</Tag>
);

const dates = (c: C, s: string | null, e: string | null) =>
  s || e
    ? `${formatDate(s, c.get('locale'))} – ${formatDate(e, c.get('locale'))}`
    : c.get('t')('projects.detail.dates_unknown');

export function listPage(
  c: C,
  p: { items: ListItem[]; filter: { status?: string; kind?: string; publication?: string } },
) {
  const t = c.get('t');
  const actor = c.get('actor');
  return renderPage(c, {
    title: t('projects.list.title'),
    section: 'projects',
    bilingual: true,
    wide: true,
    breadcrumbs: [{ label: t('projects.nav') }],
    children: (
      <>
        <PageHeader title={t('projects.list.title')} lead={t('projects.list.lead')} />
        {actor.kind === 'user' && (
          <p>
            <a class="button" href="/projets/nouveau">
              {t('projects.list.new')}
            </a>
            {isNetworkAdmin(actor) && (
              <>
                {' '}
                <a class="button button-secondary" href="/projets/export.csv">
                  {t('projects.list.export')}
                </a>{' '}
                <a class="button button-secondary" href="/projets/export.xlsx">
                  {t('projects.list.export_xlsx')}
                </a>{' '}
                <a href="/projets?publication=requested">{t('projects.list.moderation')}</a>
              </>
            )}
          </p>
        )}
        <form method="get" class="filters-inline">
          <Select
            name="status"
            label={t('projects.list.filter_status')}
            value={p.filter.status ?? ''}
            emptyLabel={t('projects.list.filter_any')}
            options={STATUSES.map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
          />
          <Select
            name="kind"
            label={t('projects.list.filter_kind')}
            value={p.filter.kind ?? ''}
            emptyLabel={t('projects.list.filter_any')}
            options={PROJECT_KINDS.map((s) => ({ value: s, label: t(`projects.kind.${s}`) }))}
          />
          <button type="submit" class="button button-secondary">
            {t('projects.list.filter_submit')}
          </button>
        </form>
        {p.items.length === 0 ? (
          <Alert kind="info">{t('projects.list.empty')}</Alert>
        ) : (
          <div class="table-wrapper">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('projects.col.title')}</th>
                  <th scope="col">{t('projects.col.kind')}</th>
                  <th scope="col">{t('projects.col.status')}</th>
                  <th scope="col">{t('projects.col.partners')}</th>
                  <th scope="col">{t('projects.col.countries')}</th>
                  <th scope="col">{t('projects.col.dates')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((x) => (
                  <tr>
                    <td>
                      <a href={`/projets/${x.id}`}>{x.title}</a>
                    </td>
                    <td>{t(`projects.kind.${x.kind}`)}</td>
                    <td>
                      <StatusTag c={c} status={x.status} />
                      {x.publication !== 'private' && <> {t(`projects.publication.${x.publication}`)}</>}
                    </td>
                    <td>{x.partners.join(', ')}</td>
                    <td>{x.countries.map((k) => countryName(k, c.get('locale'))).join(', ')}</td>
                    <td>{dates(c, x.starts_on, x.ends_on)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

function DetailsFields({ c, v, e }: { c: C; v: Values; e: FieldErrors }) {
  const t = c.get('t');
  return (
    <>
      <Field name="title" label={t('projects.form.title')} value={str(v.title)} error={e.title} required />
      <Select
        name="kind"
        label={t('projects.form.kind')}
        value={str(v.kind)}
        error={e.kind}
        required
        options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`projects.kind.${k}`) }))}
      />
      <TextArea name="summary" label={t('projects.form.summary')} value={str(v.summary)} error={e.summary} />
      <TextArea
        name="objectives"
        label={t('projects.form.objectives')}
        value={str(v.objectives)}
        error={e.objectives}
      />
      <Field
        name="startsOn"
        type="date"
        label={t('projects.form.starts_on')}
        value={str(v.startsOn)}
        error={e.startsOn}
      />
      <Field
        name="endsOn"
        type="date"
        label={t('projects.form.ends_on')}
        value={str(v.endsOn)}
        error={e.endsOn}
      />
      <Field
        name="countries"
        label={t('projects.form.countries')}
        hint={t('projects.form.countries_hint')}
        value={str(v.countries)}
        error={e.countries}
      />
    </>
  );
}

export function newPage(
  c: C,
  p: {
    organisations: { id: string; name: string }[];
    partners: { id: string; name: string }[];
    values: Values;
    errors: FieldErrors;
  },
  status = 200,
) {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t('projects.new.title'),
      section: 'projects',
      bilingual: true,
      breadcrumbs: [{ label: t('projects.nav'), href: '/projets' }, { label: t('projects.new.title') }],
      children: (
        <>
          <PageHeader title={t('projects.new.title')} lead={t('projects.new.lead')} />
          {p.organisations.length === 0 ? (
            <Alert kind="warning">{t('projects.new.no_org')}</Alert>
          ) : (
            <form method="post" action="/projets/nouveau" novalidate>
              <CsrfField c={c} />
              <ErrorSummary c={c} errors={p.errors} />
              <Select
                name="organisationId"
                label={t('projects.form.organisation')}
                value={str(p.values.organisationId)}
                error={p.errors.organisationId}
                required
                options={p.organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
              <Select
                name="partnerIds"
                label={t('projects.form.partner')}
                hint={t('projects.form.partner_hint')}
                value={str(p.values.partnerIds)}
                error={p.errors.partnerIds ?? p.errors['partnerIds.0']}
                emptyLabel={t('projects.form.none')}
                options={p.partners.map((o) => ({ value: o.id, label: o.name }))}
              />
              <DetailsFields c={c} v={p.values} e={p.errors} />
              <button type="submit" class="button">
                {t('projects.new.submit')}
              </button>
            </form>
          )}
        </>
      ),
    },
    status,
  );
}

export const detailsValues = (v: ProjectView): Values => ({
  title: v.project.title,
  kind: v.project.kind,
  summary: v.project.summary,
  objectives: v.project.objectives,
  startsOn: v.project.starts_on ?? '',
  endsOn: v.project.ends_on ?? '',
  countries: v.countries.join(', '),
});

export function editPage(c: C, p: { view: ProjectView; values: Values; errors: FieldErrors }, status = 200) {
  const t = c.get('t');
  const id = p.view.project.id;
  return renderPage(
    c,
    {
      title: t('projects.edit.title'),
      section: 'projects',
      bilingual: true,
      breadcrumbs: [
        { label: t('projects.nav'), href: '/projets' },
        { label: p.view.project.title, href: `/projets/${id}` },
        { label: t('projects.edit.title') },
      ],
      children: (
        <>
          <PageHeader title={t('projects.edit.title')} lead={p.view.project.title} />
          <form method="post" action={`/projets/${id}/modifier`} novalidate>
            <CsrfField c={c} />
            <ErrorSummary c={c} errors={p.errors} />
            <DetailsFields c={c} v={p.values} e={p.errors} />
            <button type="submit" class="button">
              {t('projects.edit.submit')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}

export interface DetailProps {
  view: ProjectView;
  summary: FundingSummary;
  eligibility: { eligible: Verdict[]; ineligible: Verdict[] };
  programmes: Programme[];
  canEdit: boolean;
  /** Which form the errors belong to. */
  form?: string;
  values?: Values;
  errors?: FieldErrors;
  flash?: string;
  /** The project's local convention (agreements module), shown to partners and network admins. */
  agreement?: { id: string; title: string } | null;
}

export function detailPage(c: C, p: DetailProps, status = 200) {
  const t = c.get('t');
  const locale = c.get('locale');
  const v = p.view;
  const pr = v.project;
  const id = pr.id;
  const admin = isNetworkAdmin(c.get('actor'));
  // Public fields: summary, objectives, partners, countries, dates, milestones, participants,
  // self-assessment. Private (partners and network admins): budget, funding plan, eligibility,
  // documents, timeline.
  const insider = p.canEdit || admin;
  const errs = (form: string) => (p.form === form ? (p.errors ?? {}) : {});
  const vals = (form: string) => (p.form === form ? (p.values ?? {}) : {});
  const eur = (n: number) => formatEuros(n, locale);
  const next = nextStatuses(pr.status);
  return renderPage(
    c,
    {
      title: pr.title,
      section: 'projects',
      bilingual: true,
      wide: true,
      breadcrumbs: [{ label: t('projects.nav'), href: '/projets' }, { label: pr.title }],
      children: (
        <>
          <PageHeader title={pr.title} lead={pr.summary} />
          {p.flash && <Alert kind="success">{p.flash}</Alert>}
          <p>
            <StatusTag c={c} status={pr.status} /> {t(`projects.kind.${pr.kind}`)} —{' '}
            {t(`projects.publication.${pr.publication}`)}
          </p>
          {pr.status === 'abandoned' && (
            <Alert kind="warning">
              {t('projects.detail.abandoned', { reason: pr.abandon_reason ?? '' })}
            </Alert>
          )}
          {p.canEdit && (
            <p>
              <a class="button button-secondary" href={`/projets/${id}/modifier`}>
                {t('projects.detail.edit')}
              </a>
            </p>
          )}
          {/* The long project page gets an in-page navigation by section (issue 9 §5). */}
          <nav class="page-toc" aria-labelledby="sommaire-title">
            <h2 id="sommaire-title">{t('projects.detail.toc')}</h2>
            <ul>
              {(
                [
                  p.canEdit && ['statut', 'status_change'],
                  ['partenaires', 'partners'],
                  ['jalons', 'milestones'],
                  insider && ['budget', 'budget'],
                  insider && ['financements', 'funding'],
                  insider && ['eligibilite', 'eligibility'],
                  ['participants', 'participants'],
                  ['evaluation', 'assessment'],
                  insider && ['documents', 'documents'],
                  insider && ['publication', 'publication'],
                  insider && ['historique', 'timeline'],
                ].filter(Boolean) as [string, string][]
              ).map(([anchor, key]) => (
                <li>
                  <a href={`#${anchor}`}>{t(`projects.detail.${key}`)}</a>
                </li>
              ))}
            </ul>
          </nav>
          <dl class="summary">
            <dt>{t('projects.detail.dates')}</dt>
            <dd>{dates(c, pr.starts_on, pr.ends_on)}</dd>
            <dt>{t('projects.detail.countries')}</dt>
            <dd>{v.countries.map((k) => countryName(k, locale)).join(', ') || '—'}</dd>
            <dt>{t('projects.detail.objectives')}</dt>
            <dd>{pr.objectives || '—'}</dd>
            {insider && (
              <>
                <dt>{t('projects.detail.agreement')}</dt>
                <dd>
                  {p.agreement ? (
                    <a href={`/conventions/${p.agreement.id}`}>{p.agreement.title}</a>
                  ) : p.canEdit ? (
                    <a href={newAgreementForProject(id)}>{t('projects.detail.agreement_start')}</a>
                  ) : (
                    '—'
                  )}
                </dd>
              </>
            )}
          </dl>

          {p.canEdit && (
            <section class="card">
              <h2 id="statut">{t('projects.detail.status_change')}</h2>
              {next.length === 0 ? (
                <p>{t('projects.detail.no_next')}</p>
              ) : (
                <form method="post" action={`/projets/${id}/statut`} novalidate>
                  <CsrfField c={c} />
                  <ErrorSummary c={c} errors={errs('status')} />
                  <Select
                    name="to"
                    label={t('projects.detail.status_to')}
                    value={str(vals('status').to)}
                    error={errs('status').to}
                    options={next.map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
                  />
                  <Field
                    name="reason"
                    label={t('projects.detail.reason')}
                    value={str(vals('status').reason)}
                    error={errs('status').reason}
                  />
                  <button type="submit" class="button">
                    {t('projects.detail.status_submit')}
                  </button>
                </form>
              )}
            </section>
          )}

          <h2 id="partenaires">{t('projects.detail.partners')}</h2>
          <ul>
            {v.partners.map((x) => (
              <li>
                {x.organisation_id ? <a href={`/organisations/${x.organisation_id}`}>{x.name}</a> : x.name}
                {x.kind === 'foreign_partner' &&
                  ` (${t('projects.detail.foreign')}, ${countryName(x.country ?? '', locale)})`}
                {x.role && ` — ${x.role}`}
              </li>
            ))}
          </ul>
          {p.canEdit && (
            <details open={p.form === 'partner'}>
              <summary>{t('projects.detail.add_partner')}</summary>
              <form method="post" action={`/projets/${id}/partenaires`} novalidate>
                <CsrfField c={c} />
                <ErrorSummary c={c} errors={errs('partner')} />
                <Field
                  name="organisationId"
                  label={t('projects.detail.partner_org')}
                  value={str(vals('partner').organisationId)}
                  error={errs('partner').organisationId}
                />
                <Field
                  name="foreignName"
                  label={t('projects.detail.partner_foreign')}
                  value={str(vals('partner').foreignName)}
                  error={errs('partner').foreignName}
                />
                <CountryField
                  c={c}
                  name="country"
                  label={t('projects.detail.partner_country')}
                  value={str(vals('partner').country)}
                  error={errs('partner').country}
                />
                <Field
                  name="role"
                  label={t('projects.detail.partner_role')}
                  value={str(vals('partner').role)}
                  error={errs('partner').role}
                />
                <button type="submit" class="button button-secondary">
                  {t('projects.detail.add_partner')}
                </button>
              </form>
            </details>
          )}

          <h2 id="jalons">{t('projects.detail.milestones')}</h2>
          <ul class="timeline">
            {v.milestones.map((m) => (
              <li>
                {formatDate(m.due_on, locale)} — {m.title}
              </li>
            ))}
          </ul>
          {p.canEdit && (
            <form method="post" action={`/projets/${id}/jalons`} novalidate class="filters-inline">
              <CsrfField c={c} />
              <Field
                name="title"
                label={t('projects.detail.milestone_title')}
                value={str(vals('milestone').title)}
                error={errs('milestone').title}
              />
              <Field
                name="dueOn"
                type="date"
                label={t('projects.detail.milestone_due')}
                value={str(vals('milestone').dueOn)}
                error={errs('milestone').dueOn}
              />
              <button type="submit" class="button button-secondary">
                {t('projects.detail.add_milestone')}
              </button>
            </form>
          )}

          {insider && (
            <>
              <h2 id="budget">{t('projects.detail.budget')}</h2>
              <div class="table-wrapper">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('projects.detail.budget_label')}</th>
                      <th scope="col">{t('projects.detail.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.budget.map((b) => (
                      <tr>
                        <td>{b.label}</td>
                        <td>{eur(b.amount)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">{t('projects.detail.budget_total')}</th>
                      <td>{eur(p.summary.budgetTotal)}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
              {p.canEdit && (
                <form method="post" action={`/projets/${id}/budget`} novalidate class="filters-inline">
                  <CsrfField c={c} />
                  <Field
                    name="label"
                    label={t('projects.detail.budget_label')}
                    value={str(vals('budget').label)}
                    error={errs('budget').label}
                  />
                  <Field
                    name="amount"
                    inputmode="decimal"
                    label={t('projects.detail.amount')}
                    value={str(vals('budget').amount)}
                    error={errs('budget').amount}
                  />
                  <button type="submit" class="button button-secondary">
                    {t('projects.detail.add_budget')}
                  </button>
                </form>
              )}

              <h2 id="financements">{t('projects.detail.funding')}</h2>
              <p>
                {t('projects.detail.totals', {
                  requested: eur(p.summary.requestedTotal),
                  obtained: eur(p.summary.obtainedTotal),
                  remaining: eur(p.summary.remaining),
                  covered: p.summary.coveredPercent === null ? '—' : `${p.summary.coveredPercent} %`,
                })}
              </p>
              <div class="table-wrapper">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('projects.detail.funding_source')}</th>
                      <th scope="col">{t('projects.detail.requested')}</th>
                      <th scope="col">{t('projects.detail.obtained')}</th>
                      <th scope="col">{t('projects.detail.funding_status')}</th>
                      <th scope="col">{t('projects.detail.rate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.funding.map((f, i) => (
                      <tr>
                        <td>
                          {f.programmeId ? (
                            <a href={`/financements/${f.programmeId}`}>{f.source}</a>
                          ) : (
                            f.source
                          )}
                        </td>
                        <td>{eur(f.requested)}</td>
                        <td>{f.obtained === null ? '—' : eur(f.obtained)}</td>
                        <td>
                          {p.canEdit ? (
                            <form
                              method="post"
                              action={`/projets/${id}/financements/${f.id}`}
                              novalidate
                              class="filters-inline"
                            >
                              <CsrfField c={c} />
                              <input type="hidden" name="source" value={f.source} />
                              <input type="hidden" name="programmeId" value={f.programmeId ?? ''} />
                              <input type="hidden" name="requested" value={String(f.requested)} />
                              <Select
                                name="status"
                                label={t('projects.detail.funding_status')}
                                value={f.status}
                                options={FUNDING_STATUSES.map((s) => ({
                                  value: s,
                                  label: t(`projects.funding.${s}`),
                                }))}
                              />
                              <Field
                                name="obtained"
                                inputmode="decimal"
                                label={t('projects.detail.obtained')}
                                value={f.obtained === null ? '' : String(f.obtained)}
                              />
                              <button type="submit" class="button button-secondary">
                                {t('projects.detail.update_funding')}
                              </button>
                            </form>
                          ) : (
                            t(`projects.funding.${f.status}`)
                          )}
                        </td>
                        <td>
                          {p.summary.lines[i]?.ratePercent === null
                            ? '—'
                            : `${p.summary.lines[i]?.ratePercent} %`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {p.canEdit && (
                <form method="post" action={`/projets/${id}/financements`} novalidate>
                  <CsrfField c={c} />
                  <ErrorSummary c={c} errors={errs('funding')} />
                  <Select
                    name="programmeId"
                    label={t('projects.detail.funding_programme')}
                    value={str(vals('funding').programmeId)}
                    error={errs('funding').programmeId}
                    emptyLabel="—"
                    options={p.programmes.map((x) => ({ value: x.id, label: x.name }))}
                  />
                  <Field
                    name="source"
                    label={t('projects.detail.funding_source')}
                    value={str(vals('funding').source)}
                    error={errs('funding').source}
                  />
                  <Field
                    name="requested"
                    inputmode="decimal"
                    label={t('projects.detail.requested')}
                    value={str(vals('funding').requested)}
                    error={errs('funding').requested}
                  />
                  <Field
                    name="obtained"
                    inputmode="decimal"
                    label={t('projects.detail.obtained')}
                    value={str(vals('funding').obtained)}
                    error={errs('funding').obtained}
                  />
                  <Select
                    name="status"
                    label={t('projects.detail.funding_status')}
                    value={str(vals('funding').status) || 'planned'}
                    error={errs('funding').status}
                    options={FUNDING_STATUSES.map((s) => ({ value: s, label: t(`projects.funding.${s}`) }))}
                  />
                  <button type="submit" class="button button-secondary">
                    {t('projects.detail.add_funding')}
                  </button>
                </form>
              )}

              <h2 id="eligibilite">{t('projects.detail.eligibility')}</h2>
              <h3>{t('projects.detail.eligible')}</h3>
              {p.eligibility.eligible.length === 0 && <p>{t('projects.detail.eligibility_none')}</p>}
              <ul>
                {p.eligibility.eligible.map((e) => (
                  <li>
                    <a href={`/financements/${e.programme.id}`}>{e.programme.name}</a>
                    <ul>
                      {e.reasons.map((r) => (
                        <li>{r}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
              <details>
                <summary>
                  {t('projects.detail.ineligible')} ({p.eligibility.ineligible.length})
                </summary>
                <ul>
                  {p.eligibility.ineligible.map((e) => (
                    <li>
                      <a href={`/financements/${e.programme.id}`}>{e.programme.name}</a> —{' '}
                      {e.reasons.join(' ')}
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )}

          <h2 id="participants">{t('projects.detail.participants')}</h2>
          <p class="hint">{t('projects.detail.participants_hint')}</p>
          <form method="post" action={`/projets/${id}/participants`} novalidate>
            {p.canEdit && <CsrfField c={c} />}
            <ErrorSummary c={c} errors={errs('participants')} />
            {AUDIENCES.map((a) => (
              <fieldset class="field">
                <legend>{t(`projects.audience.${a}`)}</legend>
                {(Object.keys(DIMENSIONS) as (keyof typeof DIMENSIONS)[]).map((d) => (
                  <fieldset>
                    <legend>{t(`projects.dimension.${d}`)}</legend>
                    {DIMENSIONS[d].map((cat) => {
                      const name = `${a}.${d}.${cat}`;
                      const typed = vals('participants')[name];
                      return (
                        <Field
                          name={name}
                          type="number"
                          min={0}
                          label={t(`projects.cat.${cat}`)}
                          value={typed !== undefined ? str(typed) : String(v.participants[a][d][cat] ?? 0)}
                          error={
                            errs('participants')[name] ??
                            (cat === DIMENSIONS[d][0] ? errs('participants')[`${a}.${d}`] : undefined)
                          }
                        />
                      );
                    })}
                  </fieldset>
                ))}
              </fieldset>
            ))}
            {p.canEdit && (
              <button type="submit" class="button button-secondary">
                {t('projects.detail.save_participants')}
              </button>
            )}
          </form>

          <h2 id="evaluation">{t('projects.detail.assessment')}</h2>
          <form method="post" action={`/projets/${id}/evaluation`} novalidate>
            {p.canEdit && <CsrfField c={c} />}
            <ErrorSummary c={c} errors={errs('assessment')} />
            {CRITERIA.map((cr) => {
              const a = v.assessments.find((x) => x.criterion === cr);
              return (
                <fieldset class="field">
                  <legend>{t(`projects.criterion.${cr}`)}</legend>
                  <p class="hint">{t(`projects.guidance.${cr}`)}</p>
                  <Select
                    name={`${cr}Level`}
                    label={t('projects.level')}
                    value={a ? String(a.level) : ''}
                    error={errs('assessment')[`${cr}Level`]}
                    emptyLabel="—"
                    options={[0, 1, 2, 3].map((n) => ({ value: String(n), label: t(`projects.level.${n}`) }))}
                  />
                  <TextArea
                    name={`${cr}Comment`}
                    rows={2}
                    label={t('projects.comment')}
                    value={a?.comment ?? ''}
                  />
                </fieldset>
              );
            })}
            {p.canEdit && (
              <button type="submit" class="button button-secondary">
                {t('projects.detail.save_assessment')}
              </button>
            )}
          </form>

          {(p.canEdit || admin) && (
            <>
              <h2 id="documents">{t('projects.detail.documents')}</h2>
              <ul>
                {v.documents.map((d) => (
                  <li>
                    <a href={`/projets/${id}/documents/${d.id}`}>{d.file_name}</a> (
                    {Math.ceil(d.size_bytes / 1024)} Ko, {d.uploaded_by_name},{' '}
                    {formatDateTime(d.created_at, locale)})
                  </li>
                ))}
              </ul>
              {p.canEdit && (
                <form
                  method="post"
                  action={`/projets/${id}/documents`}
                  enctype="multipart/form-data"
                  novalidate
                >
                  <CsrfField c={c} />
                  <ErrorSummary c={c} errors={errs('document')} />
                  <Field
                    name="document"
                    type="file"
                    label={t('projects.detail.document')}
                    hint={t('projects.detail.document_hint')}
                    error={errs('document').document}
                  />
                  <button type="submit" class="button button-secondary">
                    {t('projects.detail.add_document')}
                  </button>
                </form>
              )}
            </>
          )}

          {(p.canEdit || admin) && (
            <section class="card">
              <h2 id="publication">{t('projects.detail.publication')}</h2>
              <p>{t(`projects.publication.${pr.publication}`)}</p>
              {p.canEdit && pr.publication === 'private' && (
                <form method="post" action={`/projets/${id}/publication`}>
                  <CsrfField c={c} />
                  <button type="submit" class="button button-secondary">
                    {t('projects.detail.request_publication')}
                  </button>
                </form>
              )}
              {admin && (
                <form method="post" action={`/projets/${id}/publier`}>
                  <CsrfField c={c} />
                  <input type="hidden" name="publish" value={pr.publication === 'published' ? '0' : '1'} />
                  <button type="submit" class="button button-secondary">
                    {pr.publication === 'published'
                      ? t('projects.detail.unpublish')
                      : t('projects.detail.publish')}
                  </button>
                </form>
              )}
            </section>
          )}

          {(p.canEdit || admin) && (
            <>
              <h2 id="historique">{t('projects.detail.timeline')}</h2>
              <ol class="timeline">
                {v.history.map((h) => (
                  <li>
                    {formatDateTime(h.at, locale)} — {h.actor_label} —{' '}
                    {h.action === 'status'
                      ? t('projects.history.status', {
                          from: t(`projects.status.${h.details.from}`),
                          to: t(`projects.status.${h.details.to}`),
                        })
                      : h.action === 'publication'
                        ? t('projects.history.publication', { to: t(`projects.publication.${h.details.to}`) })
                        : t(`projects.history.${h.action}`)}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      ),
    },
    status,
  );
}
