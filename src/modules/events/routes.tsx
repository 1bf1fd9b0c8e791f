import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, readForm } from '../../http/validation.js';
import { isNetworkAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import { registerEventsApi } from './api.js';
import { cancelEvent } from './cancel-event.js';
import { cancelRegistration, registrationByCancelToken } from './cancel-registration.js';
import { createEvent } from './create-event.js';
import { eraseGuestData } from './erase-guest-data.js';
import { buildCalendar } from './ics.js';
import { detailPage } from './pages/detail.js';
import { eventFormPage, formValues } from './pages/form.js';
import { listPage } from './pages/list.js';
import { outcomePage } from './pages/outcome.js';
import { tokenPage } from './pages/token.js';
import { eventPolicies, publishingMemberships } from './policy.js';
import { recordOutcome } from './record-outcome.js';
import { confirmGuestEmail, registerForEvent } from './register-for-event.js';
import { filterOf, opContext } from './request.js';
import {
  eventFormSchema,
  guestSchema,
  memberRegistrationSchema,
  outcomeSchema,
  zonedToInstant,
} from './schemas.js';
import { seedEventsDemo } from './seed-demo.js';
import { sendEventReminders } from './send-event-reminders.js';
import {
  findEvent,
  historyOf,
  listEvents,
  loadEvent,
  regionOptions,
  registrationOfUser,
  registrationsOf,
  themeOptions,
} from './store.js';
import { updateEvent } from './update-event.js';

type C = Context<AppEnv>;

function register(r: Registrar, deps: Deps) {
  const { db } = deps;
  const p = eventPolicies(deps);
  const t = (c: C) => c.get('t');
  const icsResponse = (c: C, body: string, filename: string) =>
    c.body(body, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-cache',
    });

  registerEventsApi(r, deps);

  r.page('GET', '/evenements', policies.public, async (c) => {
    const filter = filterOf(c);
    return listPage(c, {
      items: await listEvents(db, filter, deps.now()),
      filter,
      themes: await themeOptions(db),
      regions: await regionOptions(db),
      canPublish: isNetworkAdmin(c.get('actor')) || publishingMemberships(c.get('actor')).length > 0,
    });
  });

  // The subscribable feed of every event (upcoming and past year), never with video links.
  r.asset('GET', '/evenements.ics', policies.public, async (c) => {
    const since = new Date(deps.now().getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
    const items = await listEvents(db, { from: since }, deps.now());
    return icsResponse(c, buildCalendar(items, { baseUrl: deps.config.BASE_URL }), 'evenements.ics');
  });

  const formContext = async (c: C) => ({
    organisers: publishingMemberships(c.get('actor')),
    themes: await themeOptions(db),
    regions: await regionOptions(db),
  });
  const readEventForm = async (c: C) => {
    const values = await readForm(c);
    const parsed = eventFormSchema.safeParse(values);
    if (!parsed.success) return { values, errors: fieldErrors(parsed.error) } as const;
    const d = parsed.data;
    return {
      values,
      data: {
        ...d,
        startsAt: zonedToInstant(d.startsAt, d.timeZone),
        endsAt: zonedToInstant(d.endsAt, d.timeZone),
      },
    } as const;
  };

  r.page('GET', '/evenements/nouveau', p.publisher, async (c) =>
    eventFormPage(c, {
      values: { timeZone: 'Europe/Paris', audience: 'both' },
      errors: {},
      ...(await formContext(c)),
    }),
  );
  r.page('POST', '/evenements/nouveau', p.publisher, async (c) => {
    const ctx = await formContext(c);
    const form = await readEventForm(c);
    if (!form.data) return eventFormPage(c, { values: form.values, errors: form.errors, ...ctx }, 422);
    const actor = c.get('actor');
    const organiserId = form.data.organiserId;
    if (!isNetworkAdmin(actor) && !ctx.organisers.some((m) => m.organisationId === organiserId))
      return eventFormPage(
        c,
        {
          values: form.values,
          errors: { organiserId: 'Choisissez une organisation dont vous êtes membre.' },
          ...ctx,
        },
        422,
      );
    try {
      const id = await db.transaction((tx) =>
        createEvent(opContext(c, deps, tx), {
          ...form.data,
          organiserId,
          createdBy: actor.kind === 'user' ? actor.user.id : null,
        }),
      );
      return c.redirect(`/evenements/${id}?enregistre=1`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation')
        return eventFormPage(c, { values: form.values, errors: e.fields ?? {}, ...ctx }, 422);
      throw e;
    }
  });

  // Mail links: a GET shows a button, the POST acts (link scanners never confirm or cancel).
  r.page('GET', '/evenements/inscription/confirmer/:token', policies.public, async (c) => {
    const token = c.req.param('token') ?? '';
    return tokenPage(c, {
      kind: 'confirm',
      state: 'ask',
      action: `/evenements/inscription/confirmer/${token}`,
    });
  });
  r.page('POST', '/evenements/inscription/confirmer/:token', policies.public, async (c) => {
    const token = c.req.param('token') ?? '';
    try {
      const done = await db.transaction((tx) => confirmGuestEmail(opContext(c, deps, tx), token));
      return c.redirect(`/evenements/${done.eventId}?inscription=${done.status}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'gone')
        return tokenPage(c, { kind: 'confirm', state: 'gone', action: '' }, 410);
      throw e;
    }
  });
  r.page('GET', '/evenements/inscription/annuler/:token', policies.public, async (c) => {
    const token = c.req.param('token') ?? '';
    const reg = await registrationByCancelToken({ tx: db }, token);
    const e = reg ? await findEvent(db, reg.event_id) : null;
    const live = reg && reg.status !== 'cancelled' && e?.status === 'scheduled';
    return tokenPage(c, {
      kind: 'unregister',
      state: live ? 'ask' : 'gone',
      action: `/evenements/inscription/annuler/${token}`,
      eventTitle: e?.title,
    });
  });
  r.page('POST', '/evenements/inscription/annuler/:token', policies.public, async (c) => {
    const token = c.req.param('token') ?? '';
    const reg = await registrationByCancelToken({ tx: db }, token);
    if (!reg || reg.status === 'cancelled')
      return tokenPage(c, { kind: 'unregister', state: 'gone', action: '' }, 410);
    const done = await db.transaction((tx) =>
      cancelRegistration(
        {
          ...opContext(c, deps, tx),
          audit: {
            actor: { kind: 'system', label: 'lien de désinscription' },
            requestId: c.get('requestId'),
          },
        },
        reg.id,
      ),
    );
    return c.redirect(`/evenements/${done.eventId}?desinscrit=1`, 303);
  });

  // The calendar file of one event (before /evenements/:id).
  r.asset('GET', '/evenements/:file{[0-9a-fA-F-]{36}\\.ics}', policies.public, async (c) => {
    const id = (c.req.param('file') ?? '').replace(/\.ics$/, '');
    const e = await loadEvent(db, id);
    return icsResponse(c, buildCalendar([e], { baseUrl: deps.config.BASE_URL }), `evenement-${id}.ics`);
  });

  const detail = async (c: C, extra: Partial<Parameters<typeof detailPage>[1]> = {}, status = 200) => {
    const id = c.req.param('id') ?? '';
    const event = await loadEvent(db, id);
    const actor = c.get('actor');
    const canManage = await p.canManage(actor, id);
    const q = (k: string) => c.req.query(k);
    const flash = q('enregistre')
      ? { kind: 'success' as const, text: t(c)('events.saved') }
      : q('inscription') === 'confirmed'
        ? { kind: 'success' as const, text: t(c)('events.register.confirmed') }
        : q('inscription') === 'waitlisted'
          ? { kind: 'info' as const, text: t(c)('events.register.waitlisted') }
          : q('inscription') === 'pending_email'
            ? { kind: 'info' as const, text: t(c)('events.register.pending') }
            : q('desinscrit')
              ? { kind: 'success' as const, text: t(c)('events.register.cancelled') }
              : q('annule')
                ? { kind: 'success' as const, text: t(c)('events.cancelled_flash') }
                : q('bilan')
                  ? { kind: 'success' as const, text: t(c)('events.outcome_saved') }
                  : undefined;
    return detailPage(
      c,
      {
        event,
        themes: await themeOptions(db),
        mine: actor.kind === 'user' ? await registrationOfUser(db, id, actor.user.id) : null,
        memberships: actor.kind === 'user' ? actor.memberships : [],
        canManage,
        registrations: canManage ? await registrationsOf(db, id) : [],
        history: canManage ? await historyOf(db, id) : [],
        open: event.status === 'scheduled' && new Date(event.startsAt) > deps.now(),
        flash,
        ...extra,
      },
      status,
    );
  };

  r.page('GET', '/evenements/:id', policies.public, (c) => detail(c));

  r.page('POST', '/evenements/:id/inscription', policies.public, async (c) => {
    const id = c.req.param('id') ?? '';
    await loadEvent(db, id);
    const values = await readForm(c);
    const actor = c.get('actor');
    const member = actor.kind === 'user' && actor.memberships.length > 0;
    let who: Parameters<typeof registerForEvent>[2];
    if (member) {
      const parsed = memberRegistrationSchema.safeParse(values);
      if (!parsed.success) return detail(c, { values, errors: fieldErrors(parsed.error) }, 422);
      who = { kind: 'member', user: actor.user, organisationId: parsed.data.organisationId };
    } else {
      const parsed = guestSchema.safeParse(values);
      if (!parsed.success) return detail(c, { values, errors: fieldErrors(parsed.error) }, 422);
      who = { kind: 'guest', ...parsed.data };
    }
    try {
      const res = await db.transaction((tx) => registerForEvent(opContext(c, deps, tx), id, who));
      return c.redirect(`/evenements/${id}?inscription=${res.status}#inscription`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'validation' || e.code === 'conflict'))
        return detail(
          c,
          { values, errors: e.fields ?? { [member ? 'organisationId' : 'email']: e.message } },
          e.code === 'conflict' ? 409 : 422,
        );
      throw e;
    }
  });

  r.page('POST', '/evenements/:id/desinscription', policies.signedIn, async (c) => {
    const id = c.req.param('id') ?? '';
    const actor = c.get('actor');
    if (actor.kind !== 'user') throw new AppError('unauthenticated');
    await loadEvent(db, id);
    const mine = await registrationOfUser(db, id, actor.user.id);
    if (!mine) throw new AppError('not_found', 'Vous n’êtes pas inscrit ou inscrite à cet événement.');
    await db.transaction((tx) => cancelRegistration(opContext(c, deps, tx), mine.id, { eventId: id }));
    return c.redirect(`/evenements/${id}?desinscrit=1`, 303);
  });

  r.page('GET', '/evenements/:id/modifier', p.manager, async (c) => {
    const event = await loadEvent(db, c.req.param('id') ?? '');
    return eventFormPage(c, { event, values: formValues(event), errors: {}, ...(await formContext(c)) });
  });
  r.page('POST', '/evenements/:id/modifier', p.manager, async (c) => {
    const event = await loadEvent(db, c.req.param('id') ?? '');
    const ctx = await formContext(c);
    const form = await readEventForm(c);
    if (!form.data) return eventFormPage(c, { event, values: form.values, errors: form.errors, ...ctx }, 422);
    try {
      await db.transaction((tx) => updateEvent(opContext(c, deps, tx), event.id, form.data));
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation')
        return eventFormPage(c, { event, values: form.values, errors: e.fields ?? {}, ...ctx }, 422);
      throw e;
    }
    return c.redirect(`/evenements/${event.id}?enregistre=1`, 303);
  });

  r.page('POST', '/evenements/:id/annuler', p.manager, async (c) => {
    const event = await loadEvent(db, c.req.param('id') ?? '');
    const values = await readForm(c);
    const reason = typeof values.reason === 'string' ? values.reason.trim().slice(0, 1000) : '';
    await db.transaction((tx) => cancelEvent(opContext(c, deps, tx), event.id, reason));
    return c.redirect(`/evenements/${event.id}?annule=1`, 303);
  });

  r.page('GET', '/evenements/:id/bilan', p.manager, async (c) => {
    const event = await loadEvent(db, c.req.param('id') ?? '');
    return outcomePage(c, { event, registrations: await registrationsOf(db, event.id) });
  });
  r.page('POST', '/evenements/:id/bilan', p.manager, async (c) => {
    const event = await loadEvent(db, c.req.param('id') ?? '');
    const values = await readForm(c);
    const registrations = await registrationsOf(db, event.id);
    const parsed = outcomeSchema.safeParse(values);
    if (!parsed.success)
      return outcomePage(c, { event, registrations, values, errors: fieldErrors(parsed.error) }, 422);
    try {
      await db.transaction((tx) => recordOutcome(opContext(c, deps, tx), event.id, parsed.data));
    } catch (e) {
      if (e instanceof AppError && (e.code === 'validation' || e.code === 'conflict'))
        return outcomePage(
          c,
          { event, registrations, values, errors: e.fields ?? { attended: e.message } },
          e.code === 'conflict' ? 409 : 422,
        );
      throw e;
    }
    return c.redirect(`/evenements/${event.id}?bilan=1`, 303);
  });
}

export const eventsModule: Module = {
  name: 'events',
  register,
  jobs: (deps) => ({
    'events.reminders': async () => {
      await sendEventReminders(deps);
    },
    'events.erase_guests': async () => {
      await eraseGuestData(deps);
    },
  }),
  schedules: [
    { name: 'events.reminders', kind: 'events.reminders', intervalSeconds: 3600 },
    { name: 'events.erase_guests', kind: 'events.erase_guests', intervalSeconds: 24 * 3600 },
  ],
  seedDemo: seedEventsDemo,
};
