import type { Context } from 'hono';
import { type AuditContext, audit } from '../../../audit/audit.js';
import { sql } from '../../../db/sql.js';
import type { AppEnv } from '../../../http/context.js';
import { AppError, type FieldErrors } from '../../../http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  Select,
  Tag,
  TextArea,
} from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import type { Registrar } from '../../../http/registry.js';
import { formatDate, formatNumber } from '../../../i18n/i18n.js';
import { enqueue } from '../../../jobs/queue.js';
import { policies } from '../../../policy/policy.js';
import { importBuiltinMissionsLocales } from './builtin-missions-locales.js';
import { ML_FORMATS, type MlFormat } from './domain/missions-locales.js';
import { editTerritory, type TerritoryEdit, territoryOf } from './edit-territory.js';
import { geographyProgress } from './import-geography.js';
import { importMissionsLocales, type MlImportReport } from './import-missions-locales.js';
import { firstStartState, IMPORT_GEOGRAPHY_JOB } from './jobs.js';

const auditCtx = (c: Context<AppEnv>): AuditContext => ({
  actor: c.get('actor'),
  requestId: c.get('requestId'),
});

// ---------------------------------------------------------------- ML import (network admins)

async function importForm(
  c: Context<AppEnv>,
  values: { format?: string; simulation?: boolean; partiel?: boolean } = {},
  errors?: FieldErrors,
  status = 200,
) {
  const t = c.get('t');
  const db = c.get('deps').db;
  const communes = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM communes`);
  const missionsLocales = await db.one<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'mission_locale' AND NOT is_demo`,
  );
  const progress = await geographyProgress(db);
  const firstStart = await firstStartState(db);
  return renderPage(
    c,
    {
      title: t('territory.import.title'),
      section: 'admin',
      breadcrumbs: [{ label: t('nav.admin'), href: '/admin' }, { label: t('territory.import.title') }],
      children: (
        <>
          <PageHeader title={t('territory.import.title')} lead={t('territory.import.lead')} />
          <ErrorSummary c={c} errors={errors} />
          <form
            method="post"
            action="/admin/import/missions-locales"
            enctype="multipart/form-data"
            novalidate
          >
            <CsrfField c={c} />
            <Select
              name="format"
              label={t('territory.import.format')}
              hint={t('territory.import.format_hint')}
              required
              value={values.format ?? 'imilo'}
              error={errors?.format}
              options={ML_FORMATS.map((f) => ({ value: f, label: t(`territory.import.format.${f}`) }))}
            />
            <div class={errors?.fichiers ? 'field field-error' : 'field'}>
              <label for="champ-fichiers">
                {t('territory.import.files')}
                <span class="required"> (obligatoire)</span>
              </label>
              <p class="hint" id="champ-fichiers-hint">
                {t('territory.import.files_hint', {
                  limit: formatNumber(c.get('deps').config.BODY_LIMIT_KB),
                })}
              </p>
              {errors?.fichiers && (
                <p class="error-message" id="champ-fichiers-error">
                  <span class="visually-hidden">Erreur : </span>
                  {errors.fichiers}
                </p>
              )}
              <input
                id="champ-fichiers"
                name="fichiers"
                type="file"
                multiple
                accept=".json,.csv,.jsonl,application/json,text/csv"
                aria-describedby={
                  errors?.fichiers ? 'champ-fichiers-hint champ-fichiers-error' : 'champ-fichiers-hint'
                }
              />
            </div>
            <div class="checkbox">
              <input
                type="checkbox"
                id="champ-simulation"
                name="simulation"
                value="1"
                checked={values.simulation ?? true}
              />
              <label for="champ-simulation">{t('territory.import.dry_run')}</label>
            </div>
            <div class="checkbox">
              <input
                type="checkbox"
                id="champ-partiel"
                name="partiel"
                value="1"
                checked={values.partiel ?? false}
              />
              <label for="champ-partiel">{t('territory.import.partial')}</label>
            </div>
            <p>
              <button type="submit" class="button">
                {t('territory.import.submit')}
              </button>
            </p>
          </form>
          <h2 id="liste-livree">{t('territory.builtin.title')}</h2>
          <p>
            {t('territory.builtin.lead', {
              known: formatNumber(missionsLocales.n),
            })}
          </p>
          <form method="post" action="/admin/import/missions-locales/liste-livree">
            <CsrfField c={c} />
            <button type="submit" class="button button-secondary">
              {t('territory.builtin.submit')}
            </button>
          </form>
          <h2>{t('territory.import.csv_title')}</h2>
          <p>{t('territory.import.csv_columns')}</p>
          <h2 id="geographie">{t('territory.geography.title')}</h2>
          {c.req.query('geographie') === '1' && (
            <Alert kind="success">
              <p>{t('territory.geography.queued')}</p>
            </Alert>
          )}
          <p>{t('territory.geography.known', { communes: formatNumber(communes.n) })}</p>
          {progress && (
            <p role="status">
              {t(`territory.progress.${progress.status}`, {
                percent: String(Math.floor((100 * progress.done) / Math.max(1, progress.total))),
                done: formatNumber(progress.done),
                total: formatNumber(progress.total),
                step: progress.step,
                date: formatDate(progress.startedAt.slice(0, 10), c.get('locale')),
              })}
            </p>
          )}
          {firstStart && firstStart.phase !== 'done' && (
            <p>{t(`territory.first_start.${firstStart.phase}`)}</p>
          )}
          <form method="post" action="/admin/import/geographie">
            <CsrfField c={c} />
            <p class="hint">{t('territory.geography.hint')}</p>
            <button type="submit" class="button button-secondary">
              {t('territory.geography.submit')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}

function ImportReport({ c, r }: { c: Context<AppEnv>; r: MlImportReport }) {
  const t = c.get('t');
  const n = (x: number) => formatNumber(x, c.get('locale'));
  const kind =
    r.rejected.length && !r.imported && !r.dryRun ? 'error' : r.rejected.length ? 'warning' : 'success';
  const changed = r.changes.filter((x) => x.action !== 'unchanged');
  return (
    <>
      <Alert
        kind={kind}
        title={
          r.dryRun
            ? t('territory.report.dry_run')
            : r.imported
              ? t('territory.report.imported')
              : t('territory.report.nothing_imported')
        }
      >
        <p>
          {t('territory.report.summary', {
            read: n(r.read),
            accepted: n(r.accepted),
            rejected: n(r.rejected.length),
          })}
        </p>
        {r.dryRun && r.rejected.length > 0 && !r.partial && <p>{t('territory.report.dry_run_rejected')}</p>}
        {(r.imported || r.dryRun) && (
          <p>
            {t('territory.report.changes', {
              created: n(r.created),
              updated: n(r.updated),
              unchanged: n(r.unchanged),
            })}
          </p>
        )}
      </Alert>
      {r.rejected.length > 0 && (
        <div class="table-wrapper">
          <table>
            <caption>{t('territory.report.rejected_caption', { count: n(r.rejected.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('territory.report.col_file')}</th>
                <th scope="col">{t('territory.report.col_where')}</th>
                <th scope="col">{t('territory.report.col_reason')}</th>
              </tr>
            </thead>
            <tbody>
              {r.rejected.map((x) => (
                <tr>
                  <td>{x.file}</td>
                  <td>{x.where}</td>
                  <td>{x.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changed.length > 0 && (
        <div class="table-wrapper">
          <table>
            <caption>{t('territory.report.changes_caption', { count: n(changed.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('territory.report.col_code')}</th>
                <th scope="col">{t('territory.report.col_name')}</th>
                <th scope="col">{t('territory.report.col_action')}</th>
                <th scope="col">{t('territory.report.col_seat')}</th>
                <th scope="col" class="num">
                  {t('territory.report.col_communes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {changed.map((x) => (
                <tr>
                  <td>{x.code}</td>
                  <td>{x.name}</td>
                  <td>{t(`territory.report.action.${x.action}`)}</td>
                  <td>
                    {x.seatInsee}
                    {x.seatResolution !== 'direct' && ` (${t(`territory.resolution.${x.seatResolution}`)})`}
                  </td>
                  <td class="num">
                    {n(x.communes)}{' '}
                    <Tag kind={x.coverage === 'declared' ? 'success' : 'warning'}>
                      {t(`territory.coverage.${x.coverage}`)}
                    </Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// ---------------------------------------------------------------- territory of an organisation

async function territoryPage(
  c: Context<AppEnv>,
  errors?: FieldErrors,
  values: Record<string, string> = {},
  status = 200,
) {
  const t = c.get('t');
  const id = c.req.param('id') ?? '';
  const db = c.get('deps').db;
  const org = /^[0-9a-f-]{36}$/i.test(id)
    ? await db.maybeOne<{ id: string; name: string; kind: string }>(
        sql`SELECT id, name, kind FROM organisations WHERE id = ${id}`,
      )
    : null;
  if (!org) throw new AppError('not_found');
  const communes = await territoryOf(db, org.id);
  const approximate = communes.filter((x) => x.coverage === 'approximate').length;
  const editable = org.kind === 'mission_locale';
  const n = (x: number) => formatNumber(x, c.get('locale'));
  const done = c.req.query('fait');
  return renderPage(
    c,
    {
      title: t('territory.edit.title', { name: org.name }),
      section: 'directory',
      breadcrumbs: [
        { label: t('nav.directory'), href: '/annuaire' },
        { label: org.name, href: `/organisations/${org.id}` },
        { label: t('territory.edit.crumb') },
      ],
      children: (
        <>
          <PageHeader title={t('territory.edit.title', { name: org.name })} lead={t('territory.edit.lead')} />
          {done && <Alert kind="success">{t('territory.edit.saved')}</Alert>}
          <ErrorSummary c={c} errors={errors} />
          {approximate > 0 && (
            <Alert kind="warning" title={t('territory.edit.approximate_title')}>
              <p>{t('territory.edit.approximate_text')}</p>
            </Alert>
          )}
          {!editable && <Alert kind="info">{t('territory.edit.authority_readonly')}</Alert>}
          {editable && (
            <div class="grid-3">
              <form method="post" action={`/organisations/${org.id}/territoire`} class="card">
                <CsrfField c={c} />
                <input type="hidden" name="action" value="ajouter" />
                <TextArea
                  name="communes"
                  label={t('territory.edit.add_label')}
                  hint={t('territory.edit.add_hint')}
                  rows={4}
                  value={values.communes}
                  error={errors?.communes}
                />
                <button type="submit" class="button">
                  {t('territory.edit.add_submit')}
                </button>
              </form>
              <form method="post" action={`/organisations/${org.id}/territoire`} class="card">
                <CsrfField c={c} />
                <input type="hidden" name="action" value="ajouter_epci" />
                <Field
                  name="epci"
                  label={t('territory.edit.epci_label')}
                  hint={t('territory.edit.epci_hint')}
                  value={values.epci}
                  error={errors?.epci}
                />
                <button type="submit" class="button">
                  {t('territory.edit.epci_submit')}
                </button>
              </form>
            </div>
          )}
          <form method="post" action={`/organisations/${org.id}/territoire`}>
            <CsrfField c={c} />
            <input type="hidden" name="action" value="retirer" />
            {errors?.retirer && (
              <p class="error-message" id="champ-retirer">
                {errors.retirer}
              </p>
            )}
            <div class="table-wrapper">
              <table>
                <caption>{t('territory.edit.caption', { count: n(communes.length) })}</caption>
                <thead>
                  <tr>
                    {editable && (
                      <th scope="col">
                        <span class="visually-hidden">{t('territory.edit.col_select')}</span>
                      </th>
                    )}
                    <th scope="col">{t('territory.edit.col_commune')}</th>
                    <th scope="col">{t('territory.edit.col_insee')}</th>
                    <th scope="col">{t('territory.edit.col_departement')}</th>
                    <th scope="col">{t('territory.edit.col_coverage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {communes.length === 0 && (
                    <tr>
                      <td colspan={editable ? 5 : 4}>{t('territory.edit.empty')}</td>
                    </tr>
                  )}
                  {communes.map((x) => (
                    <tr>
                      {editable && (
                        <td>
                          <input
                            type="checkbox"
                            name="retirer"
                            value={x.insee}
                            id={`retirer-${x.insee}`}
                            aria-label={t('territory.edit.remove_one', { name: x.name })}
                          />
                        </td>
                      )}
                      <td>{x.name}</td>
                      <td>{x.insee}</td>
                      <td>{x.departementCode}</td>
                      <td>
                        <Tag kind={x.coverage === 'declared' ? 'success' : 'warning'}>
                          {t(`territory.coverage.${x.coverage}`)}
                        </Tag>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {editable && communes.length > 0 && (
              <p>
                <button type="submit" class="button button-secondary">
                  {t('territory.edit.remove_submit')}
                </button>
              </p>
            )}
          </form>
        </>
      ),
    },
    status,
  );
}

function reportPage(c: Context<AppEnv>, report: MlImportReport) {
  const t = c.get('t');
  const status = report.rejected.length && !report.imported && !report.dryRun ? 422 : 200;
  return renderPage(
    c,
    {
      title: t('territory.report.title'),
      section: 'admin',
      wide: true,
      breadcrumbs: [
        { label: t('nav.admin'), href: '/admin' },
        { label: t('territory.import.title'), href: '/admin/import/missions-locales' },
        { label: t('territory.report.title') },
      ],
      children: (
        <>
          <PageHeader title={t('territory.report.title')} />
          <ImportReport c={c} r={report} />
          <p>
            <a href="/admin/import/missions-locales" class="button button-secondary">
              {t('territory.report.again')}
            </a>
          </p>
        </>
      ),
    },
    status,
  );
}

export function registerTerritoryPages(r: Registrar) {
  r.page('GET', '/admin/import/missions-locales', policies.networkAdmin, (c) => importForm(c));

  // The official geography, imported by the background worker (same code as the CLI).
  r.page('POST', '/admin/import/geographie', policies.networkAdmin, async (c) => {
    await c.get('deps').db.transaction(async (tx) => {
      const queued = await enqueue(
        tx,
        IMPORT_GEOGRAPHY_JOB,
        {},
        { dedupeKey: IMPORT_GEOGRAPHY_JOB, maxAttempts: 2 },
      );
      await audit(tx, auditCtx(c), {
        action: 'geography.import_requested',
        entityType: 'geography',
        entityId: 'COG 2026',
        after: { queued: queued !== null },
      });
    });
    return c.redirect('/admin/import/missions-locales?geographie=1#geographie', 303);
  });

  // The list shipped with Passerelle (same import as a file; a second run changes nothing).
  r.page('POST', '/admin/import/missions-locales/liste-livree', policies.networkAdmin, async (c) => {
    const body = await c.req.parseBody();
    const report = await importBuiltinMissionsLocales(c.get('deps').db, {
      dryRun: body.simulation === '1',
      actor: auditCtx(c),
    });
    return reportPage(c, report);
  });

  r.page('POST', '/admin/import/missions-locales', policies.networkAdmin, async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const format = typeof body.format === 'string' ? body.format : '';
    const simulation = body.simulation === '1';
    const partiel = body.partiel === '1';
    const uploads = [body.fichiers].flat().filter((f): f is File => f instanceof File && f.size > 0);
    const errors: FieldErrors = {};
    if (!ML_FORMATS.includes(format as MlFormat)) errors.format = t('territory.import.error_format');
    if (!uploads.length) errors.fichiers = t('territory.import.error_files');
    if (Object.keys(errors).length) return importForm(c, { format, simulation, partiel }, errors, 422);
    const files = await Promise.all(uploads.map(async (f) => ({ name: f.name, content: await f.text() })));
    const report = await importMissionsLocales(c.get('deps').db, {
      format: format as MlFormat,
      files,
      dryRun: simulation,
      partial: partiel,
      actor: auditCtx(c),
    });
    return reportPage(c, report);
  });

  r.page('GET', '/organisations/:id/territoire', policies.orgAdmin('id'), (c) => territoryPage(c));

  r.page('POST', '/organisations/:id/territoire', policies.orgAdmin('id'), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const action = str(body.action);
    let edit: TerritoryEdit;
    if (action === 'ajouter') edit = { action: 'add', communes: str(body.communes) };
    else if (action === 'ajouter_epci') edit = { action: 'add_epci', epci: str(body.epci) };
    else if (action === 'retirer')
      edit = {
        action: 'remove',
        insee: [body.retirer].flat().filter((x): x is string => typeof x === 'string'),
      };
    else throw new AppError('bad_request', c.get('t')('territory.edit.error_action'));
    const id = c.req.param('id') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found');
    try {
      await editTerritory(c.get('deps').db, auditCtx(c), id, edit);
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation' && e.fields)
        return territoryPage(c, e.fields, { communes: str(body.communes), epci: str(body.epci) }, 422);
      throw e;
    }
    return c.redirect(`/organisations/${id}/territoire?fait=1`, 303);
  });
}
