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
import { formatDate, formatDateTime, formatNumber } from '../../i18n/i18n.js';
import { newAgreementWith } from '../agreements/index.js';
import { countryName } from '../directory/domain/countries.js';
import { CountryField } from '../directory/index.js';
import type { ConnectionRow } from './answer-connection.js';
import { groupMatches, MIN_SCORE } from './domain/score.js';
import type { Match, Viewer } from './find-matches.js';
import { explain } from './find-matches.js';
import type { Preferences } from './notify.js';
import { DeliveredTo } from './pages-relay.js';
import type {
  ConnectionEventRow,
  ConnectionListItem,
  PipelineRow,
  RevealedContacts,
} from './read-connections.js';
import type { DeliveryRow } from './read-relays.js';
import { PROJECT_KINDS } from './schemas.js';

type C = Context<AppEnv>;
const STATUS_TAG = { pending: 'info', accepted: 'success', declined: 'error', expired: 'neutral' } as const;

export const StatusTag = ({ c, status }: { c: C; status: ConnectionRow['status'] }) => (
  <Tag kind={STATUS_TAG[status]}>{c.get('t')(`connections.status.${status}`)}</Tag>
);

export function matchesPage(
  c: C,
  p: {
    viewer: Viewer;
    matches: Match[];
    themes: { code: string; name: string }[];
    filters: { theme?: string; country?: string };
    canAsk: boolean;
  },
) {
  const t = c.get('t');
  const groups = groupMatches(p.matches);
  const lead =
    p.viewer.kind === 'mission_locale'
      ? t('connections.matches.lead_ml')
      : p.viewer.kind === 'local_authority'
        ? t('connections.matches.lead_authority')
        : t('connections.matches.none_kind');
  return renderPage(c, {
    title: t('connections.matches.title', { name: p.viewer.name }),
    bilingual: true,
    section: 'directory',
    breadcrumbs: [
      { label: t('nav.directory'), href: '/annuaire' },
      { label: p.viewer.name, href: `/organisations/${p.viewer.id}` },
      { label: t('connections.matches.crumb') },
    ],
    children: (
      <>
        <PageHeader title={t('connections.matches.title', { name: p.viewer.name })} lead={lead} />
        <form method="get" class="filters-inline">
          <Select
            name="theme"
            label={t('connections.matches.filter_theme')}
            value={p.filters.theme ?? ''}
            emptyLabel={t('connections.matches.filter_any')}
            options={p.themes.map((x) => ({ value: x.code, label: x.name }))}
          />
          <CountryField
            c={c}
            name="country"
            label={t('connections.matches.filter_country')}
            value={p.filters.country ? countryName(p.filters.country, c.get('locale')) : ''}
          />
          <button type="submit" class="button button-secondary">
            {t('connections.matches.filter_submit')}
          </button>
        </form>
        {p.matches.length === 0 ? (
          <p class="empty-state">{t('connections.matches.empty')}</p>
        ) : (
          <>
            <p>
              {groups.suggested.length === 0
                ? t('connections.matches.count_zero', { min: MIN_SCORE })
                : groups.suggested.length === 1
                  ? t('connections.matches.count_one')
                  : t('connections.matches.count', { count: formatNumber(groups.suggested.length) })}
            </p>
            {groups.suggested.length > 0 && (
              <MatchList c={c} viewer={p.viewer} matches={groups.suggested} canAsk={p.canAsk} />
            )}
            {groups.belowThreshold.length > 0 && (
              <details class="match-group" id="score-faible">
                <summary>
                  {t('connections.matches.below_summary', {
                    min: MIN_SCORE,
                    count: formatNumber(groups.belowThreshold.length),
                  })}
                </summary>
                <p>{t('connections.matches.below_lead')}</p>
                <MatchList c={c} viewer={p.viewer} matches={groups.belowThreshold} canAsk={p.canAsk} />
              </details>
            )}
            {groups.noKnownActivity.length > 0 && (
              <details class="match-group" id="sans-action-internationale">
                <summary>
                  {t('connections.matches.quiet_summary', {
                    count: formatNumber(groups.noKnownActivity.length),
                  })}
                </summary>
                <p>{t('connections.matches.quiet_lead')}</p>
                <MatchList c={c} viewer={p.viewer} matches={groups.noKnownActivity} canAsk={p.canAsk} />
              </details>
            )}
          </>
        )}
      </>
    ),
  });
}

/** One group of suggestions: name, score, the reasons as sentences, the request button. */
function MatchList({
  c,
  viewer,
  matches,
  canAsk,
}: {
  c: C;
  viewer: Viewer;
  matches: Match[];
  canAsk: boolean;
}) {
  const t = c.get('t');
  return (
    <ol class="match-list">
      {matches.map((m) => (
        <li class="card match">
          <h2 class="match-name">
            <a href={`/organisations/${m.counterpart.id}`}>{m.counterpart.name}</a>
          </h2>
          <p>
            <Tag kind="accent">{t('connections.matches.score', { score: m.score })}</Tag>
          </p>
          <ul aria-label={t('connections.matches.reasons_label')}>
            {explain(t, m.reasons).map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          {canAsk && (
            <a
              class="button"
              href={`/organisations/${viewer.id}/mises-en-relation/nouvelle?vers=${m.counterpart.id}`}
            >
              {t('connections.matches.ask')}
            </a>
          )}
        </li>
      ))}
    </ol>
  );
}

export function requestPage(
  c: C,
  p: {
    requester: { id: string; name: string };
    receiver: { id: string; name: string } | null;
    themes: { code: string; name: string }[];
    values?: Record<string, string | string[]>;
    errors?: FieldErrors;
    /** An open request between the two organisations: shown instead of the form. */
    existing?: { id: string; created_at: Date } | null;
  },
  status = 200,
) {
  const t = c.get('t');
  const v = p.values ?? {};
  const str = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]).join(', ') : ((v[k] as string) ?? ''));
  const chosenThemes = [v.projectThemes ?? []].flat();
  return renderPage(
    c,
    {
      title: t('connections.request.title'),
      bilingual: true,
      breadcrumbs: [
        { label: p.requester.name, href: `/organisations/${p.requester.id}` },
        { label: t('connections.matches.crumb'), href: `/organisations/${p.requester.id}/rapprochements` },
        { label: t('connections.request.title') },
      ],
      children: (
        <>
          <PageHeader
            title={t('connections.request.title')}
            lead={p.receiver ? t('connections.request.lead', { receiver: p.receiver.name }) : undefined}
          />
          {!p.receiver ? (
            <Alert kind="warning">
              <p>{t('connections.request.receiver_missing')}</p>
            </Alert>
          ) : p.existing ? (
            <Alert kind="info">
              <p>
                {t('connections.request.existing', {
                  requester: p.requester.name,
                  receiver: p.receiver.name,
                  date: formatDate(p.existing.created_at.toISOString()),
                })}
              </p>
              <p>
                <a class="button" href={`/mises-en-relation/${p.existing.id}`}>
                  {t('connections.request.existing_link')}
                </a>
              </p>
            </Alert>
          ) : (
            <form
              method="post"
              action={`/organisations/${p.requester.id}/mises-en-relation/nouvelle`}
              novalidate
            >
              <CsrfField c={c} />
              <ErrorSummary c={c} errors={p.errors} />
              <input type="hidden" name="receiverId" value={p.receiver.id} />
              <p>
                <strong>{t('connections.request.to', { receiver: p.receiver.name })}</strong>
              </p>
              <TextArea
                name="message"
                label={t('connections.request.message')}
                hint={t('connections.request.message_hint')}
                value={str('message')}
                error={p.errors?.message}
                required
                maxlength={4000}
              />
              <Select
                name="projectKind"
                label={t('connections.request.project_kind')}
                value={str('projectKind')}
                error={p.errors?.projectKind}
                emptyLabel={t('connections.request.project_kind_none')}
                options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`connections.kind.${k}`) }))}
              />
              <CountryField
                c={c}
                multiple
                name="projectCountries"
                label={t('connections.request.countries')}
                value={str('projectCountries')}
                error={p.errors?.projectCountries ?? p.errors?.['projectCountries.0']}
              />
              <fieldset class="field">
                <legend>{t('connections.request.themes')}</legend>
                {p.errors?.projectThemes && <p class="error-message">{p.errors.projectThemes}</p>}
                {p.themes.map((x) => (
                  <div class="checkbox">
                    <input
                      type="checkbox"
                      id={`theme-${x.code}`}
                      name="projectThemes"
                      value={x.code}
                      checked={chosenThemes.includes(x.code)}
                    />
                    <label for={`theme-${x.code}`}>{x.name}</label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" class="button">
                {t('connections.request.submit')}
              </button>
            </form>
          )}
        </>
      ),
    },
    status,
  );
}

export function listPage(c: C, items: ConnectionListItem[], notice?: string) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('connections.list.title'),
    bilingual: true,
    wide: true,
    children: (
      <>
        <PageHeader title={t('connections.list.title')} lead={t('connections.list.lead')} />
        {notice && (
          <Alert kind="success">
            <p>{notice}</p>
          </Alert>
        )}
        {items.length === 0 ? (
          <p class="empty-state">{t('connections.list.empty')}</p>
        ) : (
          <div class="table-wrapper">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('connections.list.date')}</th>
                  <th scope="col">{t('connections.list.from')}</th>
                  <th scope="col">{t('connections.list.to')}</th>
                  <th scope="col">{t('connections.list.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr>
                    <td>
                      <a href={`/mises-en-relation/${i.id}`}>{formatDateTime(i.created_at)}</a>
                    </td>
                    <td>{i.requester_name}</td>
                    <td>{i.receiver_name}</td>
                    <td>
                      <StatusTag c={c} status={i.status} />
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
}

const RequestSummary = ({ c, x }: { c: C; x: ConnectionRow }) => {
  const t = c.get('t');
  return (
    <dl class="summary">
      <dt>{t('connections.list.status')}</dt>
      <dd>
        <StatusTag c={c} status={x.status} />
      </dd>
      <dt>{t('connections.list.date')}</dt>
      <dd>{formatDateTime(x.created_at)}</dd>
      <dt>{t('connections.detail.message')}</dt>
      <dd class="preserve-lines">{x.message}</dd>
      {x.project_kind && (
        <>
          <dt>{t('connections.detail.project')}</dt>
          <dd>{t(`connections.kind.${x.project_kind}`)}</dd>
        </>
      )}
      {x.project_countries.length > 0 && (
        <>
          <dt>{t('connections.detail.countries')}</dt>
          <dd>{x.project_countries.map((k) => countryName(k)).join(', ')}</dd>
        </>
      )}
      {x.project_themes.length > 0 && (
        <>
          <dt>{t('connections.detail.themes')}</dt>
          <dd>{x.project_themes.map((k) => t(`directory.theme.${k}`)).join(', ')}</dd>
        </>
      )}
      {x.decline_reason && (
        <>
          <dt>{t('connections.detail.reason')}</dt>
          <dd>{x.decline_reason}</dd>
        </>
      )}
    </dl>
  );
};

const Contacts = ({ c, sides }: { c: C; sides: RevealedContacts[] }) => {
  const t = c.get('t');
  return (
    <div class="grid-3">
      {sides.map((s) => (
        <div class="card">
          <h3>{s.organisationName}</h3>
          {s.person && (
            <p>{t('connections.detail.person', { name: s.person.name, email: s.person.email })}</p>
          )}
          {s.organisationEmail && (
            <p>
              <a href={`mailto:${s.organisationEmail}`}>{s.organisationEmail}</a>
            </p>
          )}
          <ul>
            {s.contacts.map((k) => (
              <li>
                {k.name}
                {k.role_title ? ` — ${k.role_title}` : ''}
                {k.email ? ` — ${k.email}` : ''}
                {k.phone ? ` — ${k.phone}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
};

const AnswerForms = ({
  c,
  action,
  askName,
  errors,
  values,
}: {
  c: C;
  action: (kind: 'accept' | 'decline') => string;
  askName?: boolean;
  errors?: FieldErrors;
  values?: Record<string, string | string[]>;
}) => {
  const t = c.get('t');
  const v = (k: string) => (typeof values?.[k] === 'string' ? (values[k] as string) : '');
  return (
    <div class="grid-3">
      <form method="post" action={action('accept')} class="card">
        <CsrfField c={c} />
        {askName && (
          <Field
            name="name"
            label={t('connections.answer.your_name')}
            value={v('name')}
            autocomplete="name"
          />
        )}
        <button type="submit" class="button">
          {t('connections.detail.accept')}
        </button>
      </form>
      <form method="post" action={action('decline')} class="card" novalidate>
        <CsrfField c={c} />
        {askName && (
          <Field
            name="name"
            label={t('connections.answer.your_name')}
            value={v('name')}
            autocomplete="name"
          />
        )}
        <TextArea
          name="reason"
          label={t('connections.detail.reason')}
          hint={t('connections.detail.reason_hint')}
          value={v('reason')}
          error={errors?.reason}
          rows={3}
          required
        />
        <button type="submit" class="button button-secondary">
          {t('connections.detail.decline')}
        </button>
      </form>
    </div>
  );
};

export function detailPage(
  c: C,
  p: {
    x: ConnectionRow;
    events: ConnectionEventRow[];
    contacts: RevealedContacts[];
    deliveries: DeliveryRow[];
    canAnswer: boolean;
    notice?: string;
    errors?: FieldErrors;
    values?: Record<string, string | string[]>;
  },
  status = 200,
) {
  const t = c.get('t');
  const title = t('connections.detail.title', { requester: p.x.requester_name, receiver: p.x.receiver_name });
  return renderPage(
    c,
    {
      title,
      breadcrumbs: [{ label: t('connections.list.title'), href: '/mises-en-relation' }, { label: title }],
      children: (
        <>
          <PageHeader title={title} />
          {p.notice && (
            <Alert kind="success">
              <p>{p.notice}</p>
            </Alert>
          )}
          <ErrorSummary c={c} errors={p.errors} />
          <RequestSummary c={c} x={p.x} />
          {p.x.status === 'pending' && (
            <p>{t('connections.detail.expires', { date: formatDate(p.x.expires_at.toISOString()) })}</p>
          )}
          <DeliveredTo c={c} x={p.x} rows={p.deliveries} />
          {p.canAnswer && p.x.status === 'pending' && (
            <AnswerForms
              c={c}
              action={(k) => `/mises-en-relation/${p.x.id}/${k === 'accept' ? 'accepter' : 'decliner'}`}
              errors={p.errors}
              values={p.values}
            />
          )}
          {p.x.status === 'accepted' && projectStarter(c, p.x) && (
            <p>
              <a class="button" href={projectStarter(c, p.x)!}>
                {t('connections.detail.start_project')}
              </a>{' '}
              {agreementStarter(c, p.x) && (
                <a class="button button-secondary" href={agreementStarter(c, p.x)!}>
                  {t('connections.detail.start_agreement')}
                </a>
              )}
            </p>
          )}
          <h2>{t('connections.detail.contacts')}</h2>
          {p.contacts.length > 0 ? (
            <Contacts c={c} sides={p.contacts} />
          ) : (
            <p>{t('connections.detail.contacts_hidden')}</p>
          )}
          <h2>{t('connections.detail.history')}</h2>
          <ol class="timeline">
            {p.events.map((e) => (
              <li>
                <time datetime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
                {t(`connections.event.${e.kind}`)} — {e.actor_label}
                {e.note && e.kind !== 'requested' ? ` : ${e.note}` : ''}
              </li>
            ))}
          </ol>
        </>
      ),
    },
    status,
  );
}

export function answerPage(
  c: C,
  p: {
    token: string;
    x: ConnectionRow;
    done?: { status: 'accepted' | 'declined'; invitationUrl: string | null; contacts: RevealedContacts[] };
    errors?: FieldErrors;
    values?: Record<string, string | string[]>;
  },
  status = 200,
) {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t('connections.answer.title'),
      bilingual: true,
      children: (
        <>
          <PageHeader
            title={t('connections.answer.title')}
            lead={t('connections.answer.lead', {
              requester: p.x.requester_name,
              receiver: p.x.receiver_name,
            })}
          />
          {p.done ? (
            <>
              <Alert kind="success">
                <p>
                  {t(
                    p.done.status === 'accepted'
                      ? 'connections.answer.done_accepted'
                      : 'connections.answer.done_declined',
                    { requester: p.x.requester_name },
                  )}
                </p>
              </Alert>
              {p.done.contacts.length > 0 && <Contacts c={c} sides={p.done.contacts} />}
              {p.done.invitationUrl ? (
                <>
                  <p>{t('connections.answer.join', { receiver: p.x.receiver_name })}</p>
                  <p>
                    <a class="button" href={p.done.invitationUrl}>
                      {t('connections.answer.join_link')}
                    </a>
                  </p>
                </>
              ) : (
                <p>
                  <a href="/connexion">{t('connections.answer.already_member')}</a>
                </p>
              )}
            </>
          ) : (
            <>
              <ErrorSummary c={c} errors={p.errors} />
              <RequestSummary c={c} x={p.x} />
              <AnswerForms
                c={c}
                askName
                action={(k) => `/mise-en-relation/reponse/${p.token}?action=${k}`}
                errors={p.errors}
                values={p.values}
              />
            </>
          )}
        </>
      ),
    },
    status,
  );
}

export function notificationsPage(
  c: C,
  items: { id: string; title: string; url: string | null; created_at: Date; read_at: Date | null }[],
) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('connections.notifications.title'),
    bilingual: true,
    children: (
      <>
        <PageHeader title={t('connections.notifications.title')} />
        <p>
          <a href="/compte/notifications">{t('connections.notifications.preferences')}</a>
        </p>
        {items.length === 0 ? (
          <p class="empty-state">{t('connections.notifications.empty')}</p>
        ) : (
          <>
            <form method="post" action="/notifications/lues">
              <CsrfField c={c} />
              <button type="submit" class="button button-secondary">
                {t('connections.notifications.mark_all')}
              </button>
            </form>
            <ul class="notification-list">
              {items.map((n) => (
                <li class={n.read_at ? 'notification' : 'notification notification-unread'}>
                  {!n.read_at && <Tag kind="accent">{t('connections.notifications.unread')}</Tag>}{' '}
                  {n.url ? <a href={n.url}>{n.title}</a> : n.title}{' '}
                  <time datetime={n.created_at.toISOString()}>{formatDateTime(n.created_at)}</time>
                  {!n.read_at && (
                    <form method="post" action={`/notifications/${n.id}/lue`} class="inline-form">
                      <CsrfField c={c} />
                      <button type="submit" class="link-button">
                        {t('connections.notifications.mark_one')}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    ),
  });
}

export function preferencesPage(c: C, prefs: Preferences, saved: boolean) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('connections.preferences.title'),
    bilingual: true,
    breadcrumbs: [
      { label: t('nav.account'), href: '/compte' },
      { label: t('connections.preferences.title') },
    ],
    children: (
      <>
        <PageHeader title={t('connections.preferences.title')} lead={t('connections.preferences.lead')} />
        {saved && (
          <Alert kind="success">
            <p>{t('connections.preferences.saved')}</p>
          </Alert>
        )}
        <form method="post" action="/compte/notifications">
          <CsrfField c={c} />
          <div class="checkbox">
            <input
              type="checkbox"
              id="pref-connections"
              name="connectionEmails"
              value="on"
              checked={prefs.connectionEmails}
            />
            <label for="pref-connections">{t('connections.preferences.connection_emails')}</label>
          </div>
          <div class="checkbox">
            <input
              type="checkbox"
              id="pref-digest"
              name="digestEmails"
              value="on"
              checked={prefs.digestEmails}
            />
            <label for="pref-digest">{t('connections.preferences.digest_emails')}</label>
          </div>
          <button type="submit" class="button">
            {t('connections.preferences.submit')}
          </button>
        </form>
      </>
    ),
  });
}

export function unsubscribePage(c: C, result: { email: string; category: string } | null) {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t('connections.unsubscribe.title'),
      bilingual: true,
      children: (
        <>
          <PageHeader title={t('connections.unsubscribe.title')} />
          {result ? (
            <Alert kind="success">
              <p>
                {t(
                  result.category === 'digest'
                    ? 'connections.unsubscribe.done_digest'
                    : 'connections.unsubscribe.done_connections',
                  { email: result.email },
                )}
              </p>
            </Alert>
          ) : (
            <Alert kind="error">
              <p>{t('connections.unsubscribe.invalid')}</p>
            </Alert>
          )}
          <p>
            <a href="/compte/notifications">{t('connections.unsubscribe.manage')}</a>
          </p>
        </>
      ),
    },
    result ? 200 : 400,
  );
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const days = (c: C, h: number | null) =>
  h === null
    ? '—'
    : c.get('t')('connections.admin.median_value', { days: (h / 24).toFixed(1).replace('.', ',') });

export function pipelinePage(c: C, rows: PipelineRow[]) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('connections.admin.pipeline_title'),
    bilingual: true,
    section: 'admin',
    wide: true,
    breadcrumbs: [
      { label: t('nav.admin'), href: '/admin' },
      { label: t('connections.admin.pipeline_title') },
    ],
    children: (
      <>
        <PageHeader
          title={t('connections.admin.pipeline_title')}
          lead={t('connections.admin.pipeline_lead')}
        />
        <p>
          <a href="/admin/mises-en-relation.csv" download>
            {t('connections.admin.csv')}
          </a>
        </p>
        <div class="table-wrapper">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('connections.admin.region')}</th>
                <th scope="col">{t('connections.admin.requests')}</th>
                <th scope="col">{t('connections.admin.pending')}</th>
                <th scope="col">{t('connections.admin.accepted')}</th>
                <th scope="col">{t('connections.admin.declined')}</th>
                <th scope="col">{t('connections.admin.expired')}</th>
                <th scope="col">{t('connections.admin.rate')}</th>
                <th scope="col">{t('connections.admin.median')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr class={r.total ? 'total-row' : undefined}>
                  <th scope="row">
                    {r.total
                      ? t('connections.admin.total')
                      : (r.region_name ?? t('connections.admin.no_region'))}
                  </th>
                  <td>{formatNumber(r.requests)}</td>
                  <td>{formatNumber(r.pending)}</td>
                  <td>{formatNumber(r.accepted)}</td>
                  <td>{formatNumber(r.declined)}</td>
                  <td>{formatNumber(r.expired)}</td>
                  <td>{pct(r.acceptance_rate)}</td>
                  <td>{days(c, r.median_hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    ),
  });
}

export interface OpportunityRow {
  region_name: string | null;
  departement_code: string | null;
  departement_name: string | null;
  ml_id: string;
  ml_name: string;
  authority_id: string;
  authority_name: string;
  share: number;
  score: number;
  reasons: string[];
}

export function opportunitiesPage(
  c: C,
  p: { rows: OpportunityRow[]; total: number; regions: { code: string; name: string }[]; region: string },
) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('connections.admin.opportunities_title'),
    bilingual: true,
    section: 'admin',
    wide: true,
    breadcrumbs: [
      { label: t('nav.admin'), href: '/admin' },
      { label: t('connections.admin.opportunities_title') },
    ],
    children: (
      <>
        <PageHeader
          title={t('connections.admin.opportunities_title')}
          lead={t('connections.admin.opportunities_lead')}
        />
        <form method="get" class="filters-inline">
          <Select
            name="region"
            label={t('connections.admin.filter_region')}
            value={p.region}
            emptyLabel={t('connections.admin.all_regions')}
            options={p.regions.map((r) => ({ value: r.code, label: r.name }))}
          />
          <button type="submit" class="button button-secondary">
            {t('connections.matches.filter_submit')}
          </button>
        </form>
        <p>
          {t('connections.admin.opportunities_count', { count: formatNumber(p.total) })}
          {p.total > p.rows.length
            ? ` ${t('connections.admin.shown', { count: formatNumber(p.rows.length) })}`
            : ''}{' '}
          <a
            href={`/admin/opportunites.csv${p.region ? `?region=${encodeURIComponent(p.region)}` : ''}`}
            download
          >
            {t('connections.admin.csv')}
          </a>
        </p>
        {p.rows.length === 0 ? (
          <p class="empty-state">{t('connections.admin.opportunities_empty')}</p>
        ) : (
          <div class="table-wrapper">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('connections.admin.region')}</th>
                  <th scope="col">{t('connections.admin.departement')}</th>
                  <th scope="col">{t('connections.admin.mission_locale')}</th>
                  <th scope="col">{t('connections.admin.authority')}</th>
                  <th scope="col">{t('connections.admin.coverage')}</th>
                  <th scope="col">{t('connections.admin.score')}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr>
                    <td>{r.region_name ?? ''}</td>
                    <td>{r.departement_name ? `${r.departement_name} (${r.departement_code})` : ''}</td>
                    <td>
                      <a href={`/organisations/${r.ml_id}/rapprochements`}>{r.ml_name}</a>
                    </td>
                    <td>
                      <a href={`/organisations/${r.authority_id}`}>{r.authority_name}</a>
                    </td>
                    <td>{pct(r.share)}</td>
                    <td>{r.score}</td>
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

/**
 * An accepted connection can start a joint project (art. 2: "mise en place de projets
 * communs"): the project form opens with the caller's side and the other side filled in.
 */
function projectStarter(c: C, x: ConnectionRow): string | null {
  const actor = c.get('actor');
  if (actor.kind !== 'user') return null;
  const mine = actor.memberships.find(
    (m) => m.organisationId === x.requester_id || m.organisationId === x.receiver_id,
  );
  if (!mine) return null;
  const other = mine.organisationId === x.requester_id ? x.receiver_id : x.requester_id;
  return `/projets/nouveau?organisation=${mine.organisationId}&partenaire=${other}`;
}

/** An accepted connection can also start a convention between both sides (issue 9 §4), both prefilled. */
function agreementStarter(c: C, x: ConnectionRow): string | null {
  const actor = c.get('actor');
  if (actor.kind !== 'user') return null;
  // Creating a convention is for an admin of the organisation (agreements' creator policy).
  const mine = actor.memberships.find(
    (m) => m.role === 'admin' && (m.organisationId === x.requester_id || m.organisationId === x.receiver_id),
  );
  if (!mine) return null;
  return newAgreementWith(
    mine.organisationId,
    mine.organisationId === x.requester_id ? x.receiver_id : x.requester_id,
  );
}
