import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

describe.each(DB_KINDS)('password reset by e-mail link (%s)', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ kind });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function requestReset(email: string) {
    const client = app.anonymous();
    await client.page('/mot-de-passe-oublie');
    return client.postForm('/mot-de-passe-oublie', { email });
  }
  async function lastLink(to: string): Promise<string> {
    const mail = await app.db.one<{ text_body: string; subject: string }>(
      sql`SELECT text_body, subject FROM mail_outbox WHERE to_address = ${to} ORDER BY created_at DESC LIMIT 1`,
    );
    const m = /http:\/\/passerelle\.test(\/reinitialiser-mot-de-passe\/[\w-]+)/.exec(mail.text_body);
    expect(m, mail.text_body).not.toBeNull();
    return m![1];
  }

  it('works end to end: request, e-mail, new password, old sessions ended, sign-in with the new one', async () => {
    const user = await aUser(app.db, { name: 'Hugo Bernard' });
    const oldSession = await app.as(user.id);
    await app.db.run(sql`UPDATE users SET failed_logins = 3 WHERE id = ${user.id}`);

    const res = await requestReset(user.email);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Si un compte existe pour ${user.email}`);
    const mail = await app.db.one<{ subject: string; text_body: string; category: string }>(
      sql`SELECT subject, text_body, category FROM mail_outbox WHERE to_address = ${user.email}`,
    );
    expect(mail.subject).toBe('Passerelle : choisir un nouveau mot de passe');
    expect(mail.text_body).toContain('Bonjour Hugo Bernard');
    expect(mail.category).toBe('transactional');
    const path = await lastLink(user.email);
    // Only the hash of the token is stored.
    const token = path.split('/').pop()!;
    const stored = await app.db.one<{ token_hash: string; expires_at: Date; created_at: Date }>(
      sql`SELECT token_hash, expires_at, created_at FROM email_tokens WHERE user_id = ${user.id} AND purpose = 'password_reset'`,
    );
    expect(stored.token_hash).not.toContain(token);
    expect(new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()).toBe(3600_000);
    // The mail job runs (kept in the outbox without SMTP).
    expect((await app.runJobs()).done).toBeGreaterThanOrEqual(1);

    const client = app.anonymous();
    const form = await client.page(path);
    expect(form.res.status).toBe(200);
    expect(form.res.headers.get('cache-control')).toBe('no-store');
    expect(form.html).toContain(user.email);

    // The policy applies, with the field named; nothing changes.
    const weak = await client.postForm(path, { password: 'azertyuiop123', confirm: 'azertyuiop123' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('trop courant');
    const mismatch = await client.postForm(path, {
      password: 'Une-phrase-bien-longue',
      confirm: 'Autre-chose-encore',
    });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('ne sont pas identiques');

    const done = await client.postForm(path, {
      password: 'Une-phrase-bien-longue',
      confirm: 'Une-phrase-bien-longue',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/connexion?reinitialise=1');
    expect((await oldSession.get('/compte')).status).toBe(302);
    const u = await app.db.one<{ failed_logins: number }>(
      sql`SELECT failed_logins FROM users WHERE id = ${user.id}`,
    );
    expect(u.failed_logins).toBe(0);
    expect(
      await app.db.many(
        sql`SELECT 1 FROM audit_log WHERE action = 'user.password_reset' AND entity_id = ${user.id}`,
      ),
    ).toHaveLength(1);

    // The old password no longer works; the new one does.
    const signIn = app.anonymous();
    await signIn.page('/connexion');
    expect((await signIn.postForm('/connexion', { email: user.email, password: user.password })).status).toBe(
      422,
    );
    expect(
      (await signIn.postForm('/connexion', { email: user.email, password: 'Une-phrase-bien-longue' })).status,
    ).toBe(303);

    // The link served once: 410 afterwards, for GET and POST.
    expect((await app.anonymous().get(path)).status).toBe(410);
    const again = app.anonymous();
    await again.page('/connexion');
    const reuse = await again.postForm(path, {
      password: 'Encore-une-autre-phrase',
      confirm: 'Encore-une-autre-phrase',
    });
    expect(reuse.status).toBe(410);
    expect(await reuse.text()).toContain('Demander un nouveau lien');
  });

  it('answers the same whether or not the account exists, and sends nothing for an unknown address', async () => {
    const known = await aUser(app.db, {});
    const a = await requestReset(known.email);
    const b = await requestReset('inconnu@exemple.fr');
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const norm = (h: string, email: string) => h.replaceAll(email, 'X').replace(/value="[^"]*"/g, '');
    expect(norm(await a.text(), known.email)).toBe(norm(await b.text(), 'inconnu@exemple.fr'));
    expect(
      await app.db.many(sql`SELECT 1 FROM mail_outbox WHERE to_address = 'inconnu@exemple.fr'`),
    ).toHaveLength(0);
    expect(await app.db.many(sql`SELECT 1 FROM mail_outbox WHERE to_address = ${known.email}`)).toHaveLength(
      1,
    );
  });

  it('refuses an expired link with 410 (one hour)', async () => {
    const user = await aUser(app.db, {});
    app.setNow('2026-05-01T10:00:00Z');
    try {
      await requestReset(user.email);
      const path = await lastLink(user.email);
      app.setNow('2026-05-01T10:59:00Z');
      expect((await app.anonymous().get(path)).status).toBe(200);
      app.setNow('2026-05-01T11:00:01Z');
      expect((await app.anonymous().get(path)).status).toBe(410);
      expect(
        (await app.anonymous().get('/reinitialiser-mot-de-passe/pas-un-vrai-jeton-du-tout')).status,
      ).toBe(410);
    } finally {
      app.setNow(new Date());
    }
  });

  it('names the field when the address is malformed (422), and limits requests (429)', async () => {
    const bad = await requestReset('pas-une-adresse');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Indiquez une adresse e-mail valide');
    app.setNow('2026-06-01T10:00:00Z');
    try {
      for (let i = 0; i < 10; i++) expect((await requestReset('limite@exemple.fr')).status).toBe(200);
      const r = await requestReset('limite@exemple.fr');
      expect(r.status).toBe(429);
      expect(await r.text()).toContain('Trop de demandes');
    } finally {
      app.setNow(new Date());
    }
  });
});
