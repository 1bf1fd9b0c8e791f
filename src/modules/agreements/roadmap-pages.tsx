/** Pages of the annual roadmap: /conventions/:id/feuilles-de-route/:year (art. 3 and 4). */
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError, type FieldErrors } from '../../http/errors.js';
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
import type { Registrar } from '../../http/registry.js';
import { readForm } from '../../http/validation.js';
import { formatDate } from '../../i18n/i18n.js';
import { membershipOf } from '../../policy/actor.js';
import { opContext } from './api.js';
import { approveRoadmap } from './approve-roadmap.js';
import { createRoadmap } from './create-roadmap.js';
import { isIsoDate } from './domain/dates.js';
import { snapshotOn } from './domain/lifecycle.js';
import { ACTION_STATUSES, ENGAGEMENTS, effectiveProgress } from './domain/roadmap.js';
import { exportActions, type ImportReport } from './domain/roadmap-csv.js';
import { conventionYearForCalendarYear } from './domain/roadmap-period.js';
import { ImportRejected, importRoadmapActions } from './import-roadmap-actions.js';
import { agreementPolicies } from './policy.js';
import { roadmapName } from './roadmap-name.js';
import { findRoadmap, loadRoadmap } from './roadmap-store.js';
import { addRoadmapAction, updateRoadmapAction } from './save-roadmap-action.js';
import { loadAgreement, today } from './store.js';

interface RoadmapFormState {
  form: string;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  message?: string;
  report?: ImportReport;
}

const str = (v: string | string[] | undefined) =>
  typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
const yearOf = (c: Context<AppEnv>) => {
  const y = c.req.param('year') ?? '';
  if (!/^\d{1,2}$/.test(y) || Number(y) < 1) throw new AppError('not_found');
  return Number(y);
};

/**
 * The convention year of the page: 1, 2… or a calendar year (…/feuilles-de-route/2026 finds
 * the roadmap of the convention year that starts in 2026; see domain/roadmap-period.ts).
 */
function resolveYear(c: Context<AppEnv>, entry: string | null, termYears: number): number {
  const y = c.req.param('year') ?? '';
  if (!/^\d{4}$/.test(y)) return yearOf(c);
  const k = entry ? conventionYearForCalendarYear(entry, Number(y), termYears) : null;
  if (k === null) {
    throw new AppError(
      'not_found',
      entry
        ? `Aucune année de la convention ne tombe en ${y}.`
        : 'La convention n’est pas encore en vigueur : ses feuilles de route se désignent par année (1, 2, 3…).',
    );
  }
  return k;
}

export function registerRoadmapPages(r: Registrar, deps: Deps) {
  const p = agreementPolicies(deps.db);
  const db = deps.db;

  const page = async (c: Context<AppEnv>, fs?: RoadmapFormState, status = 200) => {
    const t = c.get('t');
    const id = c.req.param('id') ?? '';
    const loaded = await loadAgreement(db, id);
    const day = today(deps.now());
    const s = snapshotOn(loaded.terms, loaded.history, day);
    const year = resolveYear(c, s.inForceFrom, loaded.agreement.term_years);
    const rm = await findRoadmap(db, id, year, loaded.terms.partyIds);
    const actor = c.get('actor');
    const mine = loaded.parties.filter((x) => membershipOf(actor, x.organisation_id)?.role === 'admin');
    const name = (orgId: string) => loaded.parties.find((x) => x.organisation_id === orgId)?.name ?? '—';
    const d = (x: string | null) => (x ? formatDate(x, c.get('locale')) : '—');
    const base = `/conventions/${id}/feuilles-de-route/${year}`;
    const title = t('agreements.roadmap.title', {
      name: roadmapName(t, c.get('locale'), s.inForceFrom, year),
    });
    const v = (form: string, n: string, fallback = '') =>
      fs?.form === form && typeof fs.values[n] === 'string' ? (fs.values[n] as string) : fallback;
    const e = (form: string, n: string) => (fs?.form === form ? fs.errors?.[n] : undefined);
    // One follow-up form at a time (?modifier=<action>): no duplicate field ids on the page.
    const editingId =
      fs?.form === 'update' ? (c.req.param('actionId') ?? null) : (c.req.query('modifier') ?? null);
    const editing = rm?.actions.find((a) => a.id === editingId) ?? null;
    return renderPage(
      c,
      {
        title: `${title} — ${loaded.agreement.title}`,
        section: 'agreements',
        bilingual: true,
        wide: true,
        breadcrumbs: [
          { label: t('agreements.list.title'), href: '/conventions' },
          { label: loaded.agreement.title, href: `/conventions/${id}` },
          { label: title },
        ],
        children: (
          <>
            <PageHeader title={title} lead={loaded.agreement.title}></PageHeader>
            {c.req.query('fait') === 'ok' && <Alert kind="success">{t('agreements.roadmap.saved')}</Alert>}
            {fs?.message && <Alert kind="error">{fs.message}</Alert>}
            {!rm ? (
              <>
                <p>{t('agreements.roadmap.none')}</p>
                {mine.length > 0 && (
                  <form method="post" action={`/conventions/${id}/feuilles-de-route`}>
                    <CsrfField c={c} />
                    <input type="hidden" name="year" value={String(year)} />
                    <button type="submit">{t('agreements.roadmap.create', { year })}</button>
                  </form>
                )}
              </>
            ) : (
              <>
                <dl class="summary">
                  <dt>{t('agreements.roadmap.progress')}</dt>
                  <dd>
                    {rm.progress === null ? (
                      '—'
                    ) : (
                      <>
                        <progress class="roadmap-progress" max={100} value={rm.progress}>
                          {rm.progress} %
                        </progress>{' '}
                        {rm.progress} %
                      </>
                    )}
                  </dd>
                  <dt>{t('agreements.roadmap.validation')}</dt>
                  <dd>
                    {rm.validated ? (
                      <Tag kind="success">{t('agreements.roadmap.validated')}</Tag>
                    ) : (
                      <Tag kind="warning">{t('agreements.roadmap.not_validated')}</Tag>
                    )}
                  </dd>
                  <dt>{t('agreements.field.hash')}</dt>
                  <dd>
                    <code class="agreement-hash">{rm.hash}</code>
                  </dd>
                </dl>
                <h2>{t('agreements.roadmap.approvals')}</h2>
                <ul>
                  {loaded.parties.map((party) => {
                    const a = rm.approvals.find(
                      (x) => x.organisationId === party.organisation_id && x.hash === rm.hash,
                    );
                    return (
                      <li>
                        {party.name} :{' '}
                        {a
                          ? a.approvedByLabel
                            ? t('agreements.roadmap.approved_by', {
                                who: a.approvedByLabel,
                                date: d(a.approvedOn),
                              })
                            : t('agreements.roadmap.approved_on', { date: d(a.approvedOn) })
                          : t('agreements.roadmap.awaiting')}
                      </li>
                    );
                  })}
                </ul>
                {mine.length > 0 && editing && (
                  <div class="agreement-action" id="update-form">
                    <h3>{t('agreements.roadmap.update_title', { title: editing.title })}</h3>
                    <ErrorSummary c={c} errors={fs?.form === 'update' ? fs.errors : undefined} />
                    <form method="post" action={`${base}/actions/${editing.id}`}>
                      <CsrfField c={c} />
                      <Select
                        name="status"
                        label={t('agreements.roadmap.status')}
                        value={v('update', 'status', editing.status)}
                        error={e('update', 'status')}
                        options={ACTION_STATUSES.map((x) => ({
                          value: x,
                          label: t(`agreements.action_status.${x}`),
                        }))}
                      />
                      <Field
                        name="progress"
                        type="number"
                        min={0}
                        max={100}
                        label={t('agreements.roadmap.progress')}
                        value={v('update', 'progress', String(editing.progress))}
                        error={e('update', 'progress')}
                      />
                      <button type="submit">{t('agreements.roadmap.update')}</button>
                    </form>
                  </div>
                )}
                <h2>{t('agreements.roadmap.actions')}</h2>
                <p>
                  <a href={`${base}/actions.csv`}>{t('agreements.roadmap.export')}</a>
                </p>
                {rm.actions.length === 0 ? (
                  <p>{t('agreements.roadmap.no_action')}</p>
                ) : (
                  <div class="table-wrapper">
                    <table>
                      <caption class="visually-hidden">{t('agreements.roadmap.actions')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('agreements.roadmap.action')}</th>
                          <th scope="col">{t('agreements.roadmap.engagement')}</th>
                          <th scope="col">{t('agreements.roadmap.owner')}</th>
                          <th scope="col">{t('agreements.roadmap.target')}</th>
                          <th scope="col">{t('agreements.roadmap.due_on')}</th>
                          <th scope="col">{t('agreements.roadmap.status')}</th>
                          <th scope="col">{t('agreements.roadmap.progress')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rm.actions.map((a) => (
                          <tr>
                            <th scope="row">
                              {a.title}
                              {a.carriedFromActionId && (
                                <>
                                  {' '}
                                  <Tag kind="info">{t('agreements.roadmap.carried')}</Tag>
                                </>
                              )}
                              {a.description && <p class="muted">{a.description}</p>}
                            </th>
                            <td>{t(`agreements.engagement.${a.engagement}`)}</td>
                            <td>
                              {name(a.ownerOrganisationId)}
                              {a.coOwnerIds.length > 0 && (
                                <span class="muted"> + {a.coOwnerIds.map(name).join(', ')}</span>
                              )}
                            </td>
                            <td>
                              {a.indicator} {a.targetValue ?? ''}
                            </td>
                            <td>{d(a.dueOn)}</td>
                            <td>{t(`agreements.action_status.${a.status}`)}</td>
                            <td>
                              {effectiveProgress(a)} %
                              {mine.length > 0 && (
                                <>
                                  {' '}
                                  <a href={`${base}?modifier=${a.id}#update-form`}>
                                    {t('agreements.roadmap.update')}
                                    <span class="visually-hidden"> : {a.title}</span>
                                  </a>
                                </>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {mine.length > 0 && (
                  <section class="agreement-actions" aria-labelledby="roadmap-actions-title">
                    <h2 id="roadmap-actions-title">{t('agreements.detail.actions')}</h2>
                    {rm.actions.length > 0 && !rm.validated && (
                      <details class="agreement-action" open={fs?.form === 'approve'}>
                        <summary>{t('agreements.roadmap.approve')}</summary>
                        <form method="post" action={`${base}/approbations`}>
                          <CsrfField c={c} />
                          <p>
                            {t('agreements.form.approve_hint')} <code class="agreement-hash">{rm.hash}</code>
                          </p>
                          <input type="hidden" name="hash" value={rm.hash} />
                          <Select
                            name="organisationId"
                            label={t('agreements.field.acting_party')}
                            options={mine.map((m) => ({ value: m.organisation_id, label: m.name }))}
                          />
                          <button type="submit">{t('agreements.roadmap.approve_submit')}</button>
                        </form>
                      </details>
                    )}
                    <details class="agreement-action" open={fs?.form === 'action'}>
                      <summary>{t('agreements.roadmap.add')}</summary>
                      {fs?.form === 'action' && <ErrorSummary c={c} errors={fs.errors} />}
                      <form method="post" action={`${base}/actions`}>
                        <CsrfField c={c} />
                        <Field
                          name="title"
                          label={t('agreements.roadmap.action')}
                          required
                          value={v('action', 'title')}
                          error={e('action', 'title')}
                        />
                        <TextArea
                          name="description"
                          rows={3}
                          label={t('agreements.roadmap.description')}
                          value={v('action', 'description')}
                        />
                        <Select
                          name="engagement"
                          label={t('agreements.roadmap.engagement')}
                          required
                          value={v('action', 'engagement')}
                          error={e('action', 'engagement')}
                          options={ENGAGEMENTS.map((x) => ({
                            value: x,
                            label: t(`agreements.engagement.${x}`),
                          }))}
                        />
                        <Select
                          name="ownerOrganisationId"
                          label={t('agreements.roadmap.owner')}
                          required
                          value={v('action', 'ownerOrganisationId')}
                          error={e('action', 'ownerOrganisationId')}
                          options={loaded.parties.map((x) => ({ value: x.organisation_id, label: x.name }))}
                        />
                        <Field
                          name="indicator"
                          label={t('agreements.roadmap.indicator')}
                          value={v('action', 'indicator')}
                        />
                        <Field
                          name="targetValue"
                          label={t('agreements.roadmap.target_value')}
                          inputmode="decimal"
                          value={v('action', 'targetValue')}
                          error={e('action', 'targetValue')}
                        />
                        <Field
                          name="dueOn"
                          type="date"
                          label={t('agreements.roadmap.due_on')}
                          value={v('action', 'dueOn')}
                          error={e('action', 'dueOn')}
                        />
                        <Field
                          name="weight"
                          type="number"
                          min={0}
                          max={100}
                          label={t('agreements.roadmap.weight')}
                          value={v('action', 'weight', '1')}
                          error={e('action', 'weight')}
                        />
                        <button type="submit">{t('agreements.roadmap.add_submit')}</button>
                      </form>
                    </details>
                    <details class="agreement-action" open={fs?.form === 'import'}>
                      <summary>{t('agreements.roadmap.import')}</summary>
                      <p class="hint">{t('agreements.roadmap.import_hint')}</p>
                      {fs?.report && fs.report.errors.length > 0 && (
                        <div class="error-summary" role="alert">
                          <h3>{t('agreements.roadmap.import_errors')}</h3>
                          <ul>
                            {fs.report.errors.map((x) => (
                              <li>
                                {t('agreements.roadmap.line', { n: x.line })} : {x.messages.join(' ')}
                              </li>
                            ))}
                          </ul>
                        </div>
                      )}
                      <form method="post" action={`${base}/import`} enctype="multipart/form-data">
                        <CsrfField c={c} />
                        <div class="field">
                          <label for="champ-file">{t('agreements.roadmap.csv_file')}</label>
                          <input id="champ-file" type="file" name="file" accept=".csv,text/csv" />
                        </div>
                        <TextArea
                          name="csv"
                          rows={5}
                          label={t('agreements.roadmap.csv_text')}
                          value={v('import', 'csv')}
                        />
                        <button type="submit">{t('agreements.roadmap.import_submit')}</button>
                      </form>
                    </details>
                  </section>
                )}
              </>
            )}
          </>
        ),
      },
      status,
    );
  };

  r.page('GET', '/conventions/:id/feuilles-de-route/:year', p.viewer, (c) => page(c));

  const handle =
    (
      form: string,
      run: (c: Context<AppEnv>, values: Record<string, string | string[]>) => Promise<unknown>,
    ) =>
    async (c: Context<AppEnv>) => {
      const values = await readForm(c);
      try {
        await run(c, values);
      } catch (err) {
        if (err instanceof ImportRejected)
          return page(c, { form, values, report: err.report, message: err.message }, 422);
        if (err instanceof AppError && err.code === 'validation')
          return page(c, { form, values, errors: err.fields }, 422);
        if (err instanceof AppError && err.code === 'conflict')
          return page(c, { form, values, message: err.message }, 409);
        throw err;
      }
      return c.redirect(`/conventions/${c.req.param('id')}/feuilles-de-route/${yearOf(c)}?fait=ok`, 303);
    };

  r.page('POST', '/conventions/:id/feuilles-de-route', p.partyAdmin(), async (c) => {
    const values = await readForm(c);
    const year = Number(str(values.year));
    const id = c.req.param('id') ?? '';
    await db.transaction((tx) => createRoadmap(opContext(c, tx), id, year));
    return c.redirect(`/conventions/${id}/feuilles-de-route/${year}?fait=ok`, 303);
  });

  r.page(
    'POST',
    '/conventions/:id/feuilles-de-route/:year/actions',
    p.partyAdmin(),
    handle('action', async (c, v) => {
      const num = (x: string) => (x.trim() === '' ? null : Number(x.replace(',', '.')));
      const dueOn = str(v.dueOn) || null;
      if (dueOn && !isIsoDate(dueOn))
        throw new AppError('validation', undefined, { dueOn: 'Indiquez une date au format AAAA-MM-JJ.' });
      await db.transaction((tx) =>
        addRoadmapAction(opContext(c, tx), c.req.param('id') ?? '', yearOf(c), {
          title: str(v.title),
          description: str(v.description),
          engagement: str(v.engagement) as any,
          ownerOrganisationId: str(v.ownerOrganisationId),
          coOwnerIds: [v.coOwnerIds ?? []].flat().filter(Boolean),
          indicator: str(v.indicator),
          targetValue: num(str(v.targetValue)),
          dueOn,
          status: 'planned',
          progress: 0,
          weight: Number(str(v.weight) || '1'),
        }),
      );
    }),
  );

  r.page(
    'POST',
    '/conventions/:id/feuilles-de-route/:year/actions/:actionId',
    p.partyAdmin(),
    handle('update', async (c, v) => {
      await db.transaction((tx) =>
        updateRoadmapAction(
          opContext(c, tx),
          c.req.param('id') ?? '',
          yearOf(c),
          c.req.param('actionId') ?? '',
          {
            status: str(v.status),
            progress: Number(str(v.progress)),
          },
        ),
      );
    }),
  );

  r.page(
    'POST',
    '/conventions/:id/feuilles-de-route/:year/approbations',
    p.actingParty('organisationId'),
    handle('approve', async (c, v) => {
      await db.transaction((tx) =>
        approveRoadmap(opContext(c, tx), c.req.param('id') ?? '', yearOf(c), {
          organisationId: str(v.organisationId),
          hash: str(v.hash),
        }),
      );
    }),
  );

  r.page(
    'POST',
    '/conventions/:id/feuilles-de-route/:year/import',
    p.partyAdmin(),
    handle('import', async (c, v) => {
      const body = await c.req.parseBody({ all: true });
      const f = [body.file].flat()[0];
      const csv = f && typeof f !== 'string' && f.size > 0 ? await f.text() : str(v.csv);
      if (!csv.trim())
        throw new AppError('validation', undefined, {
          file: 'Joignez un fichier CSV ou collez son contenu.',
        });
      await db.transaction((tx) =>
        importRoadmapActions(opContext(c, tx), c.req.param('id') ?? '', yearOf(c), csv),
      );
    }),
  );

  r.asset('GET', '/conventions/:id/feuilles-de-route/:year/actions.csv', p.viewer, async (c) => {
    const id = c.req.param('id') ?? '';
    const loaded = await loadAgreement(db, id);
    const rm = await loadRoadmap(db, id, yearOf(c), loaded.terms.partyIds);
    const csv = exportActions(
      rm.actions,
      (orgId) => loaded.parties.find((x) => x.organisation_id === orgId)?.name ?? orgId,
    );
    return c.body(`\uFEFF${csv}`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="feuille-de-route-annee-${yearOf(c)}.csv"`,
    });
  });
}
