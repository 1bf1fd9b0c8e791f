/** Pages of the conventions: list, creation, agreement page with its forms, versions, diff, print. */
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Db, Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
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
import { formatDate, type Translate } from '../../i18n/i18n.js';
import { type Actor, isPlatformAdmin, membershipOf } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { advanceDispute } from './advance-dispute.js';
import { opContext } from './api.js';
import { approveVersion } from './approve-version.js';
import { attachSignedCopy } from './attach-signed-copy.js';
import { isIsoDate } from './domain/dates.js';
import { diffLines, diffStats } from './domain/diff.js';
import type { AgreementState, Deadline, Snapshot } from './domain/lifecycle.js';
import { listAgreements } from './list-agreements.js';
import { markdownToHtml } from './markdown.js';
import { notifyWithdrawal } from './notify-withdrawal.js';
import type { OpContext } from './op-context.js';
import { openDispute } from './open-dispute.js';
import { registerCreateAgreementPages } from './pages/create.js';
import { agreementPolicies } from './policy.js';
import { proposeVersion } from './propose-version.js';
import { recordAutomaticTermination } from './record-automatic-termination.js';
import { recordMeeting } from './record-meeting.js';
import { remedyFormalNotice } from './remedy-formal-notice.js';
import { requestTermination } from './request-termination.js';
import { roadmapName, roadmapPath } from './roadmap-name.js';
import { roadmapYears } from './roadmap-store.js';
import { sendFormalNotice } from './send-formal-notice.js';
import { type LoadedAgreement, loadAgreement, today } from './store.js';
import { MAX_PDF_BYTES } from './text.js';
import { deadlinesOf } from './view.js';

const DONE_KEYS = [
  'created',
  'approved',
  'version',
  'withdrawn',
  'notice',
  'remedied',
  'terminated',
  'dispute',
  'stage',
  'meeting',
];

const STATE_TAG: Record<AgreementState, 'neutral' | 'info' | 'success' | 'warning' | 'error' | 'accent'> = {
  draft: 'neutral',
  signing: 'info',
  in_force: 'success',
  withdrawn: 'warning',
  terminated: 'error',
  expired: 'neutral',
};

export const StateTag = ({ t, state }: { t: Translate; state: AgreementState }) => (
  <Tag kind={STATE_TAG[state]}>{t(`agreements.state.${state}`)}</Tag>
);

const date = (c: Context<AppEnv>, d: string | null | undefined) => (d ? formatDate(d, c.get('locale')) : '—');

/** The form being re-shown after an error (which one, what was typed, what is wrong). */
interface FormState {
  form: string;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  message?: string;
}

const val = (fs: FormState | undefined, form: string, name: string, fallback = '') =>
  fs?.form === form && typeof fs.values[name] === 'string' ? (fs.values[name] as string) : fallback;
const err = (fs: FormState | undefined, form: string, name: string) =>
  fs?.form === form ? fs.errors?.[name] : undefined;

/** Organisations the actor may act for on this agreement. */
function actingOrgs(actor: Actor, loaded: LoadedAgreement, opts: { paperCopy?: boolean } = {}) {
  return loaded.parties.filter(
    (p) =>
      membershipOf(actor, p.organisation_id)?.role === 'admin' || (opts.paperCopy && isPlatformAdmin(actor)),
  );
}

const partyOptions = (parties: LoadedAgreement['parties']) =>
  parties.map((p) => ({ value: p.organisation_id, label: p.name }));

function deadlineLabel(t: Translate, d: Deadline) {
  return t(`agreements.deadline.${d.kind}`);
}

async function fileField(
  c: Context<AppEnv>,
  name: string,
): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) return null;
  const body = await c.req.parseBody({ all: true });
  const f = [body[name]].flat()[0];
  if (!f || typeof f === 'string' || f.size === 0) return null;
  if (f.size > MAX_PDF_BYTES)
    throw new AppError('validation', undefined, { [name]: 'Le fichier dépasse 5 Mo.' });
  return { bytes: new Uint8Array(await f.arrayBuffer()), fileName: f.name };
}

const str = (v: string | string[] | undefined) =>
  typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';

function required(values: Record<string, string | string[]>, names: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [n, label] of Object.entries(names)) if (!str(values[n]).trim()) out[n] = `Indiquez ${label}.`;
  return out;
}

function dates(values: Record<string, string | string[]>, names: string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const n of names) {
    const v = str(values[n]);
    if (v && !isIsoDate(v)) out[n] = 'Indiquez une date au format AAAA-MM-JJ (une date qui existe).';
  }
  return out;
}

export function registerAgreementPages(r: Registrar, deps: Deps) {
  const p = agreementPolicies(deps.db);
  const db: Db = deps.db;

  // ── List ────────────────────────────────────────────────────────────────────
  r.page('GET', '/conventions', policies.signedIn, async (c) => {
    const t = c.get('t');
    const day = today(deps.now());
    const items = await listAgreements(db, c.get('actor'), day);
    const actor = c.get('actor');
    const mayCreate =
      isPlatformAdmin(actor) || (actor.kind === 'user' && actor.memberships.some((m) => m.role === 'admin'));
    return renderPage(c, {
      title: t('agreements.list.title'),
      section: 'agreements',
      bilingual: true,
      wide: true,
      breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('agreements.list.title') }],
      children: (
        <>
          <PageHeader title={t('agreements.list.title')} lead={t('agreements.list.lead')}>
            {mayCreate && (
              <p>
                <a class="button" href="/conventions/nouvelle">
                  {t('agreements.list.create')}
                </a>
              </p>
            )}
          </PageHeader>
          {items.length === 0 ? (
            <p>{t('agreements.list.empty')}</p>
          ) : (
            <div class="table-wrapper">
              <table>
                <caption class="visually-hidden">{t('agreements.list.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreements.field.title')}</th>
                    <th scope="col">{t('agreements.field.parties')}</th>
                    <th scope="col">{t('agreements.field.state')}</th>
                    <th scope="col">{t('agreements.field.in_force')}</th>
                    <th scope="col">{t('agreements.field.next_deadline')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr>
                      <td>
                        <a href={`/conventions/${i.id}`}>{i.title}</a>
                        <br />
                        <span class="muted">{t(`agreements.kind.${i.kind}`)}</span>
                      </td>
                      <td>{i.parties.join(', ')}</td>
                      <td>
                        <StateTag t={t} state={i.snapshot.state} />
                      </td>
                      <td>
                        {i.snapshot.inForceFrom
                          ? t('agreements.from_to', {
                              from: date(c, i.snapshot.inForceFrom),
                              to: date(c, i.snapshot.lastDayInForce),
                            })
                          : '—'}
                      </td>
                      <td>
                        {i.deadlines[0]
                          ? `${deadlineLabel(t, i.deadlines[0])} : ${date(c, i.deadlines[0].on)}`
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ),
    });
  });

  // ── Create (pages/create.tsx) ────────────────────────────────────────────────
  registerCreateAgreementPages(r, deps);

  // ── Agreement page ──────────────────────────────────────────────────────────
  const detail = async (c: Context<AppEnv>, fs?: FormState, status = 200) => {
    const t = c.get('t');
    const actor = c.get('actor');
    const id = c.req.param('id') ?? '';
    const loaded = await loadAgreement(db, id);
    const realToday = today(deps.now());
    const onParam = c.req.query('on');
    const on = onParam && isIsoDate(onParam) ? onParam : realToday;
    const { snapshot: s, deadlines, year } = await deadlinesOf(db, loaded, on);
    const nowSnap = on === realToday ? s : (await deadlinesOf(db, loaded, realToday)).snapshot;
    const name = (orgId: string | null) =>
      loaded.parties.find((x) => x.organisation_id === orgId)?.name ?? '—';
    const mine = actingOrgs(actor, loaded);
    const mineOrPaper = actingOrgs(actor, loaded, { paperCopy: true });
    const latest = loaded.versions.at(-1);
    const latestApprovals = loaded.approvals.filter((a) => a.number === latest?.number);
    const meetings = await db.many<{
      held_on: string;
      attendees: string;
      minutes: string;
      decisions: string;
      review: string;
      roadmap_year: number | null;
    }>(
      sql`SELECT held_on, attendees, minutes, decisions, review, roadmap_year FROM agreement_meetings
        WHERE agreement_id = ${id} ORDER BY held_on DESC, created_at DESC`,
    );
    const doneParam = c.req.query('fait');
    const years = (await roadmapYears(db, id)).map((x) => x.year);
    const done = doneParam && DONE_KEYS.includes(doneParam) ? doneParam : null;
    const base = `/conventions/${id}`;
    const openNotices = nowSnap.formalNotices.filter((n) => n.status === 'open');
    const inForceNow = nowSnap.state === 'in_force';
    // One action form at a time (?action=…): the page never carries two fields with the same id.
    const current = fs?.form ?? c.req.query('action') ?? null;
    const form = (name: string, action: string, title: string, children: Child, multipart = false) =>
      current === name ? (
        <div class="agreement-action" id="action-form">
          <h3>{title}</h3>
          <ErrorSummary c={c} errors={fs?.form === name ? fs.errors : undefined} />
          {fs?.form === name && fs.message && <Alert kind="error">{fs.message}</Alert>}
          <form
            method="post"
            action={`${base}/${action}`}
            enctype={multipart ? 'multipart/form-data' : undefined}
          >
            <CsrfField c={c} />
            {children}
          </form>
          <p>
            <a href={base}>{t('agreements.form.cancel')}</a>
          </p>
        </div>
      ) : (
        <p class="agreement-action-link">
          <a href={`${base}?action=${encodeURIComponent(name)}#action-form`}>{title}</a>
        </p>
      );
    const orgSelect = (
      formName: string,
      orgs: LoadedAgreement['parties'],
      field = 'organisationId',
      label?: string,
    ) => (
      <Select
        name={field}
        label={label ?? t('agreements.field.acting_party')}
        required
        value={val(fs, formName, field, orgs[0]?.organisation_id ?? '')}
        error={err(fs, formName, field)}
        options={partyOptions(orgs)}
      />
    );
    const dateField = (formName: string, field: string, label: string) => (
      <Field
        name={field}
        type="date"
        label={label}
        required
        value={val(fs, formName, field, realToday)}
        error={err(fs, formName, field)}
      />
    );
    return renderPage(
      c,
      {
        title: loaded.agreement.title,
        section: 'agreements',
        bilingual: true,
        wide: true,
        breadcrumbs: [
          { label: t('nav.home'), href: '/' },
          { label: t('agreements.list.title'), href: '/conventions' },
          { label: loaded.agreement.title },
        ],
        children: (
          <>
            <PageHeader title={loaded.agreement.title}>
              <p>
                <StateTag t={t} state={s.state} />{' '}
                <span class="muted">{t(`agreements.kind.${loaded.agreement.kind}`)}</span>
              </p>
            </PageHeader>
            {done && <Alert kind="success">{t(`agreements.done.${done}`)}</Alert>}
            {on !== realToday && (
              <Alert kind="info">{t('agreements.detail.as_of', { date: date(c, on) })}</Alert>
            )}
            <form method="get" action={base} class="agreement-on-form">
              <Field
                name="on"
                type="date"
                label={t('agreements.detail.on_label')}
                hint={t('agreements.detail.on_hint')}
                value={on}
              />
              <button type="submit" class="button-secondary">
                {t('agreements.detail.on_submit')}
              </button>
            </form>
            <p class="button-group">
              <a class="button button-secondary" href={`${base}/impression`}>
                {t('agreements.detail.print')}
              </a>
              <a class="button button-secondary" href={`/conventions/${id}.pdf`}>
                {t('agreements.detail.pdf')}
              </a>
            </p>

            <h2>{t('agreements.detail.summary')}</h2>
            <dl class="summary">
              <dt>{t('agreements.field.state')}</dt>
              <dd>
                <StateTag t={t} state={s.state} />
              </dd>
              <dt>{t('agreements.field.in_force_from')}</dt>
              <dd>{date(c, s.inForceFrom)}</dd>
              <dt>{t('agreements.field.last_day')}</dt>
              <dd>{date(c, s.lastDayInForce)}</dd>
              {year && (
                <>
                  <dt>{t('agreements.field.convention_year')}</dt>
                  <dd>{t('agreements.detail.year_n', { n: year })}</dd>
                </>
              )}
              <dt>{t('agreements.field.term_years')}</dt>
              <dd>{t('agreements.detail.years', { n: loaded.agreement.term_years })}</dd>
              <dt>{t('agreements.field.notice_months')}</dt>
              <dd>{t('agreements.detail.months', { n: loaded.agreement.withdrawal_notice_months })}</dd>
              <dt>{t('agreements.field.formal_notice_days')}</dt>
              <dd>{t('agreements.detail.days', { n: loaded.agreement.formal_notice_days })}</dd>
              <dt>{t('agreements.field.binding_version')}</dt>
              <dd>{s.bindingVersion ? t('agreements.detail.version_n', { n: s.bindingVersion }) : '—'}</dd>
              {s.withdrawal && (
                <>
                  <dt>{t('agreements.field.withdrawal')}</dt>
                  <dd>
                    {t('agreements.detail.withdrawal_text', {
                      party: name(s.withdrawal.organisationId),
                      notified: date(c, s.withdrawal.notifiedOn),
                      until: date(c, s.withdrawal.effectiveOn),
                    })}
                  </dd>
                </>
              )}
              {s.termination && (
                <>
                  <dt>{t('agreements.field.termination')}</dt>
                  <dd>
                    {date(c, s.termination.on)}
                    {s.termination.legalGround ? ` — ${s.termination.legalGround}` : ''}
                  </dd>
                </>
              )}
            </dl>

            <h2>{t('agreements.detail.deadlines')}</h2>
            {deadlines.length === 0 ? (
              <p>{t('agreements.detail.no_deadline')}</p>
            ) : (
              <ul>
                {deadlines.map((d) => (
                  <li>
                    <strong>{date(c, d.on)}</strong> — {deadlineLabel(t, d)}
                  </li>
                ))}
              </ul>
            )}

            <h2>{t('agreements.detail.parties')}</h2>
            <div class="table-wrapper">
              <table>
                <caption class="visually-hidden">{t('agreements.detail.parties')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreements.field.party')}</th>
                    <th scope="col">{t('agreements.field.signer')}</th>
                    <th scope="col">{t('agreements.field.signed_on')}</th>
                    <th scope="col">{t('agreements.field.version')}</th>
                    <th scope="col">{t('agreements.field.method')}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.parties.map((party) => {
                    const shown = s.currentVersion ?? latest?.number;
                    const a = loaded.approvals.find(
                      (x) =>
                        x.organisation_id === party.organisation_id &&
                        x.number === shown &&
                        x.signed_on <= on,
                    );
                    return (
                      <tr>
                        <th scope="row">{party.name}</th>
                        <td>
                          {a ? `${a.signer_name} (${a.signer_role})` : t('agreements.detail.not_signed')}
                        </td>
                        <td>{a ? date(c, a.signed_on) : '—'}</td>
                        <td>{shown ? t('agreements.detail.version_n', { n: shown }) : '—'}</td>
                        <td>
                          {a
                            ? `${t(`agreements.method.${a.method}`)}${a.recorded_by_platform_admin ? ` (${t('agreements.detail.recorded_by_admin')})` : ''}`
                            : '—'}
                          {a?.has_scan && (
                            <>
                              {' · '}
                              <a href={`${base}/approbations/${a.id}/copie`}>
                                {t('agreements.detail.signed_copy')}
                              </a>
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>

            <h2>{t('agreements.detail.versions')}</h2>
            <div class="table-wrapper">
              <table>
                <caption class="visually-hidden">{t('agreements.detail.versions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreements.field.version')}</th>
                    <th scope="col">{t('agreements.field.proposed_on')}</th>
                    <th scope="col">{t('agreements.field.hash')}</th>
                    <th scope="col">{t('agreements.field.approvals')}</th>
                    <th scope="col">{t('agreements.field.links')}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.versions.map((v) => (
                    <tr>
                      <th scope="row">
                        {t('agreements.detail.version_n', { n: v.number })}
                        {v.number === s.bindingVersion && (
                          <>
                            {' '}
                            <Tag kind="success">{t('agreements.detail.binding')}</Tag>
                          </>
                        )}
                      </th>
                      <td>{date(c, v.proposed_on)}</td>
                      <td>
                        <code class="agreement-hash">{v.hash}</code>
                      </td>
                      <td>
                        {loaded.approvals.filter((a) => a.number === v.number).length} /{' '}
                        {loaded.parties.length}
                      </td>
                      <td>
                        <a href={`${base}/versions/${v.number}`}>{t('agreements.detail.read')}</a>
                        {v.number > 1 && (
                          <>
                            {' · '}
                            <a href={`${base}/versions/${v.number}/diff`}>{t('agreements.detail.diff')}</a>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            {s.formalNotices.length > 0 && (
              <>
                <h2>{t('agreements.detail.formal_notices')}</h2>
                <ul>
                  {s.formalNotices.map((n) => (
                    <li>
                      {t('agreements.detail.formal_notice_text', {
                        from: name(n.fromOrganisationId),
                        to: name(n.toOrganisationId),
                        sent: date(c, n.sentOn),
                        ref: n.letterReference,
                        available: date(c, n.terminationAvailableFrom),
                      })}{' '}
                      <Tag kind={n.status === 'open' ? 'warning' : 'neutral'}>
                        {t(`agreements.notice.${n.status}`)}
                      </Tag>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {s.disputes.length > 0 && (
              <>
                <h2>{t('agreements.detail.disputes')}</h2>
                <ul>
                  {s.disputes.map((d) => (
                    <li>
                      {d.subject} — {t('agreements.detail.opened_on', { date: date(c, d.openedOn) })}{' '}
                      <Tag kind={d.stage === 'settled' ? 'success' : 'warning'}>
                        {t(`agreements.dispute.${d.stage}`)}
                      </Tag>
                    </li>
                  ))}
                </ul>
              </>
            )}

            <h2>{t('agreements.roadmap.section')}</h2>
            {years.length === 0 && !year ? (
              <p>{t('agreements.roadmap.section_empty')}</p>
            ) : (
              <ul>
                {[...new Set([...years, ...(year ? [year] : [])])]
                  .sort((a, b) => a - b)
                  .map((y) => (
                    <li>
                      <a href={roadmapPath(id, nowSnap.inForceFrom, y)}>
                        {roadmapName(t, c.get('locale'), nowSnap.inForceFrom, y)}
                      </a>
                      {!years.includes(y) && (
                        <span class="muted"> — {t('agreements.roadmap.to_create')}</span>
                      )}
                    </li>
                  ))}
              </ul>
            )}

            <h2>{t('agreements.detail.meetings')}</h2>
            {meetings.length === 0 ? (
              <p>{t('agreements.detail.no_meeting')}</p>
            ) : (
              <ul>
                {meetings.map((m) => (
                  <li class="meeting">
                    <strong>{date(c, m.held_on)}</strong> — {m.attendees}
                    <dl class="summary">
                      {m.roadmap_year !== null && (
                        <>
                          <dt>{t('agreements.field.roadmap_year')}</dt>
                          <dd>{m.roadmap_year}</dd>
                        </>
                      )}
                      {m.minutes && (
                        <>
                          <dt>{t('agreements.field.minutes')}</dt>
                          <dd class="pre-line">{m.minutes}</dd>
                        </>
                      )}
                      {m.decisions && (
                        <>
                          <dt>{t('agreements.field.decisions')}</dt>
                          <dd class="pre-line">{m.decisions}</dd>
                        </>
                      )}
                      {m.review && (
                        <>
                          <dt>{t('agreements.field.review')}</dt>
                          <dd class="pre-line">{m.review}</dd>
                        </>
                      )}
                    </dl>
                  </li>
                ))}
              </ul>
            )}

            {(mineOrPaper.length > 0 || mine.length > 0) && (
              <section aria-labelledby="actions-title" class="agreement-actions">
                <h2 id="actions-title">{t('agreements.detail.actions')}</h2>
                {latest &&
                  mineOrPaper.some(
                    (o) => !latestApprovals.some((a) => a.organisation_id === o.organisation_id),
                  ) &&
                  ['draft', 'signing', 'in_force'].includes(nowSnap.state) &&
                  form(
                    'approve',
                    'approbations',
                    t('agreements.form.approve', { n: latest.number }),
                    <>
                      <p>
                        {t('agreements.form.approve_hint')} <code class="agreement-hash">{latest.hash}</code>
                      </p>
                      <input type="hidden" name="hash" value={latest.hash} />
                      {orgSelect(
                        'approve',
                        mineOrPaper.filter(
                          (o) => !latestApprovals.some((a) => a.organisation_id === o.organisation_id),
                        ),
                      )}
                      <Field
                        name="signerName"
                        label={t('agreements.field.signer_name')}
                        required
                        value={val(fs, 'approve', 'signerName', actor.kind === 'user' ? actor.user.name : '')}
                        error={err(fs, 'approve', 'signerName')}
                      />
                      <Field
                        name="signerRole"
                        label={t('agreements.field.signer_role')}
                        required
                        value={val(fs, 'approve', 'signerRole')}
                        error={err(fs, 'approve', 'signerRole')}
                      />
                      {dateField('approve', 'signedOn', t('agreements.field.signed_on'))}
                      <div class="field">
                        <label for="champ-scan">{t('agreements.field.scan')}</label>
                        <p class="hint">{t('agreements.field.scan_hint')}</p>
                        {err(fs, 'approve', 'scan') && (
                          <p class="error-message">{err(fs, 'approve', 'scan')}</p>
                        )}
                        <input id="champ-scan" type="file" name="scan" accept="application/pdf" />
                      </div>
                      <button type="submit">{t('agreements.form.approve_submit')}</button>
                    </>,
                    true,
                  )}
                {loaded.approvals
                  .filter(
                    (a) => !a.has_scan && mineOrPaper.some((o) => o.organisation_id === a.organisation_id),
                  )
                  .map((a) =>
                    form(
                      `copy-${a.id}`,
                      `approbations/${a.id}/copie`,
                      t('agreements.form.copy', { party: name(a.organisation_id), n: a.number }),
                      <>
                        <div class="field">
                          <label for="champ-file">{t('agreements.field.signed_copy_file')}</label>
                          {err(fs, `copy-${a.id}`, 'file') && (
                            <p class="error-message">{err(fs, `copy-${a.id}`, 'file')}</p>
                          )}
                          <input id="champ-file" type="file" name="file" accept="application/pdf" required />
                        </div>
                        <button type="submit">{t('agreements.form.copy_submit')}</button>
                      </>,
                      true,
                    ),
                  )}
                {mine.length > 0 &&
                  ['draft', 'signing', 'in_force'].includes(nowSnap.state) &&
                  form(
                    'version',
                    'versions',
                    t('agreements.form.version'),
                    <>
                      {orgSelect('version', mine)}
                      <TextArea
                        name="text"
                        rows={12}
                        label={t('agreements.field.text')}
                        hint={t('agreements.field.text_hint')}
                        value={val(fs, 'version', 'text')}
                        error={err(fs, 'version', 'text')}
                      />
                      <div class="field">
                        <label for="champ-file">{t('agreements.field.pdf')}</label>
                        {err(fs, 'version', 'file') && (
                          <p class="error-message">{err(fs, 'version', 'file')}</p>
                        )}
                        <input id="champ-file" type="file" name="file" accept="application/pdf" />
                      </div>
                      <Field
                        name="note"
                        label={t('agreements.field.note')}
                        value={val(fs, 'version', 'note')}
                        error={err(fs, 'version', 'note')}
                      />
                      <button type="submit">{t('agreements.form.version_submit')}</button>
                    </>,
                    true,
                  )}
                {mine.length > 0 &&
                  inForceNow &&
                  !nowSnap.withdrawal &&
                  form(
                    'withdraw',
                    'denonciation',
                    t('agreements.form.withdraw'),
                    <>
                      <p class="hint">
                        {t('agreements.form.withdraw_hint', { n: loaded.agreement.withdrawal_notice_months })}
                      </p>
                      {orgSelect('withdraw', mine)}
                      {dateField('withdraw', 'notifiedOn', t('agreements.field.notified_on'))}
                      <button type="submit" class="button-danger">
                        {t('agreements.form.withdraw_submit')}
                      </button>
                    </>,
                  )}
                {mine.length > 0 &&
                  inForceNow &&
                  form(
                    'notice',
                    'mises-en-demeure',
                    t('agreements.form.notice'),
                    <>
                      <p class="hint">
                        {t('agreements.form.notice_hint', { n: loaded.agreement.formal_notice_days })}
                      </p>
                      {orgSelect('notice', mine, 'fromOrganisationId', t('agreements.field.from'))}
                      {orgSelect(
                        'notice',
                        loaded.parties.filter(
                          (x) =>
                            !mine.some((m) => m.organisation_id === x.organisation_id) || mine.length > 1,
                        ),
                        'toOrganisationId',
                        t('agreements.field.to'),
                      )}
                      {dateField('notice', 'sentOn', t('agreements.field.sent_on'))}
                      <Field
                        name="letterReference"
                        label={t('agreements.field.letter_reference')}
                        required
                        value={val(fs, 'notice', 'letterReference')}
                        error={err(fs, 'notice', 'letterReference')}
                      />
                      <button type="submit">{t('agreements.form.notice_submit')}</button>
                    </>,
                  )}
                {mine.length > 0 &&
                  inForceNow &&
                  openNotices.map((n) =>
                    form(
                      `remedy-${n.id}`,
                      `mises-en-demeure/${n.id}/levee`,
                      t('agreements.form.remedy', { ref: n.letterReference }),
                      <>
                        {orgSelect(`remedy-${n.id}`, mine)}
                        {dateField(`remedy-${n.id}`, 'remediedOn', t('agreements.field.remedied_on'))}
                        <button type="submit">{t('agreements.form.remedy_submit')}</button>
                      </>,
                    ),
                  )}
                {inForceNow &&
                  openNotices
                    .filter((n) => mine.some((m) => m.organisation_id === n.fromOrganisationId))
                    .map((n) =>
                      form(
                        `terminate-${n.id}`,
                        `mises-en-demeure/${n.id}/resiliation`,
                        t('agreements.form.terminate', { ref: n.letterReference }),
                        <>
                          <p class="hint">
                            {t('agreements.form.terminate_hint', {
                              date: date(c, n.terminationAvailableFrom),
                            })}
                          </p>
                          <input type="hidden" name="organisationId" value={n.fromOrganisationId} />
                          {dateField(`terminate-${n.id}`, 'requestedOn', t('agreements.field.requested_on'))}
                          <button type="submit" class="button-danger">
                            {t('agreements.form.terminate_submit')}
                          </button>
                        </>,
                      ),
                    )}
                {mine.length > 0 &&
                  inForceNow &&
                  form(
                    'automatic',
                    'resiliation-de-plein-droit',
                    t('agreements.form.automatic'),
                    <>
                      {orgSelect('automatic', mine)}
                      {dateField('automatic', 'effectiveOn', t('agreements.field.effective_on'))}
                      <Field
                        name="legalGround"
                        label={t('agreements.field.legal_ground')}
                        required
                        value={val(fs, 'automatic', 'legalGround')}
                        error={err(fs, 'automatic', 'legalGround')}
                      />
                      <button type="submit" class="button-danger">
                        {t('agreements.form.automatic_submit')}
                      </button>
                    </>,
                  )}
                {mine.length > 0 &&
                  !['draft', 'signing'].includes(nowSnap.state) &&
                  form(
                    'dispute',
                    'litiges',
                    t('agreements.form.dispute'),
                    <>
                      {orgSelect('dispute', mine)}
                      <Field
                        name="subject"
                        label={t('agreements.field.subject')}
                        required
                        value={val(fs, 'dispute', 'subject')}
                        error={err(fs, 'dispute', 'subject')}
                      />
                      {dateField('dispute', 'openedOn', t('agreements.field.opened_on'))}
                      <button type="submit">{t('agreements.form.dispute_submit')}</button>
                    </>,
                  )}
                {mine.length > 0 &&
                  nowSnap.disputes
                    .filter((d) => d.stage !== 'settled')
                    .map((d) =>
                      form(
                        `stage-${d.id}`,
                        `litiges/${d.id}/etape`,
                        t('agreements.form.stage', { subject: d.subject }),
                        <>
                          {orgSelect(`stage-${d.id}`, mine)}
                          <Select
                            name="stage"
                            label={t('agreements.field.stage')}
                            required
                            value={val(fs, `stage-${d.id}`, 'stage')}
                            error={err(fs, `stage-${d.id}`, 'stage')}
                            options={(['mediation', 'arbitration', 'settled'] as const).map((x) => ({
                              value: x,
                              label: t(`agreements.dispute.${x}`),
                            }))}
                          />
                          {dateField(`stage-${d.id}`, 'stageOn', t('agreements.field.date'))}
                          <button type="submit">{t('agreements.form.stage_submit')}</button>
                        </>,
                      ),
                    )}
                {mine.length > 0 &&
                  nowSnap.inForceFrom &&
                  form(
                    'meeting',
                    'reunions',
                    t('agreements.form.meeting'),
                    <>
                      {dateField('meeting', 'heldOn', t('agreements.field.held_on'))}
                      <TextArea
                        name="attendees"
                        rows={3}
                        label={t('agreements.field.attendees')}
                        required
                        value={val(fs, 'meeting', 'attendees')}
                        error={err(fs, 'meeting', 'attendees')}
                      />
                      <TextArea
                        name="minutes"
                        rows={6}
                        label={t('agreements.field.minutes')}
                        value={val(fs, 'meeting', 'minutes')}
                        error={err(fs, 'meeting', 'minutes')}
                      />
                      <TextArea
                        name="decisions"
                        rows={4}
                        label={t('agreements.field.decisions')}
                        value={val(fs, 'meeting', 'decisions')}
                        error={err(fs, 'meeting', 'decisions')}
                      />
                      <TextArea
                        name="review"
                        rows={4}
                        label={t('agreements.field.review')}
                        hint={t('agreements.field.review_hint')}
                        value={val(fs, 'meeting', 'review')}
                        error={err(fs, 'meeting', 'review')}
                      />
                      <Field
                        name="roadmapYear"
                        type="number"
                        min={1}
                        label={t('agreements.field.roadmap_year')}
                        value={val(fs, 'meeting', 'roadmapYear', year ? String(year) : '')}
                        error={err(fs, 'meeting', 'roadmapYear')}
                      />
                      <button type="submit">{t('agreements.form.meeting_submit')}</button>
                    </>,
                  )}
              </section>
            )}

            <h2>{t('agreements.detail.timeline')}</h2>
            <ol class="timeline">
              {timeline(loaded).map((e) => (
                <li>
                  <time datetime={e.on_date}>{date(c, e.on_date)}</time>
                  {eventText(t, e, name, loaded)}
                  {e.actor_user_id && (
                    <span class="muted"> — {t('agreements.event.recorded_by', { name: e.actor_label })}</span>
                  )}
                </li>
              ))}
            </ol>
          </>
        ),
      },
      status,
    );
  };

  r.page('GET', '/conventions/:id', p.viewer, (c) => detail(c));

  /** A form of the agreement page: validation → the page again with the errors (422); refusal → 409. */
  const action = (
    path: string,
    formName: (c: Context<AppEnv>) => string,
    policy: Parameters<Registrar['page']>[2],
    run: (op: OpContext, id: string, values: Record<string, string>, c: Context<AppEnv>) => Promise<unknown>,
    doneKey: string,
  ) => {
    r.page('POST', path, policy, async (c) => {
      const raw = await readForm(c);
      const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, str(v)]));
      const id = c.req.param('id') ?? '';
      const fs: FormState = { form: formName(c), values: raw };
      try {
        await db.transaction((tx) => run(opContext(c, tx), id, values, c));
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation')
          return detail(c, { ...fs, errors: e.fields }, 422);
        if (e instanceof AppError && e.code === 'conflict')
          return detail(c, { ...fs, message: e.message }, 409);
        throw e;
      }
      return c.redirect(`/conventions/${id}?fait=${doneKey}`, 303);
    });
  };
  const check = (values: Record<string, string>, req: Record<string, string>, dateFields: string[]) => {
    const errors = { ...required(values, req), ...dates(values, dateFields) };
    if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  };

  action(
    '/conventions/:id/approbations',
    () => 'approve',
    p.actingParty('organisationId', { paperCopy: true }),
    async (op, id, v, c) => {
      check(
        v,
        {
          organisationId: 'la partie',
          signerName: 'le nom du signataire',
          signerRole: 'la qualité du signataire',
          signedOn: 'la date de signature',
          hash: "l'empreinte",
        },
        ['signedOn'],
      );
      const scan = await fileField(c, 'scan');
      if (scan && Buffer.from(scan.bytes.slice(0, 5)).toString('latin1') !== '%PDF-') {
        throw new AppError('validation', undefined, { scan: 'La copie signée doit être un PDF.' });
      }
      const actor = c.get('actor');
      const paper = isPlatformAdmin(actor) && membershipOf(actor, v.organisationId)?.role !== 'admin';
      return approveVersion(op, id, {
        organisationId: v.organisationId,
        hash: v.hash,
        signedOn: v.signedOn,
        signerName: v.signerName,
        signerRole: v.signerRole,
        scan,
        method: scan || paper ? 'signed_scan' : 'platform_acceptance',
        recordedByPlatformAdmin: paper,
      });
    },
    'approved',
  );
  r.page('POST', '/conventions/:id/approbations/:approvalId/copie', p.approvalParty, async (c) => {
    const id = c.req.param('id') ?? '';
    const approvalId = c.req.param('approvalId') ?? '';
    const values = await readForm(c);
    try {
      const file = await fileField(c, 'file');
      if (!file) throw new AppError('validation', undefined, { file: 'Joignez la copie signée (PDF).' });
      await db.transaction((tx) => attachSignedCopy(opContext(c, tx), id, approvalId, file));
    } catch (e) {
      const fs: FormState = { form: `copy-${approvalId}`, values };
      if (e instanceof AppError && e.code === 'validation')
        return detail(c, { ...fs, errors: e.fields }, 422);
      if (e instanceof AppError && e.code === 'conflict')
        return detail(c, { ...fs, message: e.message }, 409);
      throw e;
    }
    return c.redirect(`/conventions/${id}?fait=copy`, 303);
  });

  r.asset('GET', '/conventions/:id/approbations/:approvalId/copie', p.viewer, async (c) => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const [id, approvalId] = [c.req.param('id') ?? '', c.req.param('approvalId') ?? ''];
    if (!uuid.test(id) || !uuid.test(approvalId)) throw new AppError('not_found');
    const row = await db.maybeOne<{ scan_file: Uint8Array | null; scan_file_name: string | null }>(
      sql`SELECT scan_file, scan_file_name FROM agreement_approvals WHERE id = ${approvalId} AND agreement_id = ${id}`,
    );
    if (!row?.scan_file) throw new AppError('not_found', 'Aucune copie signée déposée.');
    return c.body(Buffer.from(row.scan_file), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${(row.scan_file_name ?? 'copie-signee.pdf').replace(/"/g, '')}"`,
    });
  });

  action(
    '/conventions/:id/versions',
    () => 'version',
    p.actingParty('organisationId'),
    async (op, id, v, c) => {
      check(v, { organisationId: 'la partie' }, []);
      const file = await fileField(c, 'file');
      if (!file && !v.text?.trim())
        throw new AppError('validation', undefined, { text: 'Écrivez le texte ou joignez le PDF.' });
      return proposeVersion(op, id, {
        organisationId: v.organisationId,
        body: file ? { format: 'pdf', ...file } : { format: 'markdown', text: v.text },
        note: v.note || null,
      });
    },
    'version',
  );
  action(
    '/conventions/:id/denonciation',
    () => 'withdraw',
    p.actingParty('organisationId'),
    async (op, id, v) => {
      check(v, { organisationId: 'la partie', notifiedOn: 'la date de notification' }, ['notifiedOn']);
      return notifyWithdrawal(op, id, { organisationId: v.organisationId, notifiedOn: v.notifiedOn });
    },
    'withdrawn',
  );
  action(
    '/conventions/:id/mises-en-demeure',
    () => 'notice',
    p.actingParty('fromOrganisationId'),
    async (op, id, v) => {
      check(
        v,
        {
          fromOrganisationId: 'la partie expéditrice',
          toOrganisationId: 'la partie destinataire',
          sentOn: "la date d'envoi",
          letterReference: 'la référence de la lettre',
        },
        ['sentOn'],
      );
      return sendFormalNotice(op, id, {
        fromOrganisationId: v.fromOrganisationId,
        toOrganisationId: v.toOrganisationId,
        sentOn: v.sentOn,
        letterReference: v.letterReference,
      });
    },
    'notice',
  );
  action(
    '/conventions/:id/mises-en-demeure/:noticeId/levee',
    (c) => `remedy-${c.req.param('noticeId')}`,
    p.actingParty('organisationId'),
    async (op, id, v, c) => {
      check(v, { organisationId: 'la partie', remediedOn: 'la date' }, ['remediedOn']);
      return remedyFormalNotice(op, id, {
        organisationId: v.organisationId,
        noticeId: c.req.param('noticeId') ?? '',
        remediedOn: v.remediedOn,
      });
    },
    'remedied',
  );
  action(
    '/conventions/:id/mises-en-demeure/:noticeId/resiliation',
    (c) => `terminate-${c.req.param('noticeId')}`,
    p.actingParty('organisationId'),
    async (op, id, v, c) => {
      check(v, { organisationId: 'la partie', requestedOn: 'la date de la demande' }, ['requestedOn']);
      return requestTermination(op, id, {
        organisationId: v.organisationId,
        noticeId: c.req.param('noticeId') ?? '',
        requestedOn: v.requestedOn,
      });
    },
    'terminated',
  );
  action(
    '/conventions/:id/resiliation-de-plein-droit',
    () => 'automatic',
    p.actingParty('organisationId'),
    async (op, id, v) => {
      check(
        v,
        {
          organisationId: 'la partie',
          effectiveOn: "la date d'effet",
          legalGround: 'le fondement juridique',
        },
        ['effectiveOn'],
      );
      return recordAutomaticTermination(op, id, {
        organisationId: v.organisationId,
        effectiveOn: v.effectiveOn,
        legalGround: v.legalGround,
      });
    },
    'terminated',
  );
  action(
    '/conventions/:id/litiges',
    () => 'dispute',
    p.actingParty('organisationId'),
    async (op, id, v) => {
      check(
        v,
        { organisationId: 'la partie', subject: "l'objet du litige", openedOn: "la date d'ouverture" },
        ['openedOn'],
      );
      return openDispute(op, id, {
        organisationId: v.organisationId,
        subject: v.subject,
        openedOn: v.openedOn,
      });
    },
    'dispute',
  );
  action(
    '/conventions/:id/litiges/:disputeId/etape',
    (c) => `stage-${c.req.param('disputeId')}`,
    p.actingParty('organisationId'),
    async (op, id, v, c) => {
      check(v, { organisationId: 'la partie', stage: "l'étape", stageOn: 'la date' }, ['stageOn']);
      return advanceDispute(op, id, {
        organisationId: v.organisationId,
        disputeId: c.req.param('disputeId') ?? '',
        stage: v.stage,
        on: v.stageOn,
      });
    },
    'stage',
  );
  action(
    '/conventions/:id/reunions',
    () => 'meeting',
    p.partyAdmin(),
    async (op, id, v) => {
      check(v, { heldOn: 'la date de la réunion', attendees: 'les participants' }, ['heldOn']);
      return recordMeeting(op, id, {
        heldOn: v.heldOn,
        attendees: v.attendees,
        minutes: v.minutes ?? '',
        decisions: v.decisions ?? '',
        review: v.review ?? '',
        roadmapYear: v.roadmapYear ? Number(v.roadmapYear) : null,
      });
    },
    'meeting',
  );

  // ── Versions: text, file, diff ──────────────────────────────────────────────
  const versionOf = async (q: Queryable, id: string, n: string) => {
    if (!/^\d{1,4}$/.test(n)) throw new AppError('not_found');
    const v = await q.maybeOne<{
      number: number;
      hash: string;
      format: 'markdown' | 'pdf';
      body_text: string | null;
      body_file: Uint8Array | null;
      file_name: string | null;
      proposed_on: string;
    }>(sql`SELECT number, hash, format, body_text, body_file, file_name, proposed_on FROM agreement_versions
      WHERE agreement_id = ${id} AND number = ${Number(n)}`);
    if (!v) throw new AppError('not_found', 'Version introuvable.');
    return v;
  };

  r.page('GET', '/conventions/:id/versions/:n', p.viewer, async (c) => {
    const t = c.get('t');
    const id = c.req.param('id') ?? '';
    const loaded = await loadAgreement(db, id);
    const v = await versionOf(db, id, c.req.param('n') ?? '');
    const title = `${loaded.agreement.title} — ${t('agreements.detail.version_n', { n: v.number })}`;
    return renderPage(c, {
      title,
      section: 'agreements',
      bilingual: true,
      breadcrumbs: [
        { label: t('agreements.list.title'), href: '/conventions' },
        { label: loaded.agreement.title, href: `/conventions/${id}` },
        { label: t('agreements.detail.version_n', { n: v.number }) },
      ],
      children: (
        <>
          <PageHeader title={title} />
          <p>
            {t('agreements.field.hash')} : <code class="agreement-hash">{v.hash}</code>
          </p>
          {v.format === 'markdown' ? (
            <div class="agreement-text">{raw(markdownToHtml(v.body_text ?? '', 2))}</div>
          ) : (
            <p>
              <a class="button" href={`/conventions/${id}/versions/${v.number}/fichier`}>
                {t('agreements.detail.download_pdf', { name: v.file_name ?? 'convention.pdf' })}
              </a>
            </p>
          )}
        </>
      ),
    });
  });

  r.asset('GET', '/conventions/:id/versions/:n/fichier', p.viewer, async (c) => {
    const v = await versionOf(db, c.req.param('id') ?? '', c.req.param('n') ?? '');
    if (v.format !== 'pdf' || !v.body_file) throw new AppError('not_found');
    return c.body(Buffer.from(v.body_file), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${(v.file_name ?? 'convention.pdf').replace(/"/g, '')}"`,
    });
  });

  r.page('GET', '/conventions/:id/versions/:n/diff', p.viewer, async (c) => {
    const t = c.get('t');
    const id = c.req.param('id') ?? '';
    const loaded = await loadAgreement(db, id);
    const v = await versionOf(db, id, c.req.param('n') ?? '');
    if (v.number < 2) throw new AppError('not_found', 'La première version n’a pas de version précédente.');
    const prev = await versionOf(db, id, String(v.number - 1));
    const lines =
      v.format === 'markdown' && prev.format === 'markdown'
        ? diffLines(prev.body_text ?? '', v.body_text ?? '')
        : null;
    const stats = lines ? diffStats(lines) : null;
    const title = t('agreements.diff.title', { from: prev.number, to: v.number });
    return renderPage(c, {
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
          <PageHeader title={title} lead={loaded.agreement.title} />
          <dl class="summary">
            <dt>{t('agreements.detail.version_n', { n: prev.number })}</dt>
            <dd>
              <code class="agreement-hash">{prev.hash}</code>
            </dd>
            <dt>{t('agreements.detail.version_n', { n: v.number })}</dt>
            <dd>
              <code class="agreement-hash">{v.hash}</code>
            </dd>
          </dl>
          {!lines || !stats ? (
            <Alert kind="info">{t('agreements.diff.binary')}</Alert>
          ) : (
            <>
              <p>{t('agreements.diff.stats', { added: stats.added, removed: stats.removed })}</p>
              <table class="agreement-diff">
                <caption class="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreements.diff.old_line')}</th>
                    <th scope="col">{t('agreements.diff.new_line')}</th>
                    <th scope="col">{t('agreements.diff.change')}</th>
                    <th scope="col">{t('agreements.diff.text')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l) => (
                    <tr class={`diff-${l.op}`}>
                      <td>{l.oldNo ?? ''}</td>
                      <td>{l.newNo ?? ''}</td>
                      <td>
                        {l.op === 'added'
                          ? t('agreements.diff.added')
                          : l.op === 'removed'
                            ? t('agreements.diff.removed')
                            : ''}
                      </td>
                      <td>
                        {l.op === 'added' ? (
                          <ins>{l.text}</ins>
                        ) : l.op === 'removed' ? (
                          <del>{l.text}</del>
                        ) : (
                          l.text
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      ),
    });
  });

  // ── Print ───────────────────────────────────────────────────────────────────
  r.page('GET', '/conventions/:id/impression', p.viewer, async (c) => {
    const t = c.get('t');
    const id = c.req.param('id') ?? '';
    const loaded = await loadAgreement(db, id);
    const on = today(deps.now());
    const { snapshot: s } = await deadlinesOf(db, loaded, on);
    const binding = loaded.versions.find((v) => v.number === (s.bindingVersion ?? s.currentVersion));
    const text = binding
      ? await db.maybeOne<{ body_text: string | null }>(
          sql`SELECT body_text FROM agreement_versions WHERE id = ${binding.id}`,
        )
      : null;
    return renderPage(c, {
      title: `${loaded.agreement.title} — ${t('agreements.print.title')}`,
      section: 'agreements',
      bilingual: true,
      breadcrumbs: [
        { label: t('agreements.list.title'), href: '/conventions' },
        { label: loaded.agreement.title, href: `/conventions/${id}` },
        { label: t('agreements.print.title') },
      ],
      children: <PrintBody c={c} loaded={loaded} s={s} on={on} text={text?.body_text ?? null} />,
    });
  });
}

export const PrintBody = ({
  c,
  loaded,
  s,
  on,
  text,
}: {
  c: Context<AppEnv>;
  loaded: LoadedAgreement;
  s: Snapshot;
  on: string;
  text: string | null;
}) => {
  const t = c.get('t');
  return (
    <article class="agreement-print">
      <h1>{loaded.agreement.title}</h1>
      <p>
        {t(`agreements.kind.${loaded.agreement.kind}`)} — {t(`agreements.state.${s.state}`)} (
        {t('agreements.print.on', { date: date(c, on) })})
      </p>
      <h2>{t('agreements.detail.parties')}</h2>
      <ul>
        {loaded.parties.map((p) => (
          <li>{p.name}</li>
        ))}
      </ul>
      <dl class="summary">
        <dt>{t('agreements.field.in_force_from')}</dt>
        <dd>{date(c, s.inForceFrom)}</dd>
        <dt>{t('agreements.field.last_day')}</dt>
        <dd>{date(c, s.lastDayInForce)}</dd>
        <dt>{t('agreements.field.binding_version')}</dt>
        <dd>{s.bindingVersion ? t('agreements.detail.version_n', { n: s.bindingVersion }) : '—'}</dd>
      </dl>
      <h2>{t('agreements.print.signatures')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('agreements.field.version')}</th>
            <th scope="col">{t('agreements.field.party')}</th>
            <th scope="col">{t('agreements.field.signer')}</th>
            <th scope="col">{t('agreements.field.signed_on')}</th>
            <th scope="col">{t('agreements.field.method')}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.approvals.map((a) => (
            <tr>
              <td>{a.number}</td>
              <td>{loaded.parties.find((p) => p.organisation_id === a.organisation_id)?.name}</td>
              <td>
                {a.signer_name} ({a.signer_role})
              </td>
              <td>{date(c, a.signed_on)}</td>
              <td>{t(`agreements.method.${a.method}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('agreements.detail.versions')}</h2>
      <ul>
        {loaded.versions.map((v) => (
          <li>
            {t('agreements.detail.version_n', { n: v.number })} — {date(c, v.proposed_on)} — SHA-256{' '}
            <code class="agreement-hash">{v.hash}</code>
          </li>
        ))}
      </ul>
      {text && (
        <>
          <h2>{t('agreements.print.text')}</h2>
          <div class="agreement-text">{raw(markdownToHtml(text, 3))}</div>
        </>
      )}
    </article>
  );
};

/**
 * The history in date order (a paper agreement entered later keeps its own dates), then in
 * the order recorded.
 */
export const timeline = (loaded: LoadedAgreement) =>
  [...loaded.events].sort((a, b) => (a.on_date < b.on_date ? -1 : a.on_date > b.on_date ? 1 : a.seq - b.seq));

/**
 * One line of the timeline, in words: people and organisations by name, never the internal
 * label of whoever recorded it (a seed, a job).
 */
function eventText(
  t: Translate,
  e: { type: string; payload: Record<string, any> },
  name: (id: string | null) => string,
  loaded: LoadedAgreement,
) {
  const p = e.payload;
  switch (e.type) {
    case 'version_proposed':
      return p.organisationId
        ? t('agreements.event.version_proposed', { n: p.version, party: name(p.organisationId) })
        : t('agreements.event.version_proposed_plain', { n: p.version });
    case 'approved': {
      const line = t('agreements.event.approved', { n: p.version, party: name(p.organisationId) });
      const a = loaded.approvals.find(
        (x) => x.number === p.version && x.organisation_id === p.organisationId,
      );
      return a
        ? `${line} — ${t('agreements.event.signed_by', { name: a.signer_name, role: a.signer_role })}`
        : line;
    }
    case 'withdrawal_notified':
      return t('agreements.event.withdrawal_notified', { party: name(p.organisationId) });
    case 'formal_notice_sent':
      return t('agreements.event.formal_notice_sent', {
        from: name(p.fromOrganisationId),
        to: name(p.toOrganisationId),
        ref: p.letterReference,
      });
    case 'formal_notice_remedied':
      return t('agreements.event.formal_notice_remedied');
    case 'termination_requested':
      return t('agreements.event.termination_requested', { party: name(p.organisationId) });
    case 'automatic_termination':
      return t('agreements.event.automatic_termination', { ground: p.legalGround });
    case 'dispute_opened':
      return t('agreements.event.dispute_opened', { subject: p.subject });
    case 'dispute_advanced':
      return t('agreements.event.dispute_advanced', { stage: t(`agreements.dispute.${p.stage}`) });
    default:
      return t(`agreements.event.${e.type}`);
  }
}
