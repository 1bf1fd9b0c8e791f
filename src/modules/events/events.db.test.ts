import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { startTestSmtp, type TestSmtp } from '../../../tests/helpers/smtp.js';
import { sql } from '../../db/sql.js';
import { eraseGuestData } from './erase-guest-data.js';
import { eventStats } from './index.js';
import { sendEventReminders } from './send-event-reminders.js';

/** Parses an iCalendar text with a real parser (ical.js) and returns the calendar and its first event. */
function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const vevents = cal.getAllSubcomponents('vevent');
  const vevent = vevents[0];
  const ev = new ICAL.Event(vevent);
  return { cal, vevents, vevent, ev, method: cal.getFirstPropertyValue('method') };
}

const VIDEO = 'https://visio.exemple.fr/salle-secrete-42';

for (const kind of DB_KINDS) {
  describe(`events and webinars (${kind})`, () => {
    let app: TestApp;
    let smtp: TestSmtp;
    let ml: OrgFixture;
    let commune: OrgFixture;
    let organiser: UserFixture;
    const people: { user: UserFixture; client: TestClient }[] = [];
    let orgClient: TestClient;
    let eventId: string;

    /** Moves the clock and signs everyone in again (sessions expire when idle). */
    const at = async (iso: string) => {
      app.setNow(iso);
      orgClient = await app.as(organiser.id);
      for (const x of people) x.client = await app.as(x.user.id);
    };
    const mailsTo = (to: string) =>
      app.db.many<{ subject: string; text_body: string; attachments: any }>(
        sql`SELECT subject, text_body, attachments FROM mail_outbox WHERE to_address = ${to} ORDER BY created_at, id`,
      );

    beforeAll(async () => {
      smtp = await startTestSmtp();
      app = await createTestApp({ kind, env: { SMTP_URL: smtp.url } });
      app.setNow('2026-03-01T09:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale du Test' });
      commune = await anOrganisation(app.db, { kind: 'local_authority', name: 'Commune du Test' });
      organiser = await aUser(app.db, { memberOf: [{ organisationId: commune.id, role: 'admin' }] });
      orgClient = await app.as(organiser.id);
      for (let i = 0; i < 4; i++) {
        const user = await aUser(app.db, { name: `Personne ${i}`, memberOf: [{ organisationId: ml.id }] });
        people.push({ user, client: await app.as(user.id) });
      }
    });
    afterAll(async () => {
      await app?.close();
      await smtp?.close();
    });

    it('POST /api/v1/events publishes an event (201 with id); bad input → 422 naming the fields', async () => {
      const bad = await orgClient.json('POST', '/api/v1/events', {
        title: '',
        kind: 'fete',
        startsAt: '2026-03-20T16:00:00+01:00',
        endsAt: '2026-03-20T14:00:00+01:00',
        audience: 'both',
      });
      expect(bad.status).toBe(422);
      const fields = (await bad.json()).error.fields;
      expect(Object.keys(fields)).toEqual(expect.arrayContaining(['title', 'kind']));
      const order = await orgClient.json('POST', '/api/v1/events', {
        title: 'À l’envers',
        kind: 'webinaire',
        startsAt: '2026-03-20T16:00:00+01:00',
        endsAt: '2026-03-20T14:00:00+01:00',
        videoUrl: VIDEO,
        audience: 'both',
      });
      expect(order.status).toBe(422);
      expect((await order.json()).error.fields.endsAt).toMatch(/après le début/);
      const cross = await orgClient.json('POST', '/api/v1/events', {
        title: 'Présentation',
        kind: 'presentation_croisee',
        startsAt: '2026-03-20T14:00:00+01:00',
        endsAt: '2026-03-20T16:00:00+01:00',
        place: 'Paris',
        audience: 'both',
        hostNetwork: 'cuf',
        presentingNetwork: 'cuf',
      });
      expect(cross.status).toBe(422);
      expect((await cross.json()).error.fields.presentingNetwork).toMatch(/art\. 3/i);

      const res = await orgClient.json('POST', '/api/v1/events', {
        title: 'Webinaire mobilité',
        kind: 'webinaire',
        startsAt: '2026-03-20T14:00:00+01:00',
        endsAt: '2026-03-20T16:00:00+01:00',
        videoUrl: VIDEO,
        audience: 'both',
        capacity: 2,
      });
      expect(res.status).toBe(201);
      eventId = (await res.json()).id;
      const row = await app.db.one<any>(sql`SELECT * FROM events WHERE id = ${eventId}`);
      expect(row).toMatchObject({
        time_zone: 'Europe/Paris',
        capacity: 2,
        organiser_id: commune.id,
        status: 'scheduled',
      });
      expect(new Date(row.starts_at).toISOString()).toBe('2026-03-20T13:00:00.000Z');
      const list = await (await app.anonymous().get('/api/v1/events?from=2026-03-01')).json();
      expect(list.items.map((e: any) => e.id)).toContain(eventId);
      expect(JSON.stringify(list)).not.toContain(VIDEO);
    });

    it('capacity → waiting list; duplicate refused; a cancellation promotes the earliest waiting request', async () => {
      const reg = (i: number) => people[i].client.json('POST', `/api/v1/events/${eventId}/registrations`, {});
      const r0 = await reg(0);
      expect(r0.status).toBe(201);
      const first = await r0.json();
      expect(first.status).toBe('confirmed');
      app.setNow('2026-03-01T09:01:00Z');
      expect((await (await reg(1)).json()).status).toBe('confirmed');
      app.setNow('2026-03-01T09:02:00Z');
      const third = await (await reg(2)).json();
      expect(third.status).toBe('waitlisted');
      app.setNow('2026-03-01T09:03:00Z');
      expect((await (await reg(3)).json()).status).toBe('waitlisted');
      // The same person again: refused, nothing written.
      const dup = await reg(0);
      expect(dup.status).toBe(409);
      expect((await dup.json()).error.message).toMatch(/déjà inscrit/);
      const live = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM event_registrations WHERE event_id = ${eventId} AND status <> 'cancelled'`,
      );
      expect(Number(live.n)).toBe(4);
      // Someone else cannot cancel person 0's registration.
      const stranger = await people[3].client.json(
        'DELETE',
        `/api/v1/events/${eventId}/registrations/${first.id}`,
      );
      expect(stranger.status).toBe(403);
      const cancel = await people[0].client.json(
        'DELETE',
        `/api/v1/events/${eventId}/registrations/${first.id}`,
      );
      expect(cancel.status).toBe(200);
      expect(await cancel.json()).toEqual({ promoted: 1 });
      const statuses = await app.db.many<{ email: string; status: string }>(
        sql`SELECT email, status FROM event_registrations WHERE event_id = ${eventId} ORDER BY requested_at`,
      );
      expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'confirmed', 'confirmed', 'waitlisted']);
      // The promoted person (the earliest on the list) gets the confirmation with the calendar file and the link.
      const promoted = (await mailsTo(people[2].user.email)).at(-1)!;
      expect(promoted.subject).toMatch(/Une place s’est libérée/);
      expect(promoted.text_body).toContain(VIDEO);
      const ics = parseIcs(promoted.attachments[0].content);
      expect(ics.method).toBe('REQUEST');
      expect(ics.ev.uid).toBe(`${eventId}@passerelle.test`);
      // Person 3 is still waiting and has not received the link.
      for (const m of await mailsTo(people[3].user.email)) expect(m.text_body).not.toContain(VIDEO);
      // The one who left gets a cancellation of the calendar entry.
      const left = (await mailsTo(people[0].user.email)).at(-1)!;
      expect(parseIcs(left.attachments[0].content).method).toBe('CANCEL');
    });

    it('the .ics file, parsed back by ical.js: stable UID, UTC times, no video link; the feed lists every event', async () => {
      const res = await app.anonymous().get(`/evenements/${eventId}.ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const text = await res.text();
      expect(text).not.toContain(VIDEO);
      const { ev, method, vevent } = parseIcs(text);
      expect(method).toBe('PUBLISH');
      expect(ev.uid).toBe(`${eventId}@passerelle.test`);
      expect(ev.summary).toBe('Webinaire mobilité');
      expect(ev.startDate.toJSDate().toISOString()).toBe('2026-03-20T13:00:00.000Z');
      expect(ev.endDate.toJSDate().toISOString()).toBe('2026-03-20T15:00:00.000Z');
      expect(ev.sequence).toBe(0);
      expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
      const feed = parseIcs(await (await app.anonymous().get('/evenements.ics')).text());
      expect(feed.vevents.map((v) => new ICAL.Event(v).uid)).toContain(`${eventId}@passerelle.test`);
      expect(JSON.stringify(feed.cal.toJSON())).not.toContain(VIDEO);
      // The public page does not show the video link either.
      const page = await (await app.anonymous().get(`/evenements/${eventId}`)).text();
      expect(page).toContain('Webinaire mobilité');
      expect(page).not.toContain(VIDEO);
    });

    it('an update goes to registered people with the same UID and a higher SEQUENCE; a larger capacity promotes', async () => {
      await orgClient.page(`/evenements/${eventId}/modifier`);
      const res = await orgClient.postForm(`/evenements/${eventId}/modifier`, {
        title: 'Webinaire mobilité (nouvel horaire)',
        kind: 'webinaire',
        startsAt: '2026-03-20T15:00',
        endsAt: '2026-03-20T17:00',
        timeZone: 'Europe/Paris',
        videoUrl: VIDEO,
        audience: 'both',
        capacity: '3',
      });
      expect(res.status).toBe(303);
      const waiting = (await mailsTo(people[3].user.email)).at(-1)!;
      expect(waiting.subject).toMatch(/Une place s’est libérée/);
      const updated = (await mailsTo(people[1].user.email)).at(-1)!;
      expect(updated.subject).toMatch(/Événement modifié/);
      const { ev, method } = parseIcs(updated.attachments[0].content);
      expect(method).toBe('REQUEST');
      expect(ev.uid).toBe(`${eventId}@passerelle.test`);
      expect(ev.sequence).toBe(1);
      expect(ev.startDate.toJSDate().toISOString()).toBe('2026-03-20T14:00:00.000Z');
    });

    it('reminders D-7 and D-1 go once each to confirmed people, with the calendar file', async () => {
      const deps = app.deps;
      app.setNow('2026-03-13T14:30:00Z'); // 7 days before 2026-03-20 14:00 UTC
      const sent = await sendEventReminders(deps);
      expect(sent).toBe(3);
      expect(await sendEventReminders(deps)).toBe(0);
      const d7 = (await mailsTo(people[1].user.email)).filter((m) => /dans 7 jours/.test(m.subject));
      expect(d7).toHaveLength(1);
      expect(d7[0].text_body).toContain(VIDEO);
      expect(parseIcs(d7[0].attachments[0].content).ev.uid).toBe(`${eventId}@passerelle.test`);
      app.setNow('2026-03-19T15:00:00Z');
      expect(await sendEventReminders(deps)).toBe(3);
      expect(await sendEventReminders(deps)).toBe(0);
      expect((await mailsTo(people[0].user.email)).some((m) => /Rappel/.test(m.subject))).toBe(false);
    });

    it('the mails reach a real SMTP server with the calendar attached', async () => {
      const before = smtp.received.length;
      const r = await app.runJobs();
      expect(r.failed).toBe(0);
      const got = smtp.received.slice(before);
      const withIcs = got.find(
        (m) => m.to.includes(people[1].user.email) && /text\/calendar; method=REQUEST/i.test(m.raw),
      );
      expect(withIcs).toBeDefined();
      expect(withIcs!.raw).toMatch(/filename="?evenement\.ics/);
    });

    it('a guest registers with a confirmed e-mail; a second request with the same address is refused', async () => {
      await at('2026-03-02T09:00:00Z');
      const res = await orgClient.json('POST', '/api/v1/events', {
        title: 'Rencontre régionale',
        kind: 'rencontre',
        startsAt: '2026-04-10T09:00:00+02:00',
        endsAt: '2026-04-10T12:00:00+02:00',
        place: 'Hôtel de ville',
        audience: 'both',
        capacity: 1,
      });
      const id = (await res.json()).id;
      const guest = app.anonymous();
      await guest.page(`/evenements/${id}`);
      const missing = await guest.postForm(`/evenements/${id}/inscription`, {
        name: 'Awa',
        email: 'pas-une-adresse',
      });
      expect(missing.status).toBe(422);
      const html = await missing.text();
      expect(html).toContain('error-summary');
      expect(html).toMatch(/adresse e-mail valide/);
      const ok = await guest.postForm(`/evenements/${id}/inscription`, {
        name: 'Awa Diallo',
        email: 'Awa@Exemple.fr',
        organisationName: 'Association Ailleurs',
      });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toContain('inscription=pending_email');
      const mail = (await mailsTo('awa@exemple.fr')).at(-1)!;
      const link = /\/evenements\/inscription\/confirmer\/([\w-]+)/.exec(mail.text_body)!;
      // Opening the link changes nothing; the button does.
      const ask = await guest.page(link[0]);
      expect(ask.res.status).toBe(200);
      expect(
        (await app.db.one<any>(sql`SELECT status FROM event_registrations WHERE email = 'awa@exemple.fr'`))
          .status,
      ).toBe('pending_email');
      const confirmed = await guest.postForm(link[0]);
      expect(confirmed.status).toBe(303);
      expect(confirmed.headers.get('location')).toContain('inscription=confirmed');
      expect((await guest.postForm(link[0])).status).toBe(410);
      const again = await guest.postForm(`/evenements/${id}/inscription`, {
        name: 'Awa Diallo',
        email: 'awa@exemple.fr',
        organisationName: 'Association Ailleurs',
      });
      expect(again.status).toBe(409);
      // The seat is taken: a member goes to the waiting list; the guest's cancel link frees it.
      expect(
        (await (await people[0].client.json('POST', `/api/v1/events/${id}/registrations`, {})).json()).status,
      ).toBe('waitlisted');
      const cancelLink = /\/evenements\/inscription\/annuler\/([\w-]+)/.exec(mail.text_body)!;
      await guest.page(cancelLink[0]);
      expect((await guest.postForm(cancelLink[0])).status).toBe(303);
      const member = await app.db.one<any>(
        sql`SELECT status FROM event_registrations WHERE event_id = ${id} AND user_id = ${people[0].user.id}`,
      );
      expect(member.status).toBe('confirmed');
    });

    it('cancelling an event sends METHOD:CANCEL to everyone registered; a cancelled event refuses registrations', async () => {
      await at('2026-03-03T09:00:00Z');
      const id = (
        await (
          await orgClient.json('POST', '/api/v1/events', {
            title: 'Réunion annulée',
            kind: 'reunion',
            startsAt: '2026-05-10T09:00:00+02:00',
            endsAt: '2026-05-10T10:00:00+02:00',
            place: 'Salle B',
            audience: 'both',
          })
        ).json()
      ).id;
      await people[1].client.json('POST', `/api/v1/events/${id}/registrations`, {});
      await orgClient.page(`/evenements/${id}`);
      expect(
        (await orgClient.postForm(`/evenements/${id}/annuler`, { reason: 'Intervenant absent' })).status,
      ).toBe(303);
      const mail = (await mailsTo(people[1].user.email)).at(-1)!;
      expect(mail.subject).toMatch(/Événement annulé/);
      const { method, vevent, ev } = parseIcs(mail.attachments[0].content);
      expect(method).toBe('CANCEL');
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(ev.uid).toBe(`${id}@passerelle.test`);
      expect(ev.sequence).toBe(1);
      const late = await people[2].client.json('POST', `/api/v1/events/${id}/registrations`, {});
      expect(late.status).toBe(409);
    });

    it('after the event: attendance, replay and summary; cross presentations and attendance counted in eventStats', async () => {
      await at('2026-03-21T09:00:00Z');
      const regs = await app.db.many<{ id: string; user_id: string }>(
        sql`SELECT id, user_id FROM event_registrations WHERE event_id = ${eventId} AND status = 'confirmed' ORDER BY requested_at`,
      );
      expect(regs).toHaveLength(3);
      await orgClient.page(`/evenements/${eventId}/bilan`);
      const res = await orgClient.postForm(`/evenements/${eventId}/bilan`, {
        attended: [regs[0].id, regs[1].id],
        summary: 'Deux Missions Locales présentes.',
        replayUrl: 'https://video.exemple.fr/replay',
      });
      expect(res.status).toBe(303);
      const page = await (await app.anonymous().get(`/evenements/${eventId}`)).text();
      expect(page).toContain('https://video.exemple.fr/replay');
      expect(page).toContain('2 personne(s) présente(s)');
      // A cross presentation held (art. 3): UNML presenting at a CUF event.
      const cuf = await anOrganisation(app.db, { kind: 'cuf', name: 'CUF' });
      const staff = await aUser(app.db, {
        globalRole: 'network_admin',
        network: 'cuf',
        memberOf: [{ organisationId: cuf.id }],
      });
      app.setNow('2026-03-05T09:00:00Z');
      let staffClient = await app.as(staff.id);
      const cross = await (
        await staffClient.json('POST', '/api/v1/events', {
          title: 'Les Missions Locales au groupe pays',
          kind: 'presentation_croisee',
          startsAt: '2026-03-10T10:00:00+01:00',
          endsAt: '2026-03-10T11:00:00+01:00',
          place: 'CUF',
          audience: 'both',
          hostNetwork: 'cuf',
          presentingNetwork: 'unml',
        })
      ).json();
      app.setNow('2026-03-11T09:00:00Z');
      staffClient = await app.as(staff.id);
      await staffClient.page(`/evenements/${cross.id}/bilan`);
      expect((await staffClient.postForm(`/evenements/${cross.id}/bilan`, { summary: 'Fait.' })).status).toBe(
        303,
      );
      const stats = await eventStats(app.db, { from: '2026-03-01', to: '2026-03-31' });
      expect(stats).toEqual({
        held: 2,
        attendanceByOrganisationKind: { mission_locale: 2 },
        attendanceByNetwork: { unml: 2, cuf: 0, other: 0 },
        organisationsRepresented: 1,
        crossPresentations: { unmlAtCuf: 1, cufAtUnml: 0 },
      });
      expect((await eventStats(app.db, { from: '2026-04-01', to: '2026-04-30' })).held).toBe(0);
    });

    it('guests’ names and e-mails are erased one year after their event; members and counts stay', async () => {
      const guests = () =>
        app.db.many<{ name: string; email: string }>(
          sql`SELECT name, email FROM event_registrations WHERE user_id IS NULL`,
        );
      expect((await guests()).some((g) => g.email === 'awa@exemple.fr')).toBe(true);
      app.setNow('2027-03-01T00:00:00Z');
      expect(await eraseGuestData(app.deps)).toBe(0);
      app.setNow('2027-04-11T00:00:00Z');
      expect(await eraseGuestData(app.deps)).toBe(1);
      expect(await guests()).toEqual([expect.objectContaining({ name: 'invité' })]);
      expect(JSON.stringify(await guests())).not.toContain('awa');
      const members = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM event_registrations WHERE user_id IS NOT NULL AND name LIKE 'Personne%'`,
      );
      expect(Number(members.n)).toBeGreaterThan(0);
    });
  });
}
