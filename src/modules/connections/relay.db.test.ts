import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { startTestSmtp, type TestSmtp } from '../../../tests/helpers/smtp.js';
import { sql } from '../../db/sql.js';
import { relayUndelivered } from './relay-connection.js';

/**
 * No request is lost (issue 9 §3). Convention art. 3 : each network informs of local
 * opportunities and facilitates connections and first contacts. A request to an
 * organisation without member is relayed to the network that supports it; its staff
 * forward it to a contact or invite the organisation to join; the sender is told who.
 */
type Org = { id: string; name: string };

for (const kind of DB_KINDS) {
  describe(`relays of connection requests (${kind})`, () => {
    let app: TestApp;
    const org: Record<string, Org> = {};
    const u: Record<string, UserFixture> = {};
    const T0 = new Date('2026-05-04T08:00:00Z');

    const mailsTo = (to: string) =>
      app.db.many<{ subject: string; text_body: string; category: string }>(
        sql`SELECT subject, text_body, category FROM mail_outbox WHERE to_address = ${to} ORDER BY created_at, id`,
      );
    const notificationsOf = (userId: string) =>
      app.db.many<{ kind: string; title: string; url: string }>(
        sql`SELECT kind, title, url FROM notifications WHERE user_id = ${userId} ORDER BY created_at, id`,
      );
    const apiGet = async (userId: string, path: string) => {
      const res = await (await app.as(userId)).get(path);
      return { status: res.status, body: (await res.json()) as any };
    };
    /** The ML asks an organisation through the request form, as a person would. */
    const askByForm = async (receiver: Org, message: string) => {
      const client = await app.as(u.mlAdmin.id);
      await client.page(`/organisations/${org.ml.id}/mises-en-relation/nouvelle?vers=${receiver.id}`);
      const res = await client.postForm(`/organisations/${org.ml.id}/mises-en-relation/nouvelle`, {
        receiverId: receiver.id,
        message,
      });
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      return { client, id: location.split('/')[2].split('?')[0], location };
    };

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow(T0);
      org.cuf = await anOrganisation(app.db, { kind: 'cuf', name: 'Cités Unies France', code: 'CUF' });
      org.unml = await anOrganisation(app.db, {
        kind: 'unml',
        name: 'Union nationale des Missions Locales',
        code: 'UNML',
      });
      org.ar = await anOrganisation(app.db, {
        kind: 'regional_association',
        name: 'Association régionale des Missions Locales Auvergne-Rhône-Alpes',
      });
      org.ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale des Lettres' });
      org.mlOrphan = await anOrganisation(app.db, {
        kind: 'mission_locale',
        name: 'Mission Locale du Bugey',
      });
      org.commune = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Commune de Sans-Compte',
      });
      org.commune2 = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Commune de Belley',
      });
      org.withMember = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'epci',
        name: 'Communauté de communes Bugey Sud',
      });
      await app.db.run(sql`UPDATE organisations SET region_code = '84'
        WHERE id = ANY(${[org.ar.id, org.ml.id, org.mlOrphan.id]}::uuid[])`);
      u.mlAdmin = await aUser(app.db, {
        name: 'Awa Diallo',
        memberOf: [{ organisationId: org.ml.id, role: 'admin' }],
      });
      u.cufAdmin = await aUser(app.db, { name: 'Claire Cuf', globalRole: 'network_admin', network: 'cuf' });
      u.cufStaff = await aUser(app.db, { name: 'Karim Cuf', memberOf: [{ organisationId: org.cuf.id }] });
      u.unmlAdmin = await aUser(app.db, {
        name: 'Ulysse Unml',
        globalRole: 'network_admin',
        network: 'unml',
      });
      u.arMember = await aUser(app.db, { name: 'Rose Région', memberOf: [{ organisationId: org.ar.id }] });
      u.epciMember = await aUser(app.db, {
        name: 'Élise Epci',
        memberOf: [{ organisationId: org.withMember.id, role: 'admin' }],
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    let toCommune = '';

    it('art. 3 : a request to an authority without member reaches CUF national staff (in-app, e-mail); the sender is told so', async () => {
      const { client, id, location } = await askByForm(
        org.commune,
        'Bonjour, un projet de mobilité des jeunes au Sénégal ?',
      );
      toCommune = id;
      const sent = await client.page(location);
      expect(sent.res.status).toBe(200);
      expect(sent.html).toContain(
        'Commune de Sans-Compte n’a pas encore de compte sur Passerelle : votre demande a été transmise à Cités Unies France',
      );
      expect(sent.html).toContain('Qui a reçu la demande');
      expect(sent.html).toContain('l’équipe du réseau (2) a reçu la demande');
      expect(sent.html).not.toContain('Votre demande a été envoyée. Vous serez prévenu');

      for (const staff of [u.cufAdmin, u.cufStaff]) {
        const n = await notificationsOf(staff.id);
        expect(n).toEqual([
          {
            kind: 'connection.relayed',
            title:
              'Mission Locale des Lettres demande une mise en relation à Commune de Sans-Compte, sans compte : à relayer',
            url: `/relais/${id}`,
          },
        ]);
        const [mail] = await mailsTo(staff.email);
        expect(mail.subject).toBe(
          'Demande de mise en relation à relayer : Commune de Sans-Compte (Passerelle)',
        );
        expect(mail.text_body).toContain('Bonjour, un projet de mobilité des jeunes au Sénégal ?');
        expect(mail.text_body).toContain(`http://passerelle.test/relais/${id}`);
        expect(mail.text_body).toContain('(art. 3)');
        expect(mail.text_body).toContain('Se désabonner : http://passerelle.test/desabonnement/');
      }
      // The other network hears nothing of it.
      expect(await notificationsOf(u.unmlAdmin.id)).toEqual([]);
      expect(await notificationsOf(u.arMember.id)).toEqual([]);

      const { status, body } = await apiGet(u.mlAdmin.id, `/api/v1/connections/${id}`);
      expect(status).toBe(200);
      expect(body.status).toBe('pending');
      expect(body.deliveredTo).toEqual([
        {
          kind: 'network_staff',
          organisationId: org.cuf.id,
          organisationName: 'Cités Unies France',
          via: 'relay',
          recipients: 2,
          at: T0.toISOString(),
        },
      ]);
      const history = await app.db.many<{ kind: string; actor_label: string }>(
        sql`SELECT kind, actor_label FROM connection_events WHERE connection_id = ${id} ORDER BY at, id`,
      );
      expect(history.map((h) => h.kind)).toEqual(['requested', 'relayed']);
      expect(history[1].actor_label).toBe('Cités Unies France');
    });

    it('a request to an organisation with members is delivered to them, not relayed', async () => {
      const client = await app.as(u.mlAdmin.id);
      const res = await client.json('POST', '/api/v1/connections', {
        requesterId: org.ml.id,
        receiverId: org.withMember.id,
        message: 'Bonjour, parlons ECSI ensemble.',
      });
      expect(res.status).toBe(201);
      const { body } = await apiGet(u.mlAdmin.id, `/api/v1/connections/${(await res.json()).id}`);
      expect(body.deliveredTo).toEqual([
        expect.objectContaining({
          kind: 'member',
          organisationId: org.withMember.id,
          via: 'members',
          recipients: 1,
        }),
      ]);
      expect(await notificationsOf(u.cufAdmin.id)).toHaveLength(1); // still only the first relay
    });

    it('art. 3 : a Mission Locale without member reaches UNML and the regional association of its région', async () => {
      const client = await app.as(u.epciMember.id);
      const res = await client.json('POST', '/api/v1/connections', {
        requesterId: org.withMember.id,
        receiverId: org.mlOrphan.id,
        message: 'Bonjour, nous cherchons une Mission Locale pour un chantier international.',
      });
      expect(res.status).toBe(201);
      const id = (await res.json()).id;
      const { body } = await apiGet(u.epciMember.id, `/api/v1/connections/${id}`);
      expect(body.deliveredTo.map((d: any) => [d.kind, d.organisationId, d.recipients])).toEqual([
        ['network_staff', org.unml.id, 1],
        ['network_staff', org.ar.id, 1],
      ]);
      expect((await notificationsOf(u.arMember.id)).map((n) => n.url)).toEqual([`/relais/${id}`]);
      expect((await mailsTo(u.unmlAdmin.email)).map((m) => m.subject)).toEqual([
        'Demande de mise en relation à relayer : Mission Locale du Bugey (Passerelle)',
      ]);
      // Each network sees its own relays; a person outside the networks sees none.
      const unml = await apiGet(u.unmlAdmin.id, '/api/v1/relays');
      expect(unml.body.items.map((i: any) => i.id)).toEqual([id]);
      const ar = await apiGet(u.arMember.id, '/api/v1/relays');
      expect(ar.body).toMatchObject({ count: 1, items: [{ id, network: org.ar.name }] });
      const cuf = await apiGet(u.cufAdmin.id, '/api/v1/relays');
      expect(cuf.body).toMatchObject({
        count: 1,
        items: [{ id: toCommune, receiver: { id: org.commune.id } }],
      });
      expect((await (await app.as(u.mlAdmin.id)).get('/api/v1/relays')).status).toBe(403);
    });

    it('the organisation page shows the open request instead of a second one; the form too; a second request is refused with a way back', async () => {
      const client = await app.as(u.mlAdmin.id);
      const page = await client.page(`/organisations/${org.commune.id}`);
      expect(page.html).toContain(`href="/mises-en-relation/${toCommune}"`);
      expect(page.html).toContain('Demande de mise en relation en attente depuis le 4 mai 2026');
      expect(page.html).not.toContain(`mises-en-relation/nouvelle?vers=${org.commune.id}`);
      // Another authority without request still offers it.
      const other = await client.page(`/organisations/${org.commune2.id}`);
      expect(other.html).toContain(`mises-en-relation/nouvelle?vers=${org.commune2.id}`);

      const form = await client.page(
        `/organisations/${org.ml.id}/mises-en-relation/nouvelle?vers=${org.commune.id}`,
      );
      expect(form.html).toContain('est déjà en attente depuis le 4 mai 2026');
      expect(form.html).toContain(`href="/mises-en-relation/${toCommune}"`);
      expect(form.html).not.toContain('name="message"');
      const again = await client.postForm(`/organisations/${org.ml.id}/mises-en-relation/nouvelle`, {
        receiverId: org.commune.id,
        message: 'Bonjour, une deuxième fois ?',
      });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain(`href="/mises-en-relation/${toCommune}"`);
      expect(
        Number(
          (
            await app.db.one<{ n: number }>(
              sql`SELECT count(*)::int AS n FROM connections WHERE receiver_id = ${org.commune.id}`,
            )
          ).n,
        ),
      ).toBe(1);
    });

    let answerLink = '';

    it('CUF staff forward the request to a contact: personal answer link by e-mail, recorded, no address shown to the sender', async () => {
      const staff = await app.as(u.cufStaff.id);
      const list = await staff.page('/relais');
      expect(list.res.status).toBe(200);
      expect(list.html).toContain(`href="/relais/${toCommune}"`);
      expect(list.html).toContain('À transmettre');
      const relay = await staff.page(`/relais/${toCommune}`);
      expect(relay.html).toContain('Bonjour, un projet de mobilité des jeunes au Sénégal ?');

      const bad = await staff.postForm(`/relais/${toCommune}/transmettre`, { email: 'pas-une-adresse' });
      expect(bad.status).toBe(422);
      const badHtml = await bad.text();
      expect(badHtml).toContain('Indiquez une adresse e-mail valide');
      expect(badHtml).toContain('href="#champ-email"');

      const res = await staff.postForm(`/relais/${toCommune}/transmettre`, {
        email: 'Secretariat@Sans-Compte.example',
        name: 'Martine Secrétariat',
        note: 'Le maire est intéressé par la mobilité des jeunes.',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(
        `/relais/${toCommune}?transmise=secretariat%40sans-compte.example`,
      );
      const done = await staff.page(res.headers.get('location')!);
      expect(done.html).toContain('La demande a été transmise à secretariat@sans-compte.example.');

      const [mail] = await mailsTo('secretariat@sans-compte.example');
      expect(mail.subject).toBe(
        'Mission Locale des Lettres souhaite entrer en contact avec vous (Passerelle)',
      );
      expect(mail.text_body).toContain('Bonjour Martine Secrétariat,');
      expect(mail.text_body).toContain('Karim Cuf (Cités Unies France) vous transmet une demande');
      expect(mail.text_body).toContain('Son mot : Le maire est intéressé par la mobilité des jeunes.');
      answerLink = /\/mise-en-relation\/reponse\/[\w-]+/.exec(mail.text_body)![0];

      const { body } = await apiGet(u.mlAdmin.id, `/api/v1/connections/${toCommune}`);
      expect(body.deliveredTo.map((d: any) => [d.kind, d.organisationId, d.via])).toEqual([
        ['network_staff', org.cuf.id, 'relay'],
        ['invited_contact', org.commune.id, 'forward'],
      ]);
      expect(JSON.stringify(body)).not.toContain('secretariat@');
      const sender = await (await app.as(u.mlAdmin.id)).page(`/mises-en-relation/${toCommune}`);
      expect(sender.html).toContain(
        'Un contact de Commune de Sans-Compte, par e-mail avec un lien pour répondre',
      );
      expect(sender.html).not.toContain('secretariat@');
      expect(sender.html).toContain(
        'Demande transmise à un contact par e-mail — Karim Cuf (Cités Unies France)',
      );
      // Handled: no longer counted as to do, still listed while pending.
      const cuf = await apiGet(u.cufAdmin.id, '/api/v1/relays');
      expect(cuf.body).toMatchObject({ count: 0, items: [{ id: toCommune, contacts: 1 }] });
      // Staff of another network may not pass it on.
      const stranger = await app.as(u.unmlAdmin.id);
      await stranger.page('/');
      expect(
        (await stranger.postForm(`/relais/${toCommune}/transmettre`, { email: 'x@y.example' })).status,
      ).toBe(403);
    });

    it('the contact answers through the forwarded link; passing it on afterwards is refused with a way back', async () => {
      const visitor = app.anonymous();
      const page = await visitor.page(answerLink);
      expect(page.res.status).toBe(200);
      const res = await visitor.postForm(`${answerLink}?action=accept`, { name: 'Martine Secrétariat' });
      expect(res.status).toBe(200);
      const row = await app.db.one<{ status: string; answered_by_email: string }>(
        sql`SELECT status, answered_by_email FROM connections WHERE id = ${toCommune}`,
      );
      expect(row).toEqual({ status: 'accepted', answered_by_email: 'secretariat@sans-compte.example' });
      expect((await notificationsOf(u.mlAdmin.id)).map((n) => n.title)).toContain(
        'Commune de Sans-Compte a accepté votre demande de mise en relation',
      );

      const staff = await app.as(u.cufStaff.id);
      const relay = await staff.page(`/relais/${toCommune}`);
      expect(relay.html).toContain('n’est plus en attente');
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await staff.page('/relais')).html)![1];
      // Refused (409): the page leads back where the person came from (same origin only)…
      const refused = await staff.request(`/relais/${toCommune}/inviter`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, email: 'maire@sans-compte.example' }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          referer: `http://passerelle.test/relais/${toCommune}`,
        },
      });
      expect(refused.status).toBe(409);
      const html = await refused.text();
      expect(html).toContain('Action impossible');
      expect(html).toContain(
        `<a class="button" href="/relais/${toCommune}">Revenir à la page précédente</a>`,
      );
      // …never to another site; without a usable referrer, to the resource the action was about.
      const foreign = await staff.request(`/relais/${toCommune}/inviter`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, email: 'maire@sans-compte.example' }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          referer: 'https://ailleurs.example/piege',
        },
      });
      const foreignHtml = await foreign.text();
      expect(foreignHtml).not.toContain('ailleurs.example');
      expect(foreignHtml).toContain(
        `<a class="button" href="/relais/${toCommune}">Revenir à la page concernée</a>`,
      );
      expect(await mailsTo('maire@sans-compte.example')).toEqual([]);
    });

    it('art. 3 : CUF invites a person to join: the invitation claims the organisation, then its new member answers', async () => {
      const { id } = await askByForm(org.commune2, 'Bonjour, un échange de jeunes avec Belley ?');
      const cuf = await app.as(u.cufAdmin.id);
      const res = await cuf.json('POST', `/api/v1/connections/${id}/invite`, {
        email: 'maire@belley.example',
        name: 'Jean Maire',
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.deliveredTo.map((d: any) => [d.kind, d.via])).toEqual([
        ['network_staff', 'relay'],
        ['invited_contact', 'invitation'],
      ]);
      const [mail] = await mailsTo('maire@belley.example');
      expect(mail.category).toBe('transactional');
      expect(mail.text_body).toContain('Claire Cuf (Cités Unies France) vous invite à rejoindre Passerelle');
      expect(mail.text_body).toMatch(/\/mise-en-relation\/reponse\/[\w-]+/);
      const invitation = /\/invitation\/[\w-]+/.exec(mail.text_body)![0];

      // The person claims the organisation: a new account, administrator of the commune.
      const person: TestClient = app.anonymous();
      const inv = await person.page(invitation);
      expect(inv.res.status).toBe(200);
      expect(inv.html).toContain('Commune de Belley');
      const joined = await person.postForm(invitation, {
        name: 'Jean Maire',
        password: 'Un-mot-de-passe-solide-42',
        confirm: 'Un-mot-de-passe-solide-42',
      });
      expect(joined.status).toBe(303);
      const member = await app.db.one<{
        role: string;
      }>(sql`SELECT m.role FROM memberships m JOIN users x ON x.id = m.user_id
        WHERE x.email = 'maire@belley.example' AND m.organisation_id = ${org.commune2.id}`);
      expect(member.role).toBe('admin');

      // …and answers from the request's page.
      const detail = await person.page(`/mises-en-relation/${id}`);
      expect(detail.res.status).toBe(200);
      expect(detail.html).toContain(`/mises-en-relation/${id}/accepter`);
      const accepted = await person.postForm(`/mises-en-relation/${id}/accepter`);
      expect(accepted.status).toBe(303);
      const after = await app.db.one<{ status: string; answered_by_name: string }>(
        sql`SELECT status, answered_by_name FROM connections WHERE id = ${id}`,
      );
      expect(after).toEqual({ status: 'accepted', answered_by_name: 'Jean Maire' });
      // The API names the field of a bad address, in French; nothing is sent.
      const id2 = (
        await app.db.one<{ id: string }>(
          sql`SELECT connection_id AS id FROM connection_deliveries WHERE organisation_id = ${org.unml.id} LIMIT 1`,
        )
      ).id;
      const unml = await app.as(u.unmlAdmin.id);
      const notMail = await unml.json('POST', `/api/v1/connections/${id2}/forward`, { email: 'non' });
      expect(notMail.status).toBe(422);
      expect((await notMail.json()).error.fields.email).toMatch(/adresse e-mail valide/);
    });

    it('the sweep relays open requests that reached nobody on record, once', async () => {
      const insert = async (receiver: Org) =>
        (
          await app.db.one<{
            id: string;
          }>(sql`INSERT INTO connections (requester_id, receiver_id, requested_by_name,
            requested_by_email, message, created_at, expires_at)
          VALUES (${org.ml.id}, ${receiver.id}, 'Awa Diallo', ${u.mlAdmin.email}, 'Demande d’avant les relais.', ${T0},
            ${new Date(T0.getTime() + 30 * 86_400_000)}) RETURNING id`)
        ).id;
      const lost = await insert(
        await anOrganisation(app.db, {
          kind: 'local_authority',
          level: 'departement',
          name: 'Département oublié',
        }),
      );
      const toMembers = await insert(
        await (async () => {
          const o = await anOrganisation(app.db, {
            kind: 'local_authority',
            level: 'region',
            name: 'Région avec membre',
          });
          await aUser(app.db, { memberOf: [{ organisationId: o.id }] });
          return o;
        })(),
      );
      expect(await relayUndelivered(app.deps)).toBe(1);
      expect(await relayUndelivered(app.deps)).toBe(0);
      const kinds = async (id: string) =>
        (await apiGet(u.mlAdmin.id, `/api/v1/connections/${id}`)).body.deliveredTo.map((d: any) => d.kind);
      expect(await kinds(lost)).toEqual(['network_staff']);
      expect(await kinds(toMembers)).toEqual(['member']);
      // Every open request now says who it reached.
      const empty = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM connections c
        WHERE c.status = 'pending' AND NOT EXISTS (SELECT 1 FROM connection_deliveries d WHERE d.connection_id = c.id)`);
      expect(Number(empty.n)).toBe(0);
    });
  });
}

describe('relay e-mail through a real SMTP server', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Passerelle <ne-pas-repondre@passerelle.test>' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('CUF staff receive the relay, and the contact the forwarded answer link that works', async () => {
    const ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de la Dombes' });
    const commune = await anOrganisation(app.db, {
      kind: 'local_authority',
      level: 'commune',
      name: 'Commune de Trévoux',
    });
    const asker = await aUser(app.db, { memberOf: [{ organisationId: ml.id }] });
    const staff = await aUser(app.db, { name: 'Claire Cuf', globalRole: 'network_admin', network: 'cuf' });
    const client = await app.as(asker.id);
    const res = await client.json('POST', '/api/v1/connections', {
      requesterId: ml.id,
      receiverId: commune.id,
      message: 'Bonjour, un projet ECSI à Trévoux ?',
    });
    expect(res.status).toBe(201);
    const id = (await res.json()).id;
    expect(await app.runJobs()).toMatchObject({ failed: 0 });
    const [relay] = await smtp.waitFor(1);
    expect(relay.to).toEqual([staff.email]);
    const text = decodeQuotedPrintable(relay.raw);
    expect(text).toContain(`http://passerelle.test/relais/${id}`);
    expect(text).toContain('Bonjour, un projet ECSI à Trévoux ?');

    const cuf = await app.as(staff.id);
    expect(
      (await cuf.json('POST', `/api/v1/connections/${id}/forward`, { email: 'mairie@trevoux.example' }))
        .status,
    ).toBe(200);
    expect(await app.runJobs()).toMatchObject({ failed: 0 });
    const mails = await smtp.waitFor(2);
    const forwarded = mails.find((m) => m.to.includes('mairie@trevoux.example'))!;
    const link = /\/mise-en-relation\/reponse\/[\w-]+/.exec(decodeQuotedPrintable(forwarded.raw))![0];
    const visitor = app.anonymous();
    expect((await visitor.page(link)).res.status).toBe(200);
    const declined = await visitor.postForm(`${link}?action=decline`, { reason: 'Pas cette année.' });
    expect(declined.status).toBe(200);
    const row = await app.db.one<{ status: string }>(sql`SELECT status FROM connections WHERE id = ${id}`);
    expect(row.status).toBe('declined');
  });
});

/** The text of a raw message, quoted-printable soft breaks and escapes undone. */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const m = /^=([0-9A-F]{2})/.exec(joined.slice(i, i + 3));
    if (m) {
      bytes.push(Number.parseInt(m[1], 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
