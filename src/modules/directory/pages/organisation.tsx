import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import { Alert, PageHeader, Tag } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { formatDate, formatDateTime, formatNumber } from '../../../i18n/i18n.js';
import { isPlatformAdmin, membershipOf } from '../../../policy/actor.js';
import { countryName } from '../domain/countries.js';
import { needsVerification, parisDay } from '../domain/profile.js';
import { isInsider } from '../domain/sharing.js';
import { DepartementThumbnail } from '../map/render.js';
import type { loadProfile } from '../profiles.js';
import { fieldLabel, kindLabel } from './labels.js';

type Profile = Awaited<ReturnType<typeof loadProfile>>;

export function canEditProfile(c: Context<AppEnv>, id: string): boolean {
  const a = c.get('actor');
  return isPlatformAdmin(a) || membershipOf(a, id)?.role === 'admin';
}

export function organisationPage(
  c: Context<AppEnv>,
  p: Profile,
  extra: { openRequest?: { id: string; created_at: Date } | null } = {},
) {
  const t = c.get('t');
  const { org, snapshot: s, territory } = p;
  const actor = c.get('actor');
  const insider = isInsider(actor, org.id);
  const today = parisDay(c.get('deps').now());
  const stale = needsVerification(s.lastVerifiedOn, today);
  const saved = c.req.query('enregistre') === '1';
  const dash = <span class="muted">{t('directory.org.not_given')}</span>;
  return renderPage(c, {
    title: org.name,
    bilingual: true,
    section: 'directory',
    breadcrumbs: [
      { label: t('nav.home'), href: '/' },
      { label: t('directory.org.breadcrumb'), href: '/annuaire' },
      { label: org.name },
    ],
    children: (
      <>
        {saved && (
          <Alert kind="success">
            <p>{t('directory.org.saved')}</p>
          </Alert>
        )}
        <PageHeader title={org.name}>
          <p class="tag-list">
            <Tag kind="info">{t(`directory.kind.${org.kind}`)}</Tag>{' '}
            {org.level && <Tag kind="neutral">{t(`directory.level.${org.level}`)}</Tag>}{' '}
            {s.cufMember && <Tag kind="accent">{t('directory.org.cuf_member')}</Tag>}{' '}
            {s.openToPartnership && <Tag kind="success">{t('directory.org.open')}</Tag>}
          </p>
          <p class="muted">
            {s.lastVerifiedOn
              ? t('directory.org.last_verified', { date: formatDate(s.lastVerifiedOn) })
              : t('directory.org.never_verified')}
          </p>
          <p class="button-group">
            {canEditProfile(c, org.id) && (
              <a class="button" href={`/organisations/${org.id}/modifier`}>
                {t('directory.org.edit')}
              </a>
            )}
            {(org.kind === 'mission_locale' || org.kind === 'local_authority') && (
              <a class="button button-secondary" href={`/organisations/${org.id}/rapprochements`}>
                {t('directory.org.matches')}
              </a>
            )}
            {extra.openRequest ? (
              <a class="button button-secondary" href={`/mises-en-relation/${extra.openRequest.id}`}>
                {t('connections.org.request_pending', {
                  date: formatDate(extra.openRequest.created_at.toISOString()),
                })}
              </a>
            ) : (
              requesterFor(c, org.id, org.kind) && (
                <a
                  class="button button-secondary"
                  href={`/organisations/${requesterFor(c, org.id, org.kind)}/mises-en-relation/nouvelle?vers=${org.id}`}
                >
                  {t('directory.org.request_connection')}
                </a>
              )
            )}
          </p>
        </PageHeader>
        {stale && s.lastVerifiedOn && (
          <Alert kind="warning">
            <p>{t('directory.org.stale')}</p>
          </Alert>
        )}

        <section aria-labelledby="identite">
          <h2 id="identite">{t('directory.org.identity')}</h2>
          <dl class="summary">
            <dt>{t('directory.org.kind')}</dt>
            <dd>{kindLabel(t, org.kind, org.level)}</dd>
            {org.code && (
              <>
                <dt>{t('directory.org.code')}</dt>
                <dd>{org.code}</dd>
              </>
            )}
            {org.siret && (
              <>
                <dt>{t('directory.org.siret')}</dt>
                <dd>{org.siret}</dd>
              </>
            )}
            {org.kind === 'foreign_partner' && (
              <>
                <dt>{t('directory.org.country')}</dt>
                <dd>{s.country ? countryName(s.country) : dash}</dd>
                <dt>{t('directory.org.city')}</dt>
                <dd>{s.city ?? dash}</dd>
                <dt>{t('directory.org.partner_type')}</dt>
                <dd>{s.partnerType ? t(`directory.partner_type.${s.partnerType}`) : dash}</dd>
              </>
            )}
            <dt>{t('directory.org.website')}</dt>
            <dd>
              {s.website && /^https?:\/\//i.test(s.website) ? (
                <a href={s.website} rel="noopener noreferrer">
                  {s.website}
                </a>
              ) : (
                dash
              )}
            </dd>
            <dt>{t('directory.org.email')}</dt>
            <dd>{s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : dash}</dd>
          </dl>
          {s.description && (
            <>
              <h3>{t('directory.org.description')}</h3>
              <p class="prose pre-line">{s.description}</p>
            </>
          )}
        </section>

        {org.kind !== 'foreign_partner' && (
          <section aria-labelledby="territoire">
            <h2 id="territoire">{t('directory.org.territory')}</h2>
            {territory && (territory.communes > 0 || territory.departements.length > 0) ? (
              <div class="territory">
                <DepartementThumbnail
                  codes={territory.departements.map((d) => d.code)}
                  title={t('directory.org.thumbnail_title', { name: org.name })}
                  desc={t('directory.org.thumbnail_desc', {
                    list: territory.departements.map((d) => `${d.name} (${d.code})`).join(', '),
                  })}
                />
                <dl class="summary">
                  {territory.communes > 0 && (
                    <>
                      <dt>{t('directory.org.communes_label')}</dt>
                      <dd>
                        {territory.communes === 1
                          ? t('directory.org.communes_one')
                          : t('directory.org.communes', { count: formatNumber(territory.communes) })}
                        {territory.approximate && <p class="hint">{t('directory.org.approximate')}</p>}
                      </dd>
                    </>
                  )}
                  <dt>{t('directory.org.departements')}</dt>
                  <dd>{territory.departements.map((d) => `${d.name} (${d.code})`).join(', ') || '—'}</dd>
                  <dt>{t('directory.org.regions')}</dt>
                  <dd>{territory.regions.map((r) => r.name).join(', ') || '—'}</dd>
                </dl>
              </div>
            ) : (
              <p class="muted">{t('directory.org.territory_none')}</p>
            )}
            {org.kind === 'mission_locale' && canEditProfile(c, org.id) && (
              <p>
                <a class="button button-secondary" href={`/organisations/${org.id}/territoire`}>
                  {t('directory.org.edit_territory')}
                </a>
              </p>
            )}
          </section>
        )}

        <section aria-labelledby="contacts">
          <h2 id="contacts">{t('directory.org.contacts')}</h2>
          {p.contacts.length === 0 ? (
            <p class="muted">{t('directory.org.contacts_none')}</p>
          ) : (
            <ul class="contact-list">
              {p.contacts.map((ct) => (
                <li class="card">
                  <p>
                    <strong>{ct.name}</strong>{' '}
                    <Tag kind="neutral">{t(`directory.sharing.${ct.sharingLevel}`)}</Tag>
                  </p>
                  {ct.roleTitle && <p>{ct.roleTitle}</p>}
                  {ct.email && (
                    <p>
                      <a href={`mailto:${ct.email}`}>{ct.email}</a>
                    </p>
                  )}
                  {ct.phone && <p>{ct.phone}</p>}
                </li>
              ))}
            </ul>
          )}
          {actor.kind === 'anonymous' && <p class="hint">{t('directory.org.contacts_sign_in')}</p>}
          <p class="hint">
            <a href="/ce-que-voient-les-autres">{t('directory.sharing.more')}</a>
          </p>
        </section>

        <section aria-labelledby="engagement">
          <h2 id="engagement">{t('directory.org.engagement')}</h2>
          <dl class="summary">
            <dt>{t('directory.org.open_label')}</dt>
            <dd>
              {s.openToPartnership ? t('directory.org.open_yes') : t('directory.org.open_no')}
              {s.openToPartnership && s.partnershipWanted && (
                <p class="pre-line">
                  <span class="visually-hidden">{t('directory.org.wanted')} : </span>
                  {s.partnershipWanted}
                </p>
              )}
            </dd>
            <dt>{t('directory.org.themes')}</dt>
            <dd>
              {s.themes.length
                ? s.themes.map((th) => (
                    <>
                      <Tag kind="info">{t(`directory.theme.${th}`)}</Tag>{' '}
                    </>
                  ))
                : t('directory.org.none')}
            </dd>
            <dt>{t('directory.org.countries')}</dt>
            <dd>
              {s.countries.length
                ? s.countries.map((cc) => countryName(cc)).join(', ')
                : t('directory.org.none')}
            </dd>
            <dt>{t('directory.org.groups')}</dt>
            <dd>
              {p.countryGroups.length
                ? p.countryGroups.map((g) => g.name).join(', ')
                : t('directory.org.none')}
            </dd>
            <dt>{t('directory.org.partners')}</dt>
            <dd>
              {p.partners.length ? (
                <ul class="plain-list">
                  {p.partners.map((pt) => (
                    <li>
                      <a href={`/organisations/${pt.id}`}>{pt.name}</a>
                      {pt.country && ` — ${[pt.city, countryName(pt.country)].filter(Boolean).join(', ')}`}
                    </li>
                  ))}
                </ul>
              ) : (
                t('directory.org.none')
              )}
            </dd>
            {org.kind === 'foreign_partner' && (
              <>
                <dt>{t('directory.org.partnered_by')}</dt>
                <dd>
                  {p.partneredBy.length ? (
                    <ul class="plain-list">
                      {p.partneredBy.map((o) => (
                        <li>
                          <a href={`/organisations/${o.id}`}>{o.name}</a>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t('directory.org.none')
                  )}
                </dd>
              </>
            )}
          </dl>
        </section>

        <section aria-labelledby="historique">
          <h2 id="historique">{t('directory.org.history')}</h2>
          {p.history.length === 0 ? (
            <p class="muted">{t('directory.org.history_none')}</p>
          ) : (
            <ol class="timeline">
              {p.history.map((h) => {
                const key = `directory.org.action.${h.action}`;
                const action = t(key) === key ? t('directory.org.action.other') : t(key);
                return (
                  <li>
                    <time datetime={h.at.toISOString()}>{formatDateTime(h.at)}</time>
                    <span>
                      {action}
                      {h.action === 'organisation.profile_updated' &&
                        h.changed.length > 0 &&
                        ` : ${h.changed.map((k) => fieldLabel(t, k)).join(', ')}`}
                      {insider && ` ${t('directory.org.history_by', { actor: h.actorLabel })}`}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </>
    ),
  });
}

/**
 * The viewer's organisation that can ask this one for a connection (art. 3: "faciliter la
 * mise en lien"): a Mission Locale or local authority they belong to, other than this one.
 */
export function requesterFor(c: Context<AppEnv>, orgId: string, orgKind: string): string | null {
  const actor = c.get('actor');
  if (actor.kind !== 'user' || (orgKind !== 'mission_locale' && orgKind !== 'local_authority')) return null;
  const m = actor.memberships.find(
    (x) =>
      x.organisationId !== orgId &&
      (x.organisationKind === 'mission_locale' || x.organisationKind === 'local_authority'),
  );
  return m?.organisationId ?? null;
}
