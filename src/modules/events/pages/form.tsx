import type { FieldErrors } from '../../../http/errors.js';
import {
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  Select,
  TextArea,
} from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import type { Membership } from '../../../policy/actor.js';
import { AUDIENCES, EVENT_KINDS, NETWORKS, TIME_ZONES } from '../domain/lifecycle.js';
import { instantToZoned } from '../schemas.js';
import type { EventView } from '../store.js';
import { type C, crumbs, str, type Values } from './shared.js';

export function formValues(e: EventView): Values {
  return {
    title: e.title,
    kind: e.kind,
    description: e.description,
    startsAt: instantToZoned(e.startsAt, e.timeZone),
    endsAt: instantToZoned(e.endsAt, e.timeZone),
    timeZone: e.timeZone,
    place: e.place ?? '',
    videoUrl: e.videoUrl ?? '',
    audience: e.audience,
    region: e.regionCode ?? '',
    capacity: e.capacity === null ? '' : String(e.capacity),
    themes: e.themes,
    speakers: e.speakers.join('\n'),
    roadmapActionId: e.roadmapActionId ?? '',
    hostNetwork: e.hostNetwork ?? '',
    presentingNetwork: e.presentingNetwork ?? '',
  };
}

export function eventFormPage(
  c: C,
  p: {
    event?: EventView;
    values: Values;
    errors: FieldErrors;
    organisers: Membership[];
    themes: { code: string; name: string }[];
    regions: { code: string; name: string }[];
  },
  status = 200,
) {
  const t = c.get('t');
  const v = p.values;
  const e = p.errors;
  const title = p.event ? t('events.edit.title') : t('events.new.title');
  const selectedThemes = new Set([v.themes ?? []].flat());
  return renderPage(
    c,
    {
      title,
      section: 'events',
      breadcrumbs: [
        ...crumbs(c),
        ...(p.event ? [{ label: p.event.title, href: `/evenements/${p.event.id}` }] : []),
        { label: title },
      ],
      children: (
        <>
          <PageHeader title={title} />
          <form method="post" novalidate>
            <CsrfField c={c} />
            <ErrorSummary c={c} errors={e} />
            {!p.event && p.organisers.length > 0 && (
              <Select
                name="organiserId"
                label={t('events.field.organiser')}
                required
                value={str(v.organiserId)}
                error={e.organiserId}
                options={p.organisers.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
              />
            )}
            <Field
              name="title"
              label={t('events.field.title')}
              required
              value={str(v.title)}
              error={e.title}
              maxlength={200}
            />
            <Select
              name="kind"
              label={t('events.field.kind')}
              required
              value={str(v.kind)}
              error={e.kind}
              options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
            />
            <TextArea
              name="description"
              label={t('events.field.description')}
              value={str(v.description)}
              error={e.description}
            />
            <Field
              name="startsAt"
              type="datetime-local"
              label={t('events.field.starts')}
              required
              value={str(v.startsAt)}
              error={e.startsAt}
            />
            <Field
              name="endsAt"
              type="datetime-local"
              label={t('events.field.ends')}
              required
              value={str(v.endsAt)}
              error={e.endsAt}
            />
            <Select
              name="timeZone"
              label={t('events.field.time_zone')}
              hint={t('events.field.time_zone_hint')}
              value={str(v.timeZone) || 'Europe/Paris'}
              error={e.timeZone}
              options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
            />
            <Field
              name="place"
              label={t('events.field.place')}
              hint={t('events.field.place_hint')}
              value={str(v.place)}
              error={e.place}
            />
            <Field
              name="videoUrl"
              type="url"
              label={t('events.field.video')}
              hint={t('events.field.video_hint')}
              value={str(v.videoUrl)}
              error={e.videoUrl}
            />
            <Select
              name="audience"
              label={t('events.field.audience')}
              required
              value={str(v.audience) || 'both'}
              error={e.audience}
              options={AUDIENCES.map((a) => ({ value: a, label: t(`events.audience.${a}`) }))}
            />
            <Select
              name="region"
              label={t('events.field.region')}
              value={str(v.region)}
              emptyLabel="—"
              error={e.region}
              options={p.regions.map((r) => ({ value: r.code, label: r.name }))}
            />
            <Field
              name="capacity"
              type="number"
              min={1}
              label={t('events.field.capacity')}
              hint={t('events.field.capacity_hint')}
              value={str(v.capacity)}
              error={e.capacity}
            />
            <fieldset class="field">
              <legend>{t('events.field.themes')}</legend>
              {e.themes && (
                <p class="error-message" id="champ-themes">
                  {e.themes}
                </p>
              )}
              {p.themes.map((th) => (
                <div class="checkbox">
                  <input
                    type="checkbox"
                    id={`theme-${th.code}`}
                    name="themes"
                    value={th.code}
                    checked={selectedThemes.has(th.code)}
                  />{' '}
                  <label for={`theme-${th.code}`}>{th.name}</label>
                </div>
              ))}
            </fieldset>
            <TextArea
              name="speakers"
              rows={3}
              label={t('events.field.speakers')}
              hint={t('events.field.speakers_hint')}
              value={str(v.speakers)}
              error={e.speakers}
            />
            <Select
              name="hostNetwork"
              label={t('events.field.host_network')}
              value={str(v.hostNetwork)}
              emptyLabel="—"
              error={e.hostNetwork}
              options={NETWORKS.map((n) => ({ value: n, label: t(`events.network.${n}`) }))}
            />
            <Select
              name="presentingNetwork"
              label={t('events.field.presenting_network')}
              value={str(v.presentingNetwork)}
              emptyLabel="—"
              error={e.presentingNetwork}
              options={NETWORKS.map((n) => ({ value: n, label: t(`events.network.${n}`) }))}
            />
            <Field
              name="roadmapActionId"
              label={t('events.field.roadmap_action')}
              value={str(v.roadmapActionId)}
              error={e.roadmapActionId}
            />
            <button type="submit" class="button">
              {p.event ? t('events.manage.edit') : t('events.new.title')}
            </button>
          </form>
        </>
      ),
    },
    status,
  );
}
