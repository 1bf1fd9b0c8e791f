import type { Context } from 'hono';
import { z } from 'zod';
import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import type { AppEnv } from '../../http/context.js';
import { AppError, type FieldErrors } from '../../http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  Pagination,
  Select,
  Tag,
} from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { fieldErrors } from '../../http/validation.js';
import { formatDateTime, formatNumber } from '../../i18n/i18n.js';
import { retryJob } from '../../jobs/queue.js';
import { isPlatformAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import {
  CSV_MAX_ROWS,
  changedKeys,
  type JournalFilters,
  journalChoices,
  journalCsv,
  journalFiltersSchema,
  journalPage,
  journalWhere,
  PAGE_SIZE,
  pageParam,
  showValue,
  withQuery,
} from './domain/journal.js';

const JOB_STATUSES = ['pending', 'running', 'failed', 'done'] as const;
type JobStatus = (typeof JOB_STATUSES)[number];
const jobStatusTag: Record<JobStatus, 'info' | 'warning' | 'error' | 'success'> = {
  pending: 'info',
  running: 'warning',
  failed: 'error',
  done: 'success',
};
const mailStatusTag: Record<string, 'info' | 'success' | 'neutral' | 'error'> = {
  queued: 'info',
  sent: 'success',
  kept: 'neutral',
  failed: 'error',
};

const adminCrumbs = (c: Context<AppEnv>, label?: string) => {
  const t = c.get('t');
  return [
    { label: t('nav.home'), href: '/' },
    { label: t('admin.title'), href: '/admin' },
    ...(label ? [{ label }] : []),
  ];
};

/** Reads the query string with a zod schema; bad values are reported, never thrown away silently. */
function readQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S) {
  const raw = c.req.query();
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true as const, data: parsed.data as z.infer<S>, raw }
    : { ok: false as const, errors: fieldErrors(parsed.error), raw };
}

const jobsQuery = z.object({
  statut: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(JOB_STATUSES, { error: 'Statut : choisissez en attente, en cours, en échec ou terminée.' })
      .optional(),
  ),
  page: pageParam,
  relancee: z.string().regex(/^\d+$/).optional().catch(undefined),
});
const outboxQuery = z.object({ page: pageParam });

function notFound(): never {
  throw new AppError('not_found');
}

export const adminModule: Module = {
  name: 'admin',
  register(r, deps) {
    const { db } = deps;

    // ---- Dashboard -----------------------------------------------------------------
    r.page('GET', '/admin', policies.networkAdmin, async (c) => {
      const t = c.get('t');
      const locale = c.get('locale');
      const kinds = await db.many<{ kind: string; n: number }>(
        sql`SELECT kind, count(*)::int AS n FROM organisations GROUP BY kind ORDER BY kind`,
      );
      const counts = await db.one<{
        users: number;
        disabled: number;
        pending: number;
        failed: number;
        outbox: number;
        kept: number;
        audit: number;
      }>(sql`SELECT
          (SELECT count(*)::int FROM users) AS users,
          (SELECT count(*)::int FROM users WHERE disabled_at IS NOT NULL) AS disabled,
          (SELECT count(*)::int FROM jobs WHERE status = 'pending') AS pending,
          (SELECT count(*)::int FROM jobs WHERE status = 'failed') AS failed,
          (SELECT count(*)::int FROM mail_outbox) AS outbox,
          (SELECT count(*)::int FROM mail_outbox WHERE status = 'kept') AS kept,
          (SELECT count(*)::int FROM audit_log) AS audit`);
      const platform = isPlatformAdmin(c.get('actor'));
      const n = (x: number) => formatNumber(x, locale);
      const totalOrgs = kinds.reduce((s, k) => s + k.n, 0);
      return renderPage(c, {
        title: t('admin.title'),
        section: 'admin',
        breadcrumbs: adminCrumbs(c),
        children: (
          <>
            <PageHeader title={t('admin.title')} lead={t('admin.lead')} />
            <section class="grid-3" aria-labelledby="admin-figures">
              <h2 id="admin-figures" class="grid-title">
                {t('admin.figures')}
              </h2>
              <div class="card">
                <p class="admin-figure">{n(totalOrgs)}</p>
                <p>{t('admin.count_organisations')}</p>
              </div>
              <div class="card">
                <p class="admin-figure">{n(counts.users)}</p>
                <p>{t('admin.count_users', { disabled: n(counts.disabled) })}</p>
              </div>
              <div class="card">
                <p class="admin-figure">{n(counts.pending)}</p>
                <p>{t('admin.count_jobs_pending')}</p>
              </div>
              <div class="card">
                <p class="admin-figure">{n(counts.failed)}</p>
                <p>{t('admin.count_jobs_failed')}</p>
              </div>
              <div class="card">
                <p class="admin-figure">{n(counts.outbox)}</p>
                <p>{t('admin.count_outbox', { kept: n(counts.kept) })}</p>
              </div>
              <div class="card">
                <p class="admin-figure">{n(counts.audit)}</p>
                <p>{t('admin.count_audit')}</p>
              </div>
            </section>
            <div class="table-wrapper">
              <table>
                <caption>{t('admin.orgs_by_kind')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.col_kind')}</th>
                    <th scope="col" class="num">
                      {t('admin.col_count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {kinds.length === 0 && (
                    <tr>
                      <td colspan={2}>{t('admin.no_organisations')}</td>
                    </tr>
                  )}
                  {kinds.map((k) => (
                    <tr>
                      <td>{t(`admin.org_kind.${k.kind}`)}</td>
                      <td class="num">{n(k.n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>{t('admin.links')}</h2>
            <ul>
              <li>
                <a href="/admin/journal">{t('admin.journal_title')}</a> — {t('admin.journal_link_hint')}
              </li>
              <li>
                <a href="/admin/mises-en-relation">{t('admin.pipeline_link')}</a> —{' '}
                {t('admin.pipeline_link_hint')}
              </li>
              <li>
                <a href="/admin/opportunites">{t('admin.opportunities_link')}</a> —{' '}
                {t('admin.opportunities_link_hint')}
              </li>
              <li>
                <a href="/admin/import/missions-locales">{t('admin.import_ml_link')}</a> —{' '}
                {t('admin.import_ml_link_hint')}
              </li>
              {platform && (
                <li>
                  <a href="/admin/taches">{t('admin.jobs_title')}</a> — {t('admin.jobs_link_hint')}
                </li>
              )}
              {platform && (
                <li>
                  <a href="/admin/outbox">{t('admin.outbox_title')}</a> — {t('admin.outbox_link_hint')}
                </li>
              )}
            </ul>
          </>
        ),
      });
    });

    // ---- Journal (audit log) ---------------------------------------------------------
    r.page('GET', '/admin/journal', policies.networkAdmin, async (c) => {
      const t = c.get('t');
      const locale = c.get('locale');
      const q = readQuery(c, journalFiltersSchema);
      const choices = await journalChoices(db);
      const filters: JournalFilters = q.ok
        ? q.data
        : { page: 1, entite: undefined, action: undefined, acteur: undefined };
      const { total, pages, rows } = await journalPage(db, filters);
      const values = q.raw;
      const errors: FieldErrors | undefined = q.ok ? undefined : q.errors;
      const shared = {
        entite: filters.entite,
        action: filters.action,
        acteur: filters.acteur,
        du: filters.du,
        au: filters.au,
      };
      const labels = {
        entite: t('admin.filter_entity'),
        action: t('admin.filter_action'),
        acteur: t('admin.filter_actor'),
        du: t('admin.filter_from'),
        au: t('admin.filter_to'),
        page: t('admin.filter_page'),
      };
      return renderPage(
        c,
        {
          title: t('admin.journal_title'),
          section: 'admin',
          wide: true,
          breadcrumbs: adminCrumbs(c, t('admin.journal_title')),
          children: (
            <>
              <PageHeader title={t('admin.journal_title')} lead={t('admin.journal_lead')} />
              <ErrorSummary c={c} errors={errors} />
              <form
                method="get"
                action="/admin/journal"
                class="admin-filters"
                aria-label={t('admin.filters')}
              >
                <Select
                  name="entite"
                  label={labels.entite}
                  value={values.entite}
                  error={errors?.entite}
                  emptyLabel={t('admin.filter_all')}
                  options={choices.entities.map((e) => ({ value: e, label: e }))}
                />
                <Select
                  name="action"
                  label={labels.action}
                  value={values.action}
                  error={errors?.action}
                  emptyLabel={t('admin.filter_all')}
                  options={choices.actions.map((a) => ({ value: a, label: a }))}
                />
                <Field
                  name="acteur"
                  label={labels.acteur}
                  hint={t('admin.filter_actor_hint')}
                  value={values.acteur}
                  error={errors?.acteur}
                  type="search"
                />
                <Field name="du" label={labels.du} type="date" value={values.du} error={errors?.du} />
                <Field name="au" label={labels.au} type="date" value={values.au} error={errors?.au} />
                <p class="button-group">
                  <button type="submit">{t('admin.filter_submit')}</button>
                  <a href="/admin/journal">{t('admin.filter_reset')}</a>
                  <a href={withQuery('/admin/journal.csv', shared)} download>
                    {t('admin.journal_csv')}
                  </a>
                </p>
              </form>
              <p role="status">{t('admin.journal_count', { n: formatNumber(total, locale) })}</p>
              {rows.length === 0 ? (
                <p>{t('admin.journal_empty')}</p>
              ) : (
                <div class="table-wrapper">
                  <table class="stack">
                    <caption>{t('admin.journal_caption', { page: filters.page, pages })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.col_date')}</th>
                        <th scope="col">{t('admin.col_actor')}</th>
                        <th scope="col">{t('admin.col_action')}</th>
                        <th scope="col">{t('admin.col_entity')}</th>
                        <th scope="col">{t('admin.col_changes')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => {
                        const changes = changedKeys(row.before, row.after);
                        return (
                          <tr id={`entree-${row.id}`}>
                            <td data-label={t('admin.col_date')}>
                              <time datetime={row.at.toISOString()}>{formatDateTime(row.at, locale)}</time>
                            </td>
                            <td data-label={t('admin.col_actor')}>{row.actor_label}</td>
                            <td data-label={t('admin.col_action')}>
                              <code>{row.action}</code>
                            </td>
                            <td data-label={t('admin.col_entity')}>
                              {row.entity_type}
                              {row.entity_id && (
                                <>
                                  {' '}
                                  <code class="admin-id">{row.entity_id}</code>
                                </>
                              )}
                            </td>
                            <td data-label={t('admin.col_changes')}>
                              {changes.length === 0 ? (
                                <span class="admin-muted">{t('admin.no_changes')}</span>
                              ) : (
                                <ul class="audit-diff">
                                  {changes.map((ch) => (
                                    <li>
                                      {ch.key && <code>{ch.key}</code>}
                                      {ch.key && ' : '}
                                      {ch.before !== undefined && (
                                        <del>
                                          <span class="visually-hidden">{t('admin.diff_before')} </span>
                                          {showValue(ch.before)}
                                        </del>
                                      )}
                                      {ch.before !== undefined && ch.after !== undefined && ' → '}
                                      {ch.after !== undefined && (
                                        <ins>
                                          <span class="visually-hidden">{t('admin.diff_after')} </span>
                                          {showValue(ch.after)}
                                        </ins>
                                      )}
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              <Pagination
                c={c}
                page={filters.page}
                pages={pages}
                href={(p) => withQuery('/admin/journal', { ...shared, page: p === 1 ? undefined : p })}
              />
            </>
          ),
        },
        q.ok ? 200 : 422,
      );
    });

    r.asset('GET', '/admin/journal.csv', policies.networkAdmin, async (c) => {
      const q = readQuery(c, journalFiltersSchema);
      if (!q.ok) throw new AppError('validation', undefined, q.errors);
      const rows = await db.many<any>(
        sql`SELECT * FROM audit_log ${journalWhere(q.data)} ORDER BY at DESC, id DESC LIMIT ${CSV_MAX_ROWS}`,
      );
      const day = deps.now().toISOString().slice(0, 10);
      return c.body(journalCsv(rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="journal-passerelle-${day}.csv"`,
        'Cache-Control': 'no-store',
      });
    });

    // ---- Background jobs -------------------------------------------------------------
    r.page('GET', '/admin/taches', policies.platformAdmin, async (c) => {
      const t = c.get('t');
      const locale = c.get('locale');
      const q = readQuery(c, jobsQuery);
      const statut = q.ok ? q.data.statut : undefined;
      const page = q.ok ? q.data.page : 1;
      const retried = q.ok ? q.data.relancee : undefined;
      const byStatus = await db.many<{ status: JobStatus; n: number }>(
        sql`SELECT status, count(*)::int AS n FROM jobs GROUP BY status`,
      );
      const countOf = (s: JobStatus) => byStatus.find((b) => b.status === s)?.n ?? 0;
      const where = statut ? sql`WHERE status = ${statut}` : sql.empty;
      const total = statut ? countOf(statut) : byStatus.reduce((s, b) => s + b.n, 0);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const jobs = await db.many<{
        id: number;
        kind: string;
        status: JobStatus;
        attempts: number;
        max_attempts: number;
        run_at: Date;
        last_error: string | null;
        created_at: Date;
        finished_at: Date | null;
      }>(sql`SELECT id, kind, status, attempts, max_attempts, run_at, last_error, created_at, finished_at
             FROM jobs ${where} ORDER BY id DESC LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`);
      return renderPage(
        c,
        {
          title: t('admin.jobs_title'),
          section: 'admin',
          wide: true,
          breadcrumbs: adminCrumbs(c, t('admin.jobs_title')),
          children: (
            <>
              <PageHeader title={t('admin.jobs_title')} lead={t('admin.jobs_lead')} />
              {retried && (
                <Alert kind="success">
                  <p>{t('admin.job_retried', { id: retried })}</p>
                </Alert>
              )}
              <ErrorSummary c={c} errors={q.ok ? undefined : q.errors} />
              <nav aria-label={t('admin.jobs_by_status')}>
                <ul class="admin-tabs">
                  <li>
                    <a href="/admin/taches" aria-current={!statut ? 'page' : undefined}>
                      {t('admin.job_status_all')} (
                      {formatNumber(
                        byStatus.reduce((s, b) => s + b.n, 0),
                        locale,
                      )}
                      )
                    </a>
                  </li>
                  {JOB_STATUSES.map((s) => (
                    <li>
                      <a href={`/admin/taches?statut=${s}`} aria-current={statut === s ? 'page' : undefined}>
                        {t(`admin.job_status.${s}`)} ({formatNumber(countOf(s), locale)})
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              {jobs.length === 0 ? (
                <p>{t('admin.jobs_empty')}</p>
              ) : (
                <div class="table-wrapper">
                  <table class="stack">
                    <caption>
                      {statut
                        ? t('admin.jobs_caption_status', { status: t(`admin.job_status.${statut}`) })
                        : t('admin.jobs_caption')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.col_job')}</th>
                        <th scope="col">{t('admin.col_kind_job')}</th>
                        <th scope="col">{t('admin.col_status')}</th>
                        <th scope="col" class="num">
                          {t('admin.col_attempts')}
                        </th>
                        <th scope="col">{t('admin.col_run_at')}</th>
                        <th scope="col">{t('admin.col_last_error')}</th>
                        <th scope="col">{t('admin.col_actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {jobs.map((j) => (
                        <tr id={`tache-${j.id}`}>
                          <td data-label={t('admin.col_job')}>n° {j.id}</td>
                          <td data-label={t('admin.col_kind_job')}>
                            <code>{j.kind}</code>
                          </td>
                          <td data-label={t('admin.col_status')}>
                            <Tag kind={jobStatusTag[j.status]}>{t(`admin.job_state.${j.status}`)}</Tag>
                          </td>
                          <td data-label={t('admin.col_attempts')} class="num">
                            {j.attempts} / {j.max_attempts}
                          </td>
                          <td data-label={t('admin.col_run_at')}>
                            <time datetime={j.run_at.toISOString()}>{formatDateTime(j.run_at, locale)}</time>
                          </td>
                          <td data-label={t('admin.col_last_error')}>
                            {j.last_error ? <span class="admin-error">{j.last_error}</span> : '—'}
                          </td>
                          <td data-label={t('admin.col_actions')}>
                            {j.status === 'failed' && (
                              <form method="post" action={`/admin/taches/${j.id}/relancer`}>
                                <CsrfField c={c} />
                                <button type="submit" class="button-small button-secondary">
                                  {t('admin.job_retry')}
                                  <span class="visually-hidden"> n° {j.id}</span>
                                </button>
                              </form>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pagination
                c={c}
                page={page}
                pages={pages}
                href={(p) => withQuery('/admin/taches', { statut, page: p === 1 ? undefined : p })}
              />
            </>
          ),
        },
        q.ok ? 200 : 422,
      );
    });

    r.page('POST', '/admin/taches/:id/relancer', policies.platformAdmin, async (c) => {
      const t = c.get('t');
      const raw = c.req.param('id') ?? '';
      if (!/^\d{1,15}$/.test(raw)) notFound();
      const id = Number(raw);
      const outcome = await db.transaction(async (tx) => {
        const job = await tx.maybeOne<{
          status: string;
          kind: string;
          attempts: number;
          last_error: string | null;
        }>(sql`SELECT status, kind, attempts, last_error FROM jobs WHERE id = ${id} FOR UPDATE`);
        if (!job) return 'missing' as const;
        if (job.status !== 'failed') return 'not_failed' as const;
        if (!(await retryJob(tx, id, deps.now()))) return 'duplicate' as const;
        await audit(
          tx,
          { actor: c.get('actor'), requestId: c.get('requestId') },
          {
            action: 'job.retried',
            entityType: 'job',
            entityId: String(id),
            before: { status: 'failed', kind: job.kind, attempts: job.attempts, last_error: job.last_error },
            after: { status: 'pending', kind: job.kind, attempts: 0, last_error: job.last_error },
          },
        );
        return 'ok' as const;
      });
      if (outcome === 'missing') notFound();
      if (outcome === 'not_failed') throw new AppError('conflict', t('admin.job_not_failed', { id }));
      if (outcome === 'duplicate') throw new AppError('conflict', t('admin.job_duplicate', { id }));
      return c.redirect(`/admin/taches?statut=pending&relancee=${id}`, 303);
    });

    // ---- Outbox ------------------------------------------------------------------------
    r.page('GET', '/admin/outbox', policies.platformAdmin, async (c) => {
      const t = c.get('t');
      const locale = c.get('locale');
      const q = readQuery(c, outboxQuery);
      const page = q.ok ? q.data.page : 1;
      const { n } = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_outbox`);
      const pages = Math.max(1, Math.ceil(n / PAGE_SIZE));
      const mails = await db.many<{
        id: string;
        to_address: string;
        subject: string;
        category: string;
        transport: string;
        status: string;
        created_at: Date;
      }>(sql`SELECT id, to_address, subject, category, transport, status, created_at FROM mail_outbox
             ORDER BY created_at DESC, id LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`);
      return renderPage(
        c,
        {
          title: t('admin.outbox_title'),
          section: 'admin',
          wide: true,
          breadcrumbs: adminCrumbs(c, t('admin.outbox_title')),
          children: (
            <>
              <PageHeader title={t('admin.outbox_title')} lead={t('admin.outbox_lead')} />
              <ErrorSummary c={c} errors={q.ok ? undefined : q.errors} />
              {deps.config.SMTP_URL ? null : (
                <Alert kind="info">
                  <p>{t('admin.outbox_no_smtp')}</p>
                </Alert>
              )}
              {mails.length === 0 ? (
                <p>{t('admin.outbox_empty')}</p>
              ) : (
                <div class="table-wrapper">
                  <table class="stack">
                    <caption>{t('admin.outbox_caption', { n: formatNumber(n, locale) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.col_date')}</th>
                        <th scope="col">{t('admin.col_to')}</th>
                        <th scope="col">{t('admin.col_subject')}</th>
                        <th scope="col">{t('admin.col_category')}</th>
                        <th scope="col">{t('admin.col_status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {mails.map((m) => (
                        <tr>
                          <td data-label={t('admin.col_date')}>
                            <time datetime={m.created_at.toISOString()}>
                              {formatDateTime(m.created_at, locale)}
                            </time>
                          </td>
                          <td data-label={t('admin.col_to')}>{m.to_address}</td>
                          <td data-label={t('admin.col_subject')}>
                            <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
                          </td>
                          <td data-label={t('admin.col_category')}>
                            {t(`admin.mail_category.${m.category}`)}
                          </td>
                          <td data-label={t('admin.col_status')}>
                            <Tag kind={mailStatusTag[m.status] ?? 'neutral'}>
                              {t(`admin.mail_status.${m.status}`)}
                            </Tag>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pagination
                c={c}
                page={page}
                pages={pages}
                href={(p) => withQuery('/admin/outbox', { page: p === 1 ? undefined : p })}
              />
            </>
          ),
        },
        q.ok ? 200 : 422,
      );
    });

    r.page('GET', '/admin/outbox/:id', policies.platformAdmin, async (c) => {
      const t = c.get('t');
      const locale = c.get('locale');
      const id = c.req.param('id') ?? '';
      if (!z.uuid().safeParse(id).success) notFound();
      const m = await db.maybeOne<{
        id: string;
        to_address: string;
        subject: string;
        text_body: string;
        html_body: string | null;
        category: string;
        transport: string;
        status: string;
        job_id: number | null;
        created_at: Date;
        sent_at: Date | null;
      }>(sql`SELECT * FROM mail_outbox WHERE id = ${id}`);
      if (!m) notFound();
      return renderPage(c, {
        title: t('admin.mail_title', { subject: m.subject }),
        section: 'admin',
        breadcrumbs: [
          ...adminCrumbs(c).slice(0, 2),
          { label: t('admin.outbox_title'), href: '/admin/outbox' },
          { label: m.subject },
        ],
        children: (
          <>
            <PageHeader title={m.subject} />
            <dl class="summary">
              <dt>{t('admin.col_to')}</dt>
              <dd>{m.to_address}</dd>
              <dt>{t('admin.col_date')}</dt>
              <dd>{formatDateTime(m.created_at, locale)}</dd>
              <dt>{t('admin.col_category')}</dt>
              <dd>{t(`admin.mail_category.${m.category}`)}</dd>
              <dt>{t('admin.col_status')}</dt>
              <dd>
                <Tag kind={mailStatusTag[m.status] ?? 'neutral'}>{t(`admin.mail_status.${m.status}`)}</Tag>
                {m.sent_at && ` ${formatDateTime(m.sent_at, locale)}`}
              </dd>
              <dt>{t('admin.mail_transport')}</dt>
              <dd>{t(`admin.mail_transport.${m.transport}`)}</dd>
            </dl>
            <h2>{t('admin.mail_text')}</h2>
            <pre class="admin-mail-text">{m.text_body}</pre>
            {m.html_body && (
              <>
                <h2>{t('admin.mail_html')}</h2>
                <p class="hint">{t('admin.mail_html_hint')}</p>
                <pre class="admin-mail-html">
                  <code>{m.html_body}</code>
                </pre>
              </>
            )}
            <p>
              <a href="/admin/outbox">{t('admin.back_to_outbox')}</a>
            </p>
          </>
        ),
      });
    });
  },
};
