import type { FieldErrors } from '../../../http/errors.js';
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
import { formatDateTime } from '../../../i18n/i18n.js';
import type { Membership } from '../../../policy/actor.js';
import type { EventView, RegistrationView } from '../store.js';
import { type C, crumbs, seatsLabel, str, type Values, whenLabel } from './shared.js';

export interface DetailProps {
  event: EventView;
  themes: { code: string; name: string }[];
  mine: RegistrationView | null;
  memberships: Membership[];
  canManage: boolean;
  registrations: RegistrationView[];
  history: { at: Date; kind: string; actor_label: string; note: string | null }[];
  open: boolean;
  flash?: { kind: 'success' | 'info'; text: string };
  values?: Values;
  errors?: FieldErrors;
}

export function detailPage(c: C, p: DetailProps, status = 200) {
  const t = c.get('t');
  const e = p.event;
  const actor = c.get('actor');
  const themeName = (code: string) => p.themes.find((x) => x.code === code)?.name ?? code;
  const v = p.values ?? {};
  const full = e.capacity !== null && e.confirmed >= e.capacity;
  return renderPage(
    c,
    {
      title: e.title,
      section: 'events',
      bilingual: true,
      breadcrumbs: [...crumbs(c), { label: e.title }],
      children: (
        <>
          <PageHeader title={e.title}>
            <p>
              <Tag kind="info">{t(`events.kind.${e.kind}`)}</Tag>{' '}
              <Tag kind={e.status === 'cancelled' ? 'error' : e.status === 'held' ? 'neutral' : 'success'}>
                {t(`events.status.${e.status}`)}
              </Tag>
            </p>
          </PageHeader>
          {p.flash && <Alert kind={p.flash.kind}>{p.flash.text}</Alert>}
          <dl class="summary">
            <dt>{t('events.field.when')}</dt>
            <dd>{whenLabel(c, e)}</dd>
            <dt>{t('events.field.place')}</dt>
            <dd>{e.place ?? t('events.field.online')}</dd>
            {e.place && e.videoUrl && (
              <>
                <dt>{t('events.field.video')}</dt>
                <dd>{t('events.field.online')}</dd>
              </>
            )}
            <dt>{t('events.field.audience')}</dt>
            <dd>
              {t(`events.audience.${e.audience}`)}
              {e.regionName ? ` : ${e.regionName}` : ''}
            </dd>
            {e.organiserName && (
              <>
                <dt>{t('events.field.organiser_label')}</dt>
                <dd>{e.organiserName}</dd>
              </>
            )}
            <dt>{t('events.field.seats')}</dt>
            <dd>
              {seatsLabel(c, e)}
              {e.waitlisted > 0 ? ` — ${t('events.field.waitlist', { count: e.waitlisted })}` : ''}
            </dd>
            {e.kind === 'presentation_croisee' && e.hostNetwork && e.presentingNetwork && (
              <>
                <dt>{t('events.field.cross')}</dt>
                <dd>
                  {t('events.field.cross_value', {
                    presenting: t(`events.network.${e.presentingNetwork}`),
                    host: t(`events.network.${e.hostNetwork}`),
                  })}
                </dd>
              </>
            )}
            {e.themes.length > 0 && (
              <>
                <dt>{t('events.field.themes')}</dt>
                <dd>{e.themes.map(themeName).join(', ')}</dd>
              </>
            )}
            {e.speakers.length > 0 && (
              <>
                <dt>{t('events.field.speakers')}</dt>
                <dd>
                  <ul class="plain-list">
                    {e.speakers.map((s) => (
                      <li>{s}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {e.roadmapActionTitle && (
              <>
                <dt>{t('events.field.roadmap_action')}</dt>
                <dd>{e.roadmapActionTitle}</dd>
              </>
            )}
          </dl>
          {e.description && <p class="preserve-lines">{e.description}</p>}
          {e.status !== 'cancelled' && (
            <p>
              <a href={`/evenements/${e.id}.ics`} download>
                {t('events.calendar')}
              </a>
            </p>
          )}

          {e.status === 'held' && (
            <section aria-labelledby="apres">
              <h2 id="apres">{t('events.after')}</h2>
              <p>{t('events.field.attendance_value', { count: e.attended })}</p>
              {e.summary && <p class="preserve-lines">{e.summary}</p>}
              <ul>
                {e.slidesUrl && (
                  <li>
                    <a href={e.slidesUrl}>{t('events.field.slides')}</a>
                  </li>
                )}
                {e.replayUrl && (
                  <li>
                    <a href={e.replayUrl}>{t('events.field.replay')}</a>
                  </li>
                )}
              </ul>
            </section>
          )}

          <section aria-labelledby="inscription">
            <h2 id="inscription">{t('events.register.title')}</h2>
            {p.mine ? (
              <form method="post" action={`/evenements/${e.id}/desinscription`}>
                <CsrfField c={c} />
                <p>
                  {p.mine.status === 'confirmed'
                    ? t('events.register.yours_confirmed')
                    : t('events.register.yours_waitlisted')}{' '}
                  ({p.mine.organisationName})
                </p>
                {p.open && (
                  <button type="submit" class="button button-secondary">
                    {t('events.register.cancel')}
                  </button>
                )}
              </form>
            ) : !p.open ? (
              <p>{t('events.register.closed')}</p>
            ) : (
              <form method="post" action={`/evenements/${e.id}/inscription`} novalidate>
                <CsrfField c={c} />
                <ErrorSummary c={c} errors={p.errors} />
                {full && <Alert kind="info">{t('events.register.full')}</Alert>}
                {actor.kind === 'user' && p.memberships.length > 0 ? (
                  <>
                    <p>{t('events.register.as_member', { email: actor.user.email })}</p>
                    <Select
                      name="organisationId"
                      label={t('events.register.organisation')}
                      required
                      value={str(v.organisationId) || p.memberships[0].organisationId}
                      error={p.errors?.organisationId}
                      options={p.memberships.map((m) => ({
                        value: m.organisationId,
                        label: m.organisationName,
                      }))}
                    />
                  </>
                ) : (
                  <>
                    <p>{t('events.register.guest_lead')}</p>
                    <Field
                      name="name"
                      label={t('events.register.name')}
                      required
                      autocomplete="name"
                      value={str(v.name)}
                      error={p.errors?.name}
                    />
                    <Field
                      name="email"
                      type="email"
                      label={t('events.register.email')}
                      required
                      autocomplete="email"
                      value={str(v.email)}
                      error={p.errors?.email}
                    />
                    <Field
                      name="organisationName"
                      label={t('events.register.organisation_name')}
                      required
                      autocomplete="organization"
                      value={str(v.organisationName)}
                      error={p.errors?.organisationName}
                    />
                  </>
                )}
                <button type="submit" class="button">
                  {t('events.register.submit')}
                </button>
              </form>
            )}
          </section>

          {p.canManage && (
            <section aria-labelledby="gerer">
              <h2 id="gerer">{t('events.manage.title')}</h2>
              {e.status === 'scheduled' && (
                <p>
                  <a class="button button-secondary" href={`/evenements/${e.id}/modifier`}>
                    {t('events.manage.edit')}
                  </a>
                </p>
              )}
              {e.status !== 'cancelled' && (
                <p>
                  <a href={`/evenements/${e.id}/bilan`}>{t('events.manage.outcome')}</a>
                </p>
              )}
              {e.status === 'scheduled' && (
                <form method="post" action={`/evenements/${e.id}/annuler`}>
                  <CsrfField c={c} />
                  <TextArea
                    name="reason"
                    rows={2}
                    label={t('events.manage.cancel_reason')}
                    error={p.errors?.reason}
                  />
                  <button type="submit" class="button button-danger">
                    {t('events.manage.cancel')}
                  </button>
                </form>
              )}
              <h3>{t('events.manage.registrations')}</h3>
              <RegistrationsTable c={c} registrations={p.registrations} />
              <h3>{t('events.history')}</h3>
              <ol class="timeline">
                {p.history.map((h) => (
                  <li>
                    {formatDateTime(h.at, c.get('locale'))} — {t(`events.history.${h.kind}`)} —{' '}
                    {h.actor_label}
                    {h.note ? ` (${h.note})` : ''}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      ),
    },
    status,
  );
}

export function RegistrationsTable({ c, registrations }: { c: C; registrations: RegistrationView[] }) {
  const t = c.get('t');
  return (
    <div class="table-wrapper">
      <table class="stack">
        <caption>{t('events.manage.registrations_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('events.manage.col.name')}</th>
            <th scope="col">{t('events.manage.col.organisation')}</th>
            <th scope="col">{t('events.manage.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {registrations.length === 0 && (
            <tr>
              <td colspan={3}>{t('events.manage.no_registration')}</td>
            </tr>
          )}
          {registrations.map((r) => (
            <tr>
              <td>{r.name}</td>
              <td>{r.organisationName}</td>
              <td>{t(`events.reg.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
