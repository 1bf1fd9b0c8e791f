import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { sql } from '../../db/sql.js';
import { listUnsubscribeToken } from './newsletter-token.js';

/** Art. 3 : newsletters — double opt-in, per-list one-click unsubscribe (RFC 8058). */
for (const kind of DB_KINDS) {
  describe(`newsletter subscriptions (${kind})`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-04-01T09:00:00Z');
    });
    afterAll(() => app?.close());

    const statusOf = async (email: string) =>
      (
        await app.db.many<{ list_key: string; status: string }>(
          sql`SELECT list_key, status FROM newsletter_subscriptions WHERE email = ${email} ORDER BY list_key`,
        )
      ).map((r) => `${r.list_key}=${r.status}`);

    it('double opt-in: nothing is active until the link in the e-mail is confirmed by a POST', async () => {
      const anon = app.anonymous();
      await anon.page('/lettres');
      const bad = await anon.postForm('/lettres', { email: 'pas-une-adresse' });
      expect(bad.status).toBe(422);
      const html = await bad.text();
      expect(html).toContain('Indiquez une adresse e-mail valide');
      expect(html).toContain('Choisissez au moins une lettre.');
      const unknown = await anon.postForm('/lettres', { email: 'awa@exemple.fr', lists: 'theme:inconnu' });
      expect(unknown.status).toBe(422);
      expect(await unknown.text()).toContain('Lettre inconnue : theme:inconnu.');

      const theme = (
        await app.db.one<{ code: string }>(sql`SELECT code FROM themes ORDER BY position LIMIT 1`)
      ).code;
      const res = await anon.postForm('/lettres', {
        email: 'Awa@Exemple.fr',
        lists: ['national', `theme:${theme}`],
      });
      expect(res.status).toBe(303);
      expect(await statusOf('awa@exemple.fr')).toEqual(['national=pending', `theme:${theme}=pending`]);
      const mail = await app.db.one<{ text_body: string; subject: string }>(
        sql`SELECT text_body, subject FROM mail_outbox WHERE to_address = 'awa@exemple.fr'`,
      );
      expect(mail.subject).toContain('Confirmez');
      const link = /\/lettres\/confirmer\/[\w-]+/.exec(mail.text_body)![0];
      // Opening the link (or a mail scanner prefetching it) changes nothing.
      const page = await anon.page(link);
      expect(page.html).toContain('Confirmer mon inscription');
      expect(await statusOf('awa@exemple.fr')).toEqual(['national=pending', `theme:${theme}=pending`]);
      const done = await anon.postForm(link);
      expect(await done.text()).toContain('Votre inscription est confirmée');
      expect(await statusOf('awa@exemple.fr')).toEqual(['national=active', `theme:${theme}=active`]);
      // The link works once.
      expect(await (await anon.postForm(link)).text()).toContain('n’est plus valable');
      // Subscribing again to an active list sends nothing.
      await anon.postForm('/lettres', { email: 'awa@exemple.fr', lists: 'national' });
      expect(
        (
          await app.db.one<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = 'awa@exemple.fr'`,
          )
        ).n,
      ).toBe(1);
    });

    it('RFC 8058 : one-click unsubscribe is a POST without cookie nor CSRF token, for one list only', async () => {
      const token = listUnsubscribeToken(app.deps.config.SESSION_SECRET, 'awa@exemple.fr', 'national');
      const res = await app.app.request(`http://passerelle.test/lettres/desabonnement/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('vous ne recevrez plus cette lettre');
      const rows = await statusOf('awa@exemple.fr');
      expect(rows[0]).toBe('national=unsubscribed');
      expect(rows[1]).toMatch(/^theme:.*=active$/);
      // A forged token is refused and changes nothing.
      const forged = await app.app.request(
        `http://passerelle.test/lettres/desabonnement/${token.slice(0, -2)}xx`,
        { method: 'POST' },
      );
      expect(await forged.text()).toContain('n’est pas valable');
      expect((await statusOf('awa@exemple.fr'))[1]).toMatch(/=active$/);
      const log = await app.db.many<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE entity_id = 'awa@exemple.fr' ORDER BY id`,
      );
      expect(log.map((l) => l.action)).toEqual([
        'newsletter.subscribe',
        'newsletter.confirm',
        'newsletter.unsubscribe',
      ]);
    });
  });
}
