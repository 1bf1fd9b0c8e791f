import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

describe.each(DB_KINDS)('colleague invitations and members (%s)', (kind) => {
  let app: TestApp;
  let org: OrgFixture;
  let admin: UserFixture;

  beforeAll(async () => {
    app = await createTestApp({ kind });
    org = await anOrganisation(app.db, { name: 'Mission Locale de Grenoble' });
    admin = await aUser(app.db, {
      name: 'Inès Directrice',
      memberOf: [{ organisationId: org.id, role: 'admin' }],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function invite(email: string, role = 'member') {
    const client = await app.as(admin.id);
    await client.page(`/organisations/${org.id}/membres`);
    return client.postForm(`/organisations/${org.id}/invitations`, { email, role });
  }
  async function invitationPath(to: string) {
    const mail = await app.db.one<{ text_body: string; subject: string }>(
      sql`SELECT text_body, subject FROM mail_outbox WHERE to_address = ${to} ORDER BY created_at DESC LIMIT 1`,
    );
    expect(mail.subject).toBe('Invitation à rejoindre Mission Locale de Grenoble sur Passerelle');
    return /http:\/\/passerelle\.test(\/invitation\/[\w-]+)/.exec(mail.text_body)![1];
  }

  it('a new person: invited, chooses name and password, is signed in as a member (audited)', async () => {
    const res = await invite('Nouvelle.Collegue@Exemple.fr', 'member');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/organisations/${org.id}/membres?invitation=nouvelle.collegue%40exemple.fr`,
    );
    const adminClient = await app.as(admin.id);
    const list = await (await adminClient.get(`/organisations/${org.id}/membres`)).text();
    expect(list).toContain('Invitations en attente');
    expect(list).toContain('nouvelle.collegue@exemple.fr');

    const path = await invitationPath('nouvelle.collegue@exemple.fr');
    const row = await app.db.one<{ expires_at: Date; created_at: Date; role: string }>(
      sql`SELECT expires_at, created_at, role FROM email_tokens WHERE purpose = 'invitation' AND email = 'nouvelle.collegue@exemple.fr'`,
    );
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(7 * 24 * 3600_000);

    const guest = app.anonymous();
    const page = await guest.page(path);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('Inès Directrice vous invite à rejoindre Mission Locale de Grenoble');
    expect(page.html).toContain('Créez votre compte');

    const weak = await guest.postForm(path, {
      name: 'Awa Diallo',
      password: 'nouvelle.collegue-2026',
      confirm: 'nouvelle.collegue-2026',
    });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('ne doit pas contenir votre adresse e-mail');
    const noName = await guest.postForm(path, {
      name: ' ',
      password: 'Une-phrase-assez-longue',
      confirm: 'Une-phrase-assez-longue',
    });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain('Indiquez votre nom');
    expect(
      await app.db.maybeOne(sql`SELECT 1 FROM users WHERE email = 'nouvelle.collegue@exemple.fr'`),
    ).toBeNull();

    const ok = await guest.postForm(path, {
      name: 'Awa Diallo',
      password: 'Une-phrase-assez-longue',
      confirm: 'Une-phrase-assez-longue',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/compte?bienvenue=1');
    const account = await (await guest.get('/compte?bienvenue=1')).text();
    expect(account).toContain('Awa Diallo');
    expect(account).toContain('Mission Locale de Grenoble');
    const m = await app.db.one<{
      role: string;
    }>(sql`SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE u.email = 'nouvelle.collegue@exemple.fr' AND m.organisation_id = ${org.id}`);
    expect(m.role).toBe('member');
    const actions = (
      await app.db.many<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE organisation_id = ${org.id} ORDER BY id`,
      )
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['membership.invite', 'membership.accept_invitation']));

    // Single use.
    expect((await app.anonymous().get(path)).status).toBe(410);
  });

  it('an existing account signs in first, then accepts; another account cannot', async () => {
    const existing = await aUser(app.db, { email: 'deja.inscrite@exemple.fr' });
    const stranger = await aUser(app.db, {});
    expect((await invite('deja.inscrite@exemple.fr', 'admin')).status).toBe(303);
    const path = await invitationPath('deja.inscrite@exemple.fr');

    const anon = await app.anonymous().page(path);
    expect(anon.html).toContain('connectez-vous pour accepter');
    expect(anon.html).toContain(`/connexion?suite=${encodeURIComponent(path)}`);

    const wrong = await app.as(stranger.id);
    await wrong.page(path);
    const refused = await wrong.postForm(path, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('cette invitation a été envoyée à deja.inscrite@exemple.fr');

    // Sign in through the form with ?suite=, back to the invitation, accept.
    const client = app.anonymous();
    await client.page(`/connexion?suite=${encodeURIComponent(path)}`);
    const signedIn = await client.postForm('/connexion', {
      email: existing.email,
      password: existing.password,
      suite: path,
    });
    expect(signedIn.headers.get('location')).toBe(path);
    const page = await client.page(path);
    expect(page.html).toContain('Accepter l’invitation');
    const accepted = await client.postForm(path, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/compte?invitation=acceptee');
    const m = await app.db.one<{ role: string }>(
      sql`SELECT role FROM memberships WHERE user_id = ${existing.id} AND organisation_id = ${org.id}`,
    );
    expect(m.role).toBe('admin');
  });

  it('refuses to invite someone already a member, naming the field', async () => {
    const res = await invite(admin.email);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('déjà membre');
    const bad = await invite('pas-une-adresse', 'chef');
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Indiquez une adresse e-mail valide');
    expect(html).toContain('Choisissez un rôle');
  });

  it('changes a role and removes a member, never the last admin (audited)', async () => {
    const colleague = await aUser(app.db, {
      name: 'Paul Conseiller',
      memberOf: [{ organisationId: org.id }],
    });
    const other = await anOrganisation(app.db, { name: 'Commune voisine' });
    const soleAdmin = await aUser(app.db, { memberOf: [{ organisationId: other.id, role: 'admin' }] });
    const client = await app.as(admin.id);
    const { html } = await client.page(`/organisations/${org.id}/membres`);
    expect(html).toContain('Paul Conseiller');

    const promote = await client.postForm(`/organisations/${org.id}/membres/${colleague.id}/role`, {
      role: 'admin',
    });
    expect(promote.status).toBe(303);
    const row = await app.db.one<{ role: string }>(
      sql`SELECT role FROM memberships WHERE user_id = ${colleague.id} AND organisation_id = ${org.id}`,
    );
    expect(row.role).toBe('admin');
    const audit = await app.db.one<{ before: { role: string }; after: { role: string } }>(
      sql`SELECT before, after FROM audit_log WHERE action = 'membership.role_change' AND entity_id = ${`${org.id}:${colleague.id}`}`,
    );
    expect([audit.before.role, audit.after.role]).toEqual(['member', 'admin']);

    const removed = await client.postForm(`/organisations/${org.id}/membres/${colleague.id}/retirer`, {});
    expect(removed.status).toBe(303);
    expect(
      await app.db.maybeOne(
        sql`SELECT 1 FROM memberships WHERE user_id = ${colleague.id} AND organisation_id = ${org.id}`,
      ),
    ).toBeNull();
    expect(
      await app.db.many(
        sql`SELECT 1 FROM audit_log WHERE action = 'membership.remove' AND organisation_id = ${org.id}`,
      ),
    ).toHaveLength(1);

    // The sole admin of the other organisation cannot be removed nor demoted.
    const own = await app.as(soleAdmin.id);
    await own.page(`/organisations/${other.id}/membres`);
    const removeLast = await own.postForm(`/organisations/${other.id}/membres/${soleAdmin.id}/retirer`, {});
    expect(removeLast.status).toBe(409);
    expect(await removeLast.text()).toContain('dernier administrateur');
    const demoteLast = await own.postForm(`/organisations/${other.id}/membres/${soleAdmin.id}/role`, {
      role: 'member',
    });
    expect(demoteLast.status).toBe(409);
    expect(
      await app.db.one(
        sql`SELECT role FROM memberships WHERE user_id = ${soleAdmin.id} AND organisation_id = ${other.id}`,
      ),
    ).toEqual({ role: 'admin' });

    // Someone who is not a member of the organisation: 404, nothing written.
    const notMember = await client.postForm(`/organisations/${org.id}/membres/${soleAdmin.id}/retirer`, {});
    expect(notMember.status).toBe(404);
  });

  it('an expired invitation is refused (410 after 7 days)', async () => {
    app.setNow('2026-07-01T08:00:00Z');
    try {
      await invite('tardive@exemple.fr');
      const path = await invitationPath('tardive@exemple.fr');
      app.setNow('2026-07-08T07:59:00Z');
      expect((await app.anonymous().get(path)).status).toBe(200);
      app.setNow('2026-07-08T08:00:01Z');
      const gone = await app.anonymous().get(path);
      expect(gone.status).toBe(410);
      expect(await gone.text()).toContain('inviter à nouveau');
    } finally {
      app.setNow(new Date());
    }
  });
});
