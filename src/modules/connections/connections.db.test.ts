import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { tinyCog } from '../directory/territory/fixtures/tiny-cog.js';
import { importGeography } from '../directory/territory/import-geography.js';
import { runWeeklyDigest } from './opportunities.js';
import { sweepConnections } from './sweep-connections.js';

/**
 * Rapprochement end to end (convention art. 2–3) on a tiny geography: four communes of
 * the Ain (populations 1 000, 3 000, 500, 500), two EPCI, the Ain, the région. The
 * Mission Locale serves Alpha and Bêta (4 000 inhabitants).
 */
function geography() {
  const cog = tinyCog();
  const pop: Record<string, number> = { '01001': 1000, '01002': 3000, '01003': 500, '01004': 500 };
  cog.communes = cog.communes.map((c: any) => ({ ...c, population: pop[c.code] }));
  return cog;
}

for (const kind of DB_KINDS) {
  describe(`rapprochement (${kind})`, () => {
    let app: TestApp;
    const org: Record<string, { id: string; name: string }> = {};
    let mlAdmin: UserFixture;
    let mlMember: UserFixture;
    let regionAdmin: UserFixture;
    let netAdmin: UserFixture;
    const T0 = new Date('2026-03-02T09:00:00Z');

    const authority = async (level: string, code?: string) =>
      app.db.one<{ id: string; name: string }>(
        sql`SELECT id, name FROM organisations WHERE kind = 'local_authority' AND level = ${level}
          ${code ? sql`AND code = ${code}` : sql.empty} ORDER BY name LIMIT 1`,
      );
    const count = async (table: string, where = sql`true`) =>
      Number(
        (
          await app.db.one<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`,
          )
        ).n,
      );
    const lastMailTo = (to: string) =>
      app.db.maybeOne<{ subject: string; text_body: string; category: string }>(
        sql`SELECT subject, text_body, category FROM mail_outbox WHERE to_address = ${to} ORDER BY created_at DESC LIMIT 1`,
      );

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow(T0);
      await importGeography(app.db, geography());
      org.region = await authority('region');
      org.dept = await authority('departement');
      org.alpha = await authority('commune', '01001');
      org.gamma = await authority('commune', '01003');
      org.epci = await authority('epci');
      org.ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale des Lettres' });
      await app.db.run(
        sql`UPDATE organisations SET region_code = '84', departement_code = '01' WHERE id = ${org.ml.id}`,
      );
      await app.db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
        VALUES (${org.ml.id}, '01001', 'declared'), (${org.ml.id}, '01002', 'declared')`);
      // The région: CUF member, cooperating with Senegal, open, youth mobility; a confidential contact.
      await app.db.run(sql`UPDATE organisations SET cuf_member = true, open_to_partnership = true,
        last_verified_on = '2026-01-15' WHERE id = ${org.region.id}`);
      await app.db.run(sql`INSERT INTO organisation_countries VALUES (${org.region.id}, 'SN')`);
      await app.db.run(sql`INSERT INTO organisation_themes VALUES (${org.region.id}, 'youth_mobility')`);
      await app.db.run(sql`INSERT INTO organisation_contacts (organisation_id, name, email, sharing_level)
        VALUES (${org.region.id}, 'Chargée de coopération', 'cooperation@region.example', 'confidential')`);
      await app.db.run(sql`INSERT INTO organisation_contacts (organisation_id, name, email, sharing_level)
        VALUES (${org.ml.id}, 'Directrice', 'direction@ml.example', 'partners')`);
      // The département has no member: only its public address.
      await app.db.run(sql`UPDATE organisations SET email = 'accueil@ain.example' WHERE id = ${org.dept.id}`);
      mlAdmin = await aUser(app.db, {
        name: 'Awa Diallo',
        memberOf: [{ organisationId: org.ml.id, role: 'admin' }],
      });
      mlMember = await aUser(app.db, { memberOf: [{ organisationId: org.ml.id, role: 'member' }] });
      regionAdmin = await aUser(app.db, {
        name: 'Jean Région',
        memberOf: [{ organisationId: org.region.id, role: 'admin' }],
      });
      netAdmin = await aUser(app.db, { globalRole: 'network_admin', network: 'cuf' });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    describe('matching engine', () => {
      it('for the Mission Locale: every authority of its territory, best first, reasons in French, no contact', async () => {
        const res = await app.anonymous().get(`/api/v1/organisations/${org.ml.id}/matches`);
        expect(res.status).toBe(200);
        const body = await res.json();
        const names = body.items.map((i: any) => i.organisation.name);
        expect(names[0]).toBe(org.region.name);
        expect(names).toEqual(expect.arrayContaining([org.dept.name, org.epci.name, org.alpha.name]));
        expect(names).not.toContain(org.gamma.name); // Gamma is outside the ML's territory
        expect(body.items).toHaveLength(5); // Alpha, Bêta, CC des Lettres, the Ain, the région
        const region = body.items[0];
        expect(region.organisation).toEqual({
          id: org.region.id,
          name: org.region.name,
          kind: 'local_authority',
          level: 'region',
        });
        // International engagement first, then the territory (ADR 0030, 2026-11-29).
        expect(region.reasons).toEqual([
          'Elle coopère déjà avec ce pays : Sénégal.',
          'Elle est membre de Cités Unies France, le réseau des collectivités engagées à l’international.',
          'Elle travaille sur un thème que vous recherchez : Mobilité internationale des jeunes.',
          'Elle se dit ouverte à de nouveaux partenariats.',
          'Son territoire couvre 100 % de la population du vôtre.',
          'Son profil a été confirmé il y a moins d’un an.',
        ]);
        expect(region.score).toBe(8 + 12 + 5 + 8 + 20 + 4);
        expect(region.group).toBe('suggested');
        const alpha = body.items.find((i: any) => i.organisation.id === org.alpha.id);
        expect(alpha.reasons).toEqual(['Son territoire couvre 25 % de la population du vôtre.']);
        expect(alpha.score).toBe(5);
        // The others have no known international activity: listed after, in their own group.
        expect(body.items.slice(1).map((i: any) => i.group)).toEqual(Array(4).fill('no_known_activity'));
        expect(JSON.stringify(body)).not.toContain('cooperation@region.example');
      });

      it('for an authority: the Missions Locales serving it, with the share of its population', async () => {
        const body = await (await app.anonymous().get(`/api/v1/organisations/${org.epci.id}/matches`)).json();
        // CC des Lettres: 4 500 inhabitants, the ML serves 4 000 of them → 89 %.
        expect(body.items).toEqual([
          {
            organisation: {
              id: org.ml.id,
              name: 'Mission Locale des Lettres',
              kind: 'mission_locale',
              level: null,
            },
            score: 18,
            reasons: ['Elle accompagne les jeunes de 89 % de la population de votre territoire.'],
            group: 'suggested',
          },
        ]);
      });

      it('a large authority (the Ain, computed from the Missions Locales’ side) gets the same shares', async () => {
        const body = await (await app.anonymous().get(`/api/v1/organisations/${org.dept.id}/matches`)).json();
        // The Ain: 5 000 inhabitants; the ML serves 4 000 of them → 80 %.
        expect(body.items.map((i: any) => [i.organisation.name, i.reasons[0]])).toEqual([
          [
            'Mission Locale des Lettres',
            'Elle accompagne les jeunes de 80 % de la population de votre territoire.',
          ],
        ]);
      });

      it('filters by country and theme; a bad filter is refused in French; unknown organisation → 404', async () => {
        const sn = await (
          await app.anonymous().get(`/api/v1/organisations/${org.ml.id}/matches?country=sn`)
        ).json();
        expect(sn.items.map((i: any) => i.organisation.id)).toEqual([org.region.id]);
        const ecsi = await (
          await app.anonymous().get(`/api/v1/organisations/${org.ml.id}/matches?theme=ecsi`)
        ).json();
        expect(ecsi.items).toEqual([]);
        const bad = await app.anonymous().get(`/api/v1/organisations/${org.ml.id}/matches?country=ZZ`);
        expect(bad.status).toBe(400);
        expect((await bad.json()).error.message).toContain('code ISO');
        const unknown = await app
          .anonymous()
          .get('/api/v1/organisations/00000000-0000-4000-8000-000000000000/matches');
        expect(unknown.status).toBe(404);
      });

      it('an approximate territory is said to be approximate', async () => {
        const approx = await anOrganisation(app.db, {
          kind: 'mission_locale',
          name: 'Mission Locale approximative',
        });
        await app.db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
          VALUES (${approx.id}, '01004', 'approximate')`);
        const body = await (await app.anonymous().get(`/api/v1/organisations/${approx.id}/matches`)).json();
        expect(body.items[0].reasons).toContainEqual(
          expect.stringMatching(
            /couvre 100 % de la population du vôtre \(estimation : le territoire de votre Mission Locale/,
          ),
        );
        await app.db.run(sql`DELETE FROM organisations WHERE id = ${approx.id}`);
      });

      it('the page lists them with reasons; members of the ML get the request button', async () => {
        const anon = await app.anonymous().get(`/organisations/${org.ml.id}/rapprochements`);
        const html = await anon.text();
        expect(anon.status).toBe(200);
        expect(html).toContain('membre de Cités Unies France');
        expect(html).not.toContain('Demander une mise en relation');
        const member = await (await app.as(mlMember.id)).get(`/organisations/${org.ml.id}/rapprochements`);
        expect(await member.text()).toContain(
          `/organisations/${org.ml.id}/mises-en-relation/nouvelle?vers=${org.region.id}`,
        );
      });
    });

    describe('connection workflow', () => {
      let connId: string;

      it('bad requests change nothing: to oneself, unknown organisation, short message', async () => {
        const client = await app.as(mlAdmin.id);
        await client.page(`/organisations/${org.ml.id}/mises-en-relation/nouvelle?vers=${org.region.id}`);
        const before = await count('connections');
        const self = await client.postForm(`/organisations/${org.ml.id}/mises-en-relation/nouvelle`, {
          receiverId: org.ml.id,
          message: 'Bonjour, travaillons ensemble sur la mobilité.',
        });
        expect(self.status).toBe(422);
        expect(await self.text()).toContain('Choisissez une autre organisation que la vôtre.');
        const unknown = await client.json('POST', '/api/v1/connections', {
          requesterId: org.ml.id,
          receiverId: '00000000-0000-4000-8000-000000000000',
          message: 'Bonjour, travaillons ensemble sur la mobilité.',
        });
        expect(unknown.status).toBe(422);
        expect((await unknown.json()).error.fields.receiverId).toContain('n’existe pas');
        const short = await client.postForm(`/organisations/${org.ml.id}/mises-en-relation/nouvelle`, {
          receiverId: org.region.id,
          message: 'Salut',
        });
        expect(short.status).toBe(422);
        expect(await short.text()).toContain('au moins 10 caractères');
        const badCountry = await client.json('POST', '/api/v1/connections', {
          requesterId: org.ml.id,
          receiverId: org.region.id,
          message: 'Bonjour, travaillons ensemble sur la mobilité.',
          projectCountries: ['XX'],
        });
        expect(badCountry.status).toBe(422);
        expect(await count('connections')).toBe(before);
        expect(await count('audit_log', sql`action = 'connection.request'`)).toBe(0);
      });

      it('the ML asks the région: stored, audited, the région’s member notified in-app and by e-mail with an answer link', async () => {
        const client = await app.as(mlAdmin.id);
        await client.page(`/organisations/${org.ml.id}/mises-en-relation/nouvelle?vers=${org.region.id}`);
        const res = await client.postForm(`/organisations/${org.ml.id}/mises-en-relation/nouvelle`, {
          receiverId: org.region.id,
          message: 'Bonjour, nous aimerions monter une mobilité de jeunes au Sénégal avec vous.',
          projectKind: 'youth_mobility',
          projectCountries: 'SN',
          projectThemes: ['youth_mobility'],
        });
        expect(res.status).toBe(303);
        connId = res.headers.get('location')!.split('/')[2].split('?')[0];
        const row = await app.db.one<any>(sql`SELECT * FROM connections WHERE id = ${connId}`);
        expect(row).toMatchObject({
          status: 'pending',
          requester_id: org.ml.id,
          receiver_id: org.region.id,
          project_kind: 'youth_mobility',
          project_countries: ['SN'],
          requested_by_email: mlAdmin.email,
        });
        expect(new Date(row.expires_at).toISOString()).toBe('2026-04-01T09:00:00.000Z');
        expect(await count('audit_log', sql`action = 'connection.request' AND entity_id = ${connId}`)).toBe(
          1,
        );
        expect(await count('notifications', sql`user_id = ${regionAdmin.id}`)).toBe(1);
        const mail = await lastMailTo(regionAdmin.email);
        expect(mail?.category).toBe('notification');
        expect(mail?.text_body).toContain('/mise-en-relation/reponse/');
        expect(mail?.text_body).toContain('Se désabonner : http://passerelle.test/desabonnement/');
        expect(await count('connection_answer_tokens', sql`connection_id = ${connId}`)).toBe(1);
      });

      it('a duplicate open request — either way — is refused with 409 and nothing written', async () => {
        const again = await (await app.as(mlMember.id)).json('POST', '/api/v1/connections', {
          requesterId: org.ml.id,
          receiverId: org.region.id,
          message: 'Bonjour, encore nous pour la mobilité.',
        });
        expect(again.status).toBe(409);
        expect((await again.json()).error.message).toContain('déjà en attente');
        const reverse = await (await app.as(regionAdmin.id)).json('POST', '/api/v1/connections', {
          requesterId: org.region.id,
          receiverId: org.ml.id,
          message: 'Bonjour, la Région vous contacte.',
        });
        expect(reverse.status).toBe(409);
        expect(await count('connections')).toBe(1);
      });

      it('contacts stay hidden while pending; the header shows the unread count', async () => {
        const client = await app.as(regionAdmin.id);
        const html = await (await client.get(`/mises-en-relation/${connId}`)).text();
        expect(html).toContain('seront visibles ici si la demande est acceptée');
        expect(html).not.toContain('direction@ml.example');
        expect(html).not.toContain(mlAdmin.email);
        expect(html).toContain('Notifications (1)');
      });

      it('declining needs a reason (422, nothing changed); the requester’s side cannot answer (403)', async () => {
        const client = await app.as(regionAdmin.id);
        await client.page(`/mises-en-relation/${connId}`);
        const noReason = await client.postForm(`/mises-en-relation/${connId}/decliner`, { reason: '' });
        expect(noReason.status).toBe(422);
        expect(await noReason.text()).toContain('Indiquez la raison du refus.');
        const requester = await app.as(mlAdmin.id);
        const forbidden = await requester.json('POST', `/api/v1/connections/${connId}/accept`);
        expect(forbidden.status).toBe(403);
        expect((await app.db.one<any>(sql`SELECT status FROM connections WHERE id = ${connId}`)).status).toBe(
          'pending',
        );
      });

      it('the région accepts: both sides see each other’s contacts; the ML is notified; answering twice → 409', async () => {
        app.setNow(new Date(T0.getTime() + 2 * 86_400_000));
        const client = await app.as(regionAdmin.id);
        await client.page(`/mises-en-relation/${connId}`);
        const res = await client.postForm(`/mises-en-relation/${connId}/accepter`);
        expect(res.status).toBe(303);
        const html = await (await client.get(`/mises-en-relation/${connId}`)).text();
        expect(html).toContain('direction@ml.example');
        expect(html).toContain(mlAdmin.email);
        // The région's own confidential contact: seen by its members only (convention art. 4).
        expect(html).toContain('cooperation@region.example');
        const mlSide = await (await app.as(mlMember.id)).get(`/mises-en-relation/${connId}`);
        const mlHtml = await mlSide.text();
        expect(mlHtml).toContain(regionAdmin.email);
        expect(mlHtml).not.toContain('cooperation@region.example');
        expect(
          await count('notifications', sql`user_id = ${mlAdmin.id} AND kind = 'connection.accepted'`),
        ).toBe(1);
        expect((await lastMailTo(mlAdmin.email))?.subject).toContain('a accepté');
        expect(await count('audit_log', sql`action = 'connection.accept' AND entity_id = ${connId}`)).toBe(1);
        const twice = await client.json('POST', `/api/v1/connections/${connId}/decline`, {
          reason: 'Finalement non',
        });
        expect(twice.status).toBe(409);
        expect((await twice.json()).error.message).toContain('déjà été acceptée');
        const events = await app.db.many<{ kind: string }>(
          sql`SELECT kind FROM connection_events WHERE connection_id = ${connId} ORDER BY id`,
        );
        expect(events.map((e) => e.kind)).toEqual(['requested', 'accepted']);
      });

      it('an authority without account answers from its e-mail (single use), then is invited to join', async () => {
        const res = await (await app.as(mlAdmin.id)).json('POST', '/api/v1/connections', {
          requesterId: org.ml.id,
          receiverId: org.dept.id,
          message: 'Bonjour, un projet ECSI avec le Département ?',
          projectKind: 'ecsi',
        });
        expect(res.status).toBe(201);
        const id = (await res.json()).id;
        const mail = await lastMailTo('accueil@ain.example');
        const link = /\/mise-en-relation\/reponse\/[\w-]+/.exec(mail!.text_body)![0];
        const visitor = app.anonymous();
        const page = await visitor.page(link);
        expect(page.res.status).toBe(200);
        expect(page.html).toContain('Bonjour, un projet ECSI avec le Département ?');
        expect(page.html).not.toContain('direction@ml.example');
        const answer = await visitor.postForm(`${link}?action=accept`, { name: 'Paul Accueil' });
        expect(answer.status).toBe(200);
        const done = await answer.text();
        expect(done).toContain('direction@ml.example');
        expect(done).toMatch(/href="\/invitation\/[\w-]+"/);
        const invitation = /href="(\/invitation\/[\w-]+)"/.exec(done)![1];
        const invitationPage = await app.anonymous().get(invitation);
        expect(invitationPage.status).toBe(200);
        expect(await invitationPage.text()).toContain('Cette invitation, adressée à accueil@ain.example');
        const row = await app.db.one<any>(
          sql`SELECT status, answered_by_email, answered_by_name FROM connections WHERE id = ${id}`,
        );
        expect(row).toEqual({
          status: 'accepted',
          answered_by_email: 'accueil@ain.example',
          answered_by_name: 'Paul Accueil',
        });
        expect(
          await count(
            'email_tokens',
            sql`purpose = 'invitation' AND email = 'accueil@ain.example' AND organisation_id = ${org.dept.id}`,
          ),
        ).toBe(1);
        const again = await visitor.postForm(`${link}?action=decline`, { reason: 'Non merci' });
        expect(again.status).toBe(410);
        expect(await again.text()).toContain('n’est plus valable');
        expect((await app.db.one<any>(sql`SELECT status FROM connections WHERE id = ${id}`)).status).toBe(
          'accepted',
        );
      });

      it('reminder after 7 days (once), expiry after 30 days; an expired link is refused', async () => {
        app.setNow(T0);
        const res = await (await app.as(mlAdmin.id)).json('POST', '/api/v1/connections', {
          requesterId: org.ml.id,
          receiverId: org.gamma.id,
          message: 'Bonjour Gamma, parlons mobilité des professionnels.',
        });
        const id = (await res.json()).id;
        await app.db.run(
          sql`UPDATE organisations SET email = 'mairie@gamma.example' WHERE id = ${org.gamma.id}`,
        );
        app.setNow(new Date(T0.getTime() + 6 * 86_400_000));
        expect(await sweepConnections(app.deps)).toEqual({ reminded: 0, expired: 0 });
        app.setNow(new Date(T0.getTime() + 7 * 86_400_000));
        expect(await sweepConnections(app.deps)).toEqual({ reminded: 1, expired: 0 });
        expect(await sweepConnections(app.deps)).toEqual({ reminded: 0, expired: 0 });
        const reminder = await lastMailTo('mairie@gamma.example');
        expect(reminder?.subject).toContain('Rappel');
        const link = /\/mise-en-relation\/reponse\/[\w-]+/.exec(reminder!.text_body)![0];
        app.setNow(new Date(T0.getTime() + 30 * 86_400_000));
        expect(await sweepConnections(app.deps)).toEqual({ reminded: 0, expired: 1 });
        expect((await app.db.one<any>(sql`SELECT status FROM connections WHERE id = ${id}`)).status).toBe(
          'expired',
        );
        expect(
          await count('notifications', sql`user_id = ${mlAdmin.id} AND kind = 'connection.expired'`),
        ).toBe(1);
        expect(
          await count(
            'audit_log',
            sql`action IN ('connection.remind', 'connection.expire') AND entity_id = ${id}`,
          ),
        ).toBe(2);
        const gone = await app.anonymous().get(link);
        expect(gone.status).toBe(410);
        // A new request may now be sent.
        const again = await (await app.as(mlAdmin.id)).json('POST', '/api/v1/connections', {
          requesterId: org.ml.id,
          receiverId: org.gamma.id,
          message: 'Bonjour Gamma, nous relançons notre proposition.',
        });
        expect(again.status).toBe(201);
        const declined = await app.db.one<{ id: string }>(
          sql`SELECT id FROM connections WHERE receiver_id = ${org.gamma.id} AND status = 'pending'`,
        );
        const tokenMail = await lastMailTo('mairie@gamma.example');
        const link2 = /\/mise-en-relation\/reponse\/[\w-]+/.exec(tokenMail!.text_body)![0];
        const v = app.anonymous();
        await v.page(link2);
        expect((await v.postForm(`${link2}?action=decline`, { name: 'Mairie', reason: '' })).status).toBe(
          422,
        );
        expect(
          (
            await v.postForm(`${link2}?action=decline`, {
              name: 'Mairie',
              reason: 'Pas de budget cette année',
            })
          ).status,
        ).toBe(200);
        expect(
          await app.db.one<any>(
            sql`SELECT status, decline_reason FROM connections WHERE id = ${declined.id}`,
          ),
        ).toEqual({
          status: 'declined',
          decline_reason: 'Pas de budget cette année',
        });
      });

      it('both sides list their requests (page and API); strangers see nothing', async () => {
        const api = await (await app.as(mlMember.id)).get('/api/v1/connections');
        const items = (await api.json()).items;
        expect(items.length).toBe(4);
        expect(items.map((i: any) => i.status).sort()).toEqual([
          'accepted',
          'accepted',
          'declined',
          'expired',
        ]);
        const stranger = await aUser(app.db);
        const none = await (await app.as(stranger.id)).get('/api/v1/connections');
        expect((await none.json()).items).toEqual([]);
        const denied = await (await app.as(stranger.id)).get(`/mises-en-relation/${connId}`);
        expect(denied.status).toBe(403);
      });

      it('network admins see the pipeline by région, with rate and median time (page and CSV)', async () => {
        const client = await app.as(netAdmin.id);
        const page = await client.get('/admin/mises-en-relation');
        const html = await page.text();
        expect(page.status).toBe(200);
        expect(html).toContain('Auvergne-Rhône-Alpes');
        const csv = await (await client.get('/admin/mises-en-relation.csv')).text();
        const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
        expect(lines[0]).toBe(
          'region_code;region;demandes;en_attente;acceptees;declinees;expirees;taux_acceptation;delai_median_heures',
        );
        // 4 requests: 2 accepted (after 48 h and at once), 1 declined, 1 expired → 50 %; median of 48, 0, 0 = 0 h.
        expect(lines).toContain('84;Auvergne-Rhône-Alpes;4;0;2;1;1;0.500;0.0');
        expect(lines).toContain('total;France entière;4;0;2;1;1;0.500;0.0');
      });
    });

    describe('notifications, preferences, unsubscribe', () => {
      it('the list, mark one and all as read', async () => {
        const client = await app.as(mlAdmin.id);
        const { html } = await client.page('/notifications');
        expect(html).toContain('a accepté votre demande');
        const unread = await count('notifications', sql`user_id = ${mlAdmin.id} AND read_at IS NULL`);
        expect(unread).toBeGreaterThan(1);
        const one = await app.db.one<{ id: string }>(
          sql`SELECT id FROM notifications WHERE user_id = ${mlAdmin.id} AND read_at IS NULL LIMIT 1`,
        );
        expect((await client.postForm(`/notifications/${one.id}/lue`)).status).toBe(303);
        expect(await count('notifications', sql`user_id = ${mlAdmin.id} AND read_at IS NULL`)).toBe(
          unread - 1,
        );
        // Someone else's notification is untouched.
        const other = await app.db.one<{ id: string }>(
          sql`SELECT id FROM notifications WHERE user_id = ${regionAdmin.id} LIMIT 1`,
        );
        await client.postForm(`/notifications/${other.id}/lue`);
        expect(await count('notifications', sql`id = ${other.id} AND read_at IS NULL`)).toBe(1);
        await client.postForm('/notifications/lues');
        expect(await count('notifications', sql`user_id = ${mlAdmin.id} AND read_at IS NULL`)).toBe(0);
        expect(await (await client.get('/')).text()).not.toContain('Notifications (');
      });

      it('preferences off: in-app only, no e-mail; the one-click unsubscribe link works without sign-in', async () => {
        const client = await app.as(regionAdmin.id);
        await client.page('/compte/notifications');
        expect((await client.postForm('/compte/notifications', { digestEmails: 'on' })).status).toBe(303);
        const mailsBefore = await count('mail_outbox', sql`to_address = ${regionAdmin.email}`);
        const req = await (await app.as(mlAdmin.id)).json('POST', '/api/v1/connections', {
          requesterId: org.ml.id,
          receiverId: org.region.id,
          message: 'Bonjour, une deuxième idée : de l’ECSI.',
        });
        expect(req.status).toBe(201);
        expect(await count('mail_outbox', sql`to_address = ${regionAdmin.email}`)).toBe(mailsBefore);
        expect(
          await count('notifications', sql`user_id = ${regionAdmin.id} AND kind = 'connection.requested'`),
        ).toBe(2);
        // The ML member unsubscribes from the link of an e-mail.
        const mail = await lastMailTo(mlAdmin.email);
        const url = /\/desabonnement\/[\w.-]+/.exec(mail!.text_body)![0];
        const res = await app.anonymous().get(url);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('ne recevra plus d’e-mails de mise en relation');
        expect(
          await app.db.one(
            sql`SELECT connection_emails, digest_emails FROM notification_preferences WHERE user_id = ${mlAdmin.id}`,
          ),
        ).toEqual({ connection_emails: false, digest_emails: true });
        const forged = await app.anonymous().get(`${url.slice(0, -3)}xyz`);
        expect(forged.status).toBe(400);
        // RFC 8058 one-click: a mail client POSTs without cookie or CSRF token.
        const oneClick = await app.app.request(`http://passerelle.test${url}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        expect(oneClick.status).toBe(200);
      });
    });

    describe('opportunity alerts', () => {
      it('weekly digest: baseline first, then new engaged authorities of the territory, once per user and week', async () => {
        app.setNow(new Date('2026-05-04T08:00:00Z'));
        expect(await runWeeklyDigest(app.deps)).toEqual({ users: 0, news: 0 }); // baseline
        await app.db.run(sql`UPDATE organisations SET cuf_member = true WHERE id = ${org.alpha.id}`);
        await app.db.run(sql`UPDATE organisations SET open_to_partnership = true WHERE id = ${org.gamma.id}`);
        const run = await runWeeklyDigest(app.deps);
        expect(run.news).toBe(2);
        expect(run.users).toBe(2); // the two members of the ML (Gamma is not on its territory)
        await app.runJobs();
        const mail = await lastMailTo(mlMember.email);
        expect(mail?.category).toBe('digest');
        expect(mail?.subject).toBe('Opportunités de rapprochement de la semaine 2026-W19');
        expect(mail?.text_body).toContain('Alpha : nouvellement engagée à l’international');
        expect(mail?.text_body).not.toContain('Gamma');
        expect(mail?.text_body).toContain('/desabonnement/');
        expect(await count('opportunity_digests', sql`week = '2026-W19'`)).toBe(2);
        expect(await runWeeklyDigest(app.deps)).toEqual({ users: 0, news: 0 });
        await app.runJobs();
        expect(
          await count('mail_outbox', sql`subject LIKE 'Opportunités%' AND to_address = ${mlMember.email}`),
        ).toBe(1);
      });

      it('network admins see engaged authorities and MLs never in contact, by région and département; CSV', async () => {
        const client = await app.as(netAdmin.id);
        const html = await (await client.get('/admin/opportunites')).text();
        expect(html).toContain('Alpha'); // CUF member since the digest test, never contacted
        const csv = await (await client.get('/admin/opportunites.csv?region=84')).text();
        const lines = csv.trim().split('\r\n');
        expect(lines[0]).toContain('region;departement_code;departement;mission_locale');
        expect(lines.some((l) => l.includes(';Alpha;'))).toBe(true);
        // The région and the Ain were contacted: not opportunities any more.
        expect(lines.some((l) => l.includes(`;${org.region.name};`))).toBe(false);
        expect(lines.some((l) => l.includes(`;${org.dept.name};`))).toBe(false);
        expect((await client.get('/admin/opportunites?region=abc')).status).toBe(400);
      });

      it('a regional association sees the opportunities of its own région only; other members are refused', async () => {
        const ra = await anOrganisation(app.db, {
          kind: 'regional_association',
          name: 'AR Auvergne-Rhône-Alpes',
        });
        await app.db.run(sql`UPDATE organisations SET region_code = '84' WHERE id = ${ra.id}`);
        const other = await anOrganisation(app.db, {
          kind: 'regional_association',
          name: 'AR Île-de-France',
        });
        await app.db.run(sql`UPDATE organisations SET region_code = '11' WHERE id = ${other.id}`);
        const raUser = await aUser(app.db, { memberOf: [{ organisationId: ra.id }] });
        const otherUser = await aUser(app.db, { memberOf: [{ organisationId: other.id }] });
        const own = await (await app.as(raUser.id)).get('/admin/opportunites.csv?region=11');
        const rows = (await own.text()).trim().split('\r\n');
        expect(rows.some((l) => l.includes(';Alpha;'))).toBe(true); // région 84 whatever was asked
        const elsewhere = await (await app.as(otherUser.id)).get('/admin/opportunites.csv');
        expect((await elsewhere.text()).trim().split('\r\n')).toHaveLength(1); // header only
        expect((await (await app.as(mlMember.id)).get('/admin/opportunites')).status).toBe(403);
      });
    });
  });
}
