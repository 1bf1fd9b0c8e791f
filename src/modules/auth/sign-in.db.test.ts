import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { sha256 } from '../../lib/crypto.js';

async function submitSignIn(
  client: TestClient,
  email: string,
  password: string,
  extra: Record<string, string> = {},
) {
  await client.page('/connexion');
  return client.postForm('/connexion', { email, password, ...extra });
}
const sessionCookie = (res: Response) =>
  res.headers.getSetCookie().find((c) => c.startsWith('passerelle_session='));

describe.each(DB_KINDS)('sign-in with e-mail and password (%s)', (kind) => {
  let app: TestApp;
  let user: UserFixture;

  beforeAll(async () => {
    app = await createTestApp({ kind });
    const org = await anOrganisation(app.db, { name: 'Mission Locale de Lyon' });
    user = await aUser(app.db, {
      name: 'Inès Martin',
      memberOf: [{ organisationId: org.id, role: 'admin' }],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows a bilingual sign-in page, without the ProConnect link when it is off', async () => {
    const fr = await app.anonymous().page('/connexion');
    expect(fr.res.status).toBe(200);
    expect(fr.html).toContain('Se connecter');
    expect(fr.html).toContain('name="_csrf"');
    expect(fr.html).toContain('hreflang="en"');
    expect(fr.html).not.toContain('/connexion/proconnect');
    expect(fr.html).not.toContain('Comptes de démonstration');
    const en = await app.anonymous().page('/connexion?lang=en');
    expect(en.html).toContain('Sign in with the e-mail address');
    expect(en.html).toContain('action="/connexion?lang=en"');
  });

  it('opens a new session with a fresh id and a HttpOnly, SameSite=Lax, Path=/ cookie', async () => {
    const client = app.anonymous();
    const res = await submitSignIn(client, user.email.toUpperCase(), user.password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const token = cookie.split(';')[0].split('=')[1];
    const row = await app.db.one<{ user_id: string; data: { method: string } }>(
      sql`SELECT user_id, data FROM sessions WHERE id_hash = ${sha256(token)}`,
    );
    expect(row.user_id).toBe(user.id);
    const account = await client.get('/compte');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('Inès Martin');
    const u = await app.db.one<{ last_login_at: Date | null }>(
      sql`SELECT last_login_at FROM users WHERE id = ${user.id}`,
    );
    expect(u.last_login_at).not.toBeNull();
  });

  it('gives a new session id at every sign-in and ends the previous session of the browser', async () => {
    const client = await app.as(user.id);
    const before = client.cookieHeader().match(/passerelle_session=([^;]+)/)![1];
    await client.page('/connexion?suite=/compte'); // signed in: redirected, keeps the old token for the form
    const res = await client.postForm('/connexion', { email: user.email, password: user.password });
    expect(res.status).toBe(303);
    const after = sessionCookie(res)!.split(';')[0].split('=')[1];
    expect(after).not.toBe(before);
    expect(await app.db.maybeOne(sql`SELECT 1 FROM sessions WHERE id_hash = ${sha256(before)}`)).toBeNull();
    expect(
      await app.db.maybeOne(sql`SELECT 1 FROM sessions WHERE id_hash = ${sha256(after)}`),
    ).not.toBeNull();
  });

  it('marks the cookie Secure when the site is served over https, and shows ProConnect when enabled', async () => {
    const secure = await createTestApp({
      kind,
      env: {
        BASE_URL: 'https://passerelle.example',
        PROCONNECT_ENABLED: 'true',
        PROCONNECT_ISSUER: 'http://127.0.0.1:1/',
        PROCONNECT_CLIENT_ID: 'x',
        PROCONNECT_CLIENT_SECRET: 'y',
        DEMO: 'true',
      },
    });
    try {
      const u = await aUser(secure.db, {});
      const client = secure.anonymous();
      const { html } = await client.page('/connexion?suite=/compte');
      expect(html).toContain('S’identifier avec ProConnect');
      expect(html).toContain('href="/connexion/proconnect?suite=%2Fcompte"');
      // Demo mode lists the demo accounts on the sign-in page (never otherwise, see the first test).
      expect(html).toContain('Comptes de démonstration');
      expect(html).toContain('direction.ml@demo.passerelle.localhost');
      const res = await client.postForm('/connexion', { email: u.email, password: u.password });
      expect(sessionCookie(res)).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('goes back to ?suite= after sign-in, only to a local path', async () => {
    const a = await submitSignIn(app.anonymous(), user.email, user.password, {
      suite: '/compte?onglet=jetons',
    });
    expect(a.headers.get('location')).toBe('/compte?onglet=jetons');
    const b = await submitSignIn(app.anonymous(), user.email, user.password, { suite: '//evil.example/x' });
    expect(b.headers.get('location')).toBe('/');
    const c = await submitSignIn(app.anonymous(), user.email, user.password, {
      suite: 'https://evil.example/',
    });
    expect(c.headers.get('location')).toBe('/');
    // The unauthenticated redirect carries the page asked for, and the form keeps it.
    const page = await app.anonymous().get('/compte');
    expect(page.headers.get('location')).toBe('/connexion?suite=%2Fcompte');
    const { html } = await app.anonymous().page('/connexion?suite=%2Fcompte');
    expect(html).toContain('name="suite" value="/compte"');
  });

  it('answers the same for an unknown account and a wrong password', async () => {
    const unknown = await submitSignIn(app.anonymous(), 'personne@exemple.fr', 'Un-mot-de-passe-solide-42');
    const wrong = await submitSignIn(app.anonymous(), user.email, 'Pas-le-bon-mot-de-passe');
    expect(unknown.status).toBe(422);
    expect(wrong.status).toBe(422);
    const strip = (h: string) => h.replace(/value="[^"]*"/g, '');
    const [hu, hw] = [strip(await unknown.text()), strip(await wrong.text())];
    expect(hu).toContain('Adresse e-mail ou mot de passe incorrect');
    expect(hu).toBe(hw);
    expect(sessionCookie(unknown)).toBeUndefined();
    await app.db.run(sql`UPDATE users SET failed_logins = 0 WHERE id = ${user.id}`);
  });

  it('names the field when the form is incomplete', async () => {
    const res = await submitSignIn(app.anonymous(), 'pas-une-adresse', '');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Indiquez une adresse e-mail valide');
    expect(html).toContain('Indiquez votre mot de passe.');
  });

  it('refuses a sign-in form sent without its CSRF token (403)', async () => {
    const client = app.anonymous();
    await client.page('/connexion');
    const res = await client.postForm(
      '/connexion',
      { email: user.email, password: user.password },
      { csrf: null },
    );
    expect(res.status).toBe(403);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('locks the account for its address for 15 minutes after 5 consecutive failures, even against the right password', async () => {
    const victim = await aUser(app.db, {});
    app.setNow('2026-03-02T09:00:00Z');
    try {
      for (let i = 1; i <= 4; i++) {
        const r = await submitSignIn(app.anonymous(), victim.email, `Mauvais-mot-de-passe-${i}`);
        expect(r.status).toBe(422);
      }
      const fifth = await submitSignIn(app.anonymous(), victim.email, 'Mauvais-mot-de-passe-5');
      expect(fifth.status).toBe(423);
      expect(await fifth.text()).toContain('bloqué pendant 15 minutes');
      const row = await app.db.one<{ count: number }>(
        sql`SELECT count FROM rate_limits WHERE key = ${`sign_in_failed_account:${victim.id}:unknown`}`,
      );
      expect(row.count).toBe(5);
      const audit = await app.db.many(
        sql`SELECT 1 FROM audit_log WHERE action = 'user.locked' AND entity_id = ${victim.id}`,
      );
      expect(audit).toHaveLength(1);

      app.setNow('2026-03-02T09:14:00Z');
      const stillLocked = await submitSignIn(app.anonymous(), victim.email, victim.password);
      expect(stillLocked.status).toBe(423);
      expect(sessionCookie(stillLocked)).toBeUndefined();

      app.setNow('2026-03-02T09:15:01Z');
      const ok = await submitSignIn(app.anonymous(), victim.email, victim.password);
      expect(ok.status).toBe(303);
      const cleared = await app.db.one<{ failed_logins: number; locked_until: Date | null }>(
        sql`SELECT failed_logins, locked_until FROM users WHERE id = ${victim.id}`,
      );
      expect(cleared).toEqual({ failed_logins: 0, locked_until: null });
    } finally {
      app.setNow(new Date());
    }
  });

  it('limits failed sign-ins per e-mail when the IP is unknown: after 20 failures in 15 minutes, a 429', async () => {
    app.setNow('2026-03-03T10:00:00Z');
    try {
      const target = 'cible-limite@exemple.fr';
      for (let i = 0; i < 20; i++) {
        const r = await submitSignIn(app.anonymous(), target, 'Nimporte-quoi-123');
        expect(r.status).toBe(422);
      }
      const r = await submitSignIn(app.anonymous(), target, 'Nimporte-quoi-123');
      expect(r.status).toBe(429);
      expect(await r.text()).toContain('Trop de tentatives de connexion');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is not affected; the next window starts afresh.
      expect((await submitSignIn(app.anonymous(), 'autre@exemple.fr', 'Nimporte-quoi-123')).status).toBe(422);
      app.setNow('2026-03-03T10:15:00Z');
      expect((await submitSignIn(app.anonymous(), target, 'Nimporte-quoi-123')).status).toBe(422);
    } finally {
      app.setNow(new Date());
    }
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const { SESSION_IDLE_MINUTES: idle, SESSION_ABSOLUTE_HOURS: absolute } = app.deps.config;
    const t0 = new Date('2026-04-01T08:00:00Z');
    app.setNow(t0);
    try {
      const idleClient = await app.as(user.id);
      app.setNow(new Date(t0.getTime() + (idle - 1) * 60_000));
      expect((await idleClient.get('/compte')).status).toBe(200);
      // Activity moved last_seen_at: another idle period from there is fine, one more minute is not.
      const seen = t0.getTime() + (idle - 1) * 60_000;
      app.setNow(new Date(seen + idle * 60_000 + 1000));
      const expired = await idleClient.get('/compte');
      expect(expired.status).toBe(302);
      expect(expired.headers.get('location')).toBe('/connexion?suite=%2Fcompte');

      app.setNow(t0);
      const busy = await app.as(user.id);
      // Active every 30 minutes, yet cut off at the absolute limit.
      let at = t0.getTime();
      const end = t0.getTime() + absolute * 3600_000;
      while (at + 30 * 60_000 < end) {
        at += 30 * 60_000;
        app.setNow(new Date(at));
        expect((await busy.get('/compte')).status).toBe(200);
      }
      app.setNow(new Date(end + 1000));
      expect((await busy.get('/compte')).status).toBe(302);
    } finally {
      app.setNow(new Date());
    }
  });

  it('signs out: the session row is gone, the cookie is cleared, back to the home page', async () => {
    const client = await app.as(user.id);
    const token = client.cookieHeader().match(/passerelle_session=([^;]+)/)![1];
    await client.page('/compte');
    const res = await client.postForm('/deconnexion', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(sessionCookie(res)).toMatch(/Max-Age=0/);
    expect(await app.db.maybeOne(sql`SELECT 1 FROM sessions WHERE id_hash = ${sha256(token)}`)).toBeNull();
    expect((await client.get('/compte')).status).toBe(302);
  });

  it('signs out everywhere: every session of the account ends, not those of others', async () => {
    const other = await aUser(app.db, {});
    const otherClient = await app.as(other.id);
    const laptop = await app.as(user.id);
    const phone = await app.as(user.id);
    await laptop.page('/compte');
    const res = await laptop.postForm('/compte/deconnexion-partout', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/connexion?deconnecte=partout');
    expect((await phone.get('/compte')).status).toBe(302);
    expect((await laptop.get('/compte')).status).toBe(302);
    expect((await otherClient.get('/compte')).status).toBe(200);
    const n = await app.db.many(sql`SELECT 1 FROM sessions WHERE user_id = ${user.id}`);
    expect(n).toHaveLength(0);
    const { html } = await app.anonymous().page('/connexion?deconnecte=partout');
    expect(html).toContain('déconnecté de tous vos appareils');
  });
});
