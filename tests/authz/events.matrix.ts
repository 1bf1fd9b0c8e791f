import { randomBytes } from 'node:crypto';
import { sql } from '../../src/db/sql.js';
import { sha256 } from '../../src/lib/crypto.js';
import { ALL, type Caller, type ModuleMatrix, SIGNED_IN, type World } from './types.js';

/** An event organised by organisation B (the commune): its members manage it. */
const anEvent = async (w: World) =>
  (
    await w.app.db.one<{
      id: string;
    }>(sql`INSERT INTO events (title, kind, starts_at, ends_at, place, audience,
      capacity, organiser_id) VALUES ('Webinaire de la matrice', 'webinaire', now() + interval '30 days',
      now() + interval '30 days 2 hours', 'Salle du conseil', 'both', 50, ${w.orgB.id}) RETURNING id`)
  ).id;
const eid = (w: World) => w.extra.eventId as string;
const MANAGERS: Caller[] = ['otherMember', 'networkAdmin', 'platformAdmin'];
const eventBody = () => ({
  title: 'Rencontre de la matrice',
  kind: 'rencontre',
  startsAt: '2030-03-12T14:00:00+01:00',
  endsAt: '2030-03-12T16:00:00+01:00',
  place: 'Paris',
  audience: 'both',
});
const eventForm = () => ({
  title: 'Rencontre de la matrice',
  kind: 'rencontre',
  startsAt: '2030-03-12T14:00',
  endsAt: '2030-03-12T16:00',
  timeZone: 'Europe/Paris',
  place: 'Paris',
  audience: 'both',
});

/**
 * The calendar, event pages, calendar files and guest links are public; organisations
 * (not foreign partners) publish; the organiser's members and network staff manage;
 * a registration is cancelled by its holder or whoever manages the event.
 */
export const eventsMatrix: ModuleMatrix = {
  module: 'events',
  async setup(w) {
    w.extra.eventId = await anEvent(w);
  },
  entries: [
    { method: 'POST', path: '/api/v1/events', body: eventBody, allow: SIGNED_IN },
    { method: 'GET', path: '/api/v1/events', allow: ALL },
    { method: 'GET', path: '/api/v1/events/:id', url: (w) => `/api/v1/events/${eid(w)}`, allow: ALL },
    {
      method: 'POST',
      path: '/api/v1/events/:id/registrations',
      url: (w) => `/api/v1/events/${eid(w)}/registrations`,
      body: () => ({}),
      allow: SIGNED_IN,
    },
    {
      method: 'DELETE',
      path: '/api/v1/events/:id/registrations/:rid',
      fresh: async (w) => {
        await w.app.db.run(sql`UPDATE event_registrations SET status = 'cancelled', cancelled_at = now()
          WHERE event_id = ${eid(w)} AND user_id = ${w.users.member!.id} AND status <> 'cancelled'`);
        const r = await w.app.db.one<{ id: string }>(sql`INSERT INTO event_registrations (event_id, user_id,
            organisation_id, organisation_name, name, email, status, requested_at, confirmed_at, cancel_token_hash)
          VALUES (${eid(w)}, ${w.users.member!.id}, ${w.orgA.id}, 'Mission Locale A', 'Membre', ${w.users.member!.email},
            'confirmed', now(), now(), ${sha256(randomBytes(16).toString('hex'))}) RETURNING id`);
        w.extra.registrationId = r.id;
      },
      url: (w) => `/api/v1/events/${eid(w)}/registrations/${w.extra.registrationId}`,
      allow: ['member', ...MANAGERS],
    },
    { method: 'GET', path: '/evenements', allow: ALL },
    { method: 'GET', path: '/evenements.ics', allow: ALL },
    { method: 'GET', path: '/evenements/nouveau', allow: SIGNED_IN },
    { method: 'POST', path: '/evenements/nouveau', body: eventForm, allow: SIGNED_IN },
    {
      method: 'GET',
      path: '/evenements/inscription/confirmer/:token',
      url: () => `/evenements/inscription/confirmer/${'c'.repeat(43)}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/evenements/inscription/confirmer/:token',
      url: () => `/evenements/inscription/confirmer/${'c'.repeat(43)}`,
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/evenements/inscription/annuler/:token',
      url: () => `/evenements/inscription/annuler/${'d'.repeat(43)}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/evenements/inscription/annuler/:token',
      url: () => `/evenements/inscription/annuler/${'d'.repeat(43)}`,
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/evenements/:file{[0-9a-fA-F-]{36}\\.ics}',
      url: (w) => `/evenements/${eid(w)}.ics`,
      allow: ALL,
    },
    { method: 'GET', path: '/evenements/:id', url: (w) => `/evenements/${eid(w)}`, allow: ALL },
    {
      method: 'POST',
      path: '/evenements/:id/inscription',
      url: (w) => `/evenements/${eid(w)}/inscription`,
      body: (w) => ({
        name: 'Invitée',
        email: `invitee-${Date.now()}@exemple.fr`,
        organisationName: 'Association',
        organisationId: w.orgA.id,
      }),
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/evenements/:id/desinscription',
      url: (w) => `/evenements/${eid(w)}/desinscription`,
      allow: SIGNED_IN,
    },
    {
      method: 'GET',
      path: '/evenements/:id/modifier',
      url: (w) => `/evenements/${eid(w)}/modifier`,
      allow: MANAGERS,
    },
    {
      method: 'POST',
      path: '/evenements/:id/modifier',
      url: (w) => `/evenements/${eid(w)}/modifier`,
      body: () => ({ title: '' }),
      allow: MANAGERS,
    },
    {
      method: 'POST',
      path: '/evenements/:id/annuler',
      fresh: async (w) => {
        w.extra.eventToCancel = await anEvent(w);
      },
      url: (w) => `/evenements/${w.extra.eventToCancel}/annuler`,
      body: () => ({ reason: 'Test' }),
      allow: MANAGERS,
    },
    {
      method: 'GET',
      path: '/evenements/:id/bilan',
      url: (w) => `/evenements/${eid(w)}/bilan`,
      allow: MANAGERS,
    },
    {
      method: 'POST',
      path: '/evenements/:id/bilan',
      url: (w) => `/evenements/${eid(w)}/bilan`,
      body: () => ({ summary: 'Bien.' }),
      allow: MANAGERS,
    },
  ],
};
