/** The signed-in home page: what to do now, each item linking to where it is done (issue 9 §5). */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../http/context.js';
import { Alert, PageHeader, Tag } from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/i18n.js';
import type { Dashboard } from './dashboard.js';

type C = Context<AppEnv>;

const Section = ({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  children: Child;
}) => (
  <section class="dashboard-section card" aria-labelledby={`${id}-title`} id={id}>
    <h2 id={`${id}-title`}>
      {title}
      {count !== undefined && count > 0 && <span class="dashboard-count"> ({formatNumber(count)})</span>}
    </h2>
    {children}
  </section>
);

const Empty = ({ children }: { children: Child }) => <p class="dashboard-empty muted">{children}</p>;

export function dashboardPage(c: C, d: Dashboard, opts: { demo: boolean }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const actor = c.get('actor');
  if (actor.kind !== 'user') throw new Error('dashboardPage needs a signed-in user');
  const date = (iso: string) => formatDate(iso, locale);
  const a = d.agreements;
  const todo = d.requests.length + d.relays.count + a.toApprove.length + a.actionsDue.length;
  const showRelays = d.networkStaff || d.relays.items.length > 0;
  const orgs = actor.memberships;
  const summary: { href: string; label: string; n: number }[] = [
    { href: '#demandes', label: t('home.dash.requests'), n: d.requests.length },
    ...(showRelays ? [{ href: '#relais', label: t('home.dash.relays'), n: d.relays.count }] : []),
    { href: '#approbations', label: t('home.dash.approvals'), n: a.toApprove.length },
    { href: '#actions', label: t('home.dash.actions'), n: a.actionsDue.length },
    { href: '#echeances', label: t('home.dash.deadlines'), n: a.deadlines.length },
    { href: '#projets', label: t('home.dash.projects'), n: d.projects.length },
    { href: '#financements', label: t('home.dash.funding'), n: d.funding.calls.length },
  ];
  return renderPage(c, {
    title: t('home.dash.title'),
    section: 'home',
    bilingual: true,
    children: (
      <>
        {opts.demo && (
          <Alert kind="info" title={t('home.demo_banner_title')}>
            <p>{t('home.demo_banner')}</p>
          </Alert>
        )}
        <PageHeader
          title={t('home.dash.heading', { name: actor.user.name })}
          lead={
            todo === 0
              ? t('home.dash.lead_nothing')
              : todo === 1
                ? t('home.dash.lead_one')
                : t('home.dash.lead_many', { n: formatNumber(todo) })
          }
        />
        {orgs.length > 0 ? (
          <p class="dashboard-orgs">
            {t('home.dash.your_orgs')}{' '}
            {orgs.map((m, i) => (
              <>
                {i > 0 && ', '}
                <a href={`/organisations/${m.organisationId}`}>{m.organisationName}</a> (
                {t(m.role === 'admin' ? 'home.dash.role_admin' : 'home.dash.role_member')})
              </>
            ))}
          </p>
        ) : (
          <p class="dashboard-orgs">{t('home.dash.no_org')}</p>
        )}
        <nav aria-label={t('home.dash.summary')} class="dashboard-summary">
          <ul>
            {summary.map((s) => (
              <li>
                <a href={s.href}>
                  <span class="dashboard-figure">{formatNumber(s.n)}</span> {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <div class="dashboard-grid">
          <Section id="demandes" title={t('home.dash.requests')} count={d.requests.length}>
            {d.requests.length === 0 ? (
              <Empty>
                {t('home.dash.requests_none')} <a href="/mises-en-relation">{t('home.dash.requests_all')}</a>
              </Empty>
            ) : (
              <ul class="dashboard-list">
                {d.requests.map((r) => (
                  <li>
                    <a href={r.href}>{t('home.dash.request_item', { from: r.requesterName })}</a>
                    <span class="muted">
                      {' '}
                      — {t('home.dash.request_to', { to: r.receiverName })}{' '}
                      {t('home.dash.request_expires', { date: formatDateTime(r.expiresAt, locale) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          {showRelays && (
            <Section id="relais" title={t('home.dash.relays')} count={d.relays.count}>
              {d.relays.items.length === 0 ? (
                <Empty>{t('home.dash.relays_none')}</Empty>
              ) : (
                <ul class="dashboard-list">
                  {d.relays.items.map((r) => (
                    <li>
                      <a href={`/relais/${r.id}`}>
                        {t('home.dash.relay_item', { from: r.requester_name, to: r.receiver_name })}
                      </a>
                      <span class="muted">
                        {' '}
                        —{' '}
                        {r.contacts > 0
                          ? t('home.dash.relay_passed', { n: r.contacts })
                          : t('home.dash.relay_todo')}{' '}
                        {t('home.dash.request_expires', { date: formatDateTime(r.expires_at, locale) })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <a href="/relais">{t('home.dash.relays_all')}</a>
              </p>
            </Section>
          )}

          <Section id="approbations" title={t('home.dash.approvals')} count={a.toApprove.length}>
            {a.toApprove.length === 0 ? (
              <Empty>{t('home.dash.approvals_none')}</Empty>
            ) : (
              <ul class="dashboard-list">
                {a.toApprove.map((x) => (
                  <li>
                    <a href={x.href}>
                      {x.kind === 'version'
                        ? t('home.dash.approve_version', { n: x.number, title: x.agreementTitle })
                        : t('home.dash.approve_roadmap', { year: x.number, title: x.agreementTitle })}
                    </a>
                    <span class="muted"> — {t('home.dash.for_org', { org: x.organisationName })}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="actions" title={t('home.dash.actions')} count={a.actionsDue.length}>
            {a.actionsDue.length === 0 ? (
              <Empty>{t('home.dash.actions_none')}</Empty>
            ) : (
              <ul class="dashboard-list">
                {a.actionsDue.map((x) => (
                  <li>
                    <a href={x.href}>{x.title}</a>{' '}
                    {x.overdue ? (
                      <Tag kind="warning">{t('home.dash.overdue_since', { date: date(x.dueOn) })}</Tag>
                    ) : (
                      <span>{t('home.dash.due_on', { date: date(x.dueOn) })}</span>
                    )}
                    <span class="muted">
                      {' '}
                      — {t('home.dash.roadmap_of', { year: x.year, title: x.agreementTitle })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="echeances" title={t('home.dash.deadlines')} count={a.deadlines.length}>
            {a.deadlines.length === 0 ? (
              <Empty>
                {t('home.dash.deadlines_none')} <a href="/conventions">{t('home.dash.agreements_all')}</a>
              </Empty>
            ) : (
              <ul class="dashboard-list">
                {a.deadlines.map((x) => (
                  <li>
                    <strong>{date(x.on)}</strong> : {t(`agreements.deadline.${x.kind}`)} —{' '}
                    <a href={x.href}>{x.agreementTitle}</a>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="projets" title={t('home.dash.projects')} count={d.projects.length}>
            {d.projects.length === 0 ? (
              <Empty>
                {t('home.dash.projects_none')} <a href="/projets/nouveau">{t('home.dash.project_new')}</a>
              </Empty>
            ) : (
              <ul class="dashboard-list">
                {d.projects.map((p) => (
                  <li>
                    <a href={p.href}>{p.title}</a> <Tag>{t(`projects.status.${p.status}`)}</Tag>
                    <br />
                    {p.nextMilestone ? (
                      <span class={p.nextMilestone.overdue ? 'dashboard-overdue' : 'muted'}>
                        {t(
                          p.nextMilestone.overdue
                            ? 'home.dash.milestone_overdue'
                            : 'home.dash.milestone_next',
                          {
                            title: p.nextMilestone.title,
                            date: date(p.nextMilestone.dueOn),
                          },
                        )}{' '}
                        <a href={p.nextMilestone.href}>{t('home.dash.milestone_link')}</a>
                      </span>
                    ) : (
                      <span class="muted">{t('home.dash.milestone_none')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="financements" title={t('home.dash.funding')} count={d.funding.calls.length}>
            {d.funding.searches === 0 ? (
              <Empty>
                {t('home.dash.funding_no_search')} <a href="/financements">{t('home.dash.funding_search')}</a>
              </Empty>
            ) : d.funding.calls.length === 0 ? (
              <Empty>
                {t('home.dash.funding_none')}{' '}
                <a href="/financements/alertes">{t('home.dash.funding_alerts')}</a>
              </Empty>
            ) : (
              <ul class="dashboard-list">
                {d.funding.calls.map((f) => (
                  <li>
                    <a href={f.href}>
                      {f.programmeName} — {f.callTitle}
                    </a>
                    <span class="muted">
                      {' '}
                      {f.open
                        ? t('home.dash.call_closes', { date: date(f.closesOn) })
                        : t('home.dash.call_opens', { date: date(f.opensOn), end: date(f.closesOn) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          {d.opportunities && (
            <Section id="opportunites" title={t('home.dash.opportunities')} count={d.opportunities.total}>
              {d.opportunities.total === 0 ? (
                <Empty>{t('home.dash.opportunities_none')}</Empty>
              ) : (
                <>
                  <p>
                    {t(
                      d.opportunities.region
                        ? 'home.dash.opportunities_region'
                        : 'home.dash.opportunities_france',
                      {
                        n: formatNumber(d.opportunities.total),
                      },
                    )}
                  </p>
                  <ul class="dashboard-list">
                    {d.opportunities.top.map((o) => (
                      <li>
                        {o.missionLocale} ↔ {o.authority}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>
                <a href={d.opportunities.href}>{t('home.dash.opportunities_all')}</a>
              </p>
            </Section>
          )}
        </div>
      </>
    ),
  });
}
