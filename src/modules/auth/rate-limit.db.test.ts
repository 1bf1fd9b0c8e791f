import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { cleanupAuthData } from './cleanup.js';

/**
 * The per-IP limit, with the socket address a Node server gives (getConnInfo reads
 * `env.incoming.socket.remoteAddress`), and the hourly cleanup.
 */
describe.each(DB_KINDS)('per-IP sign-in limit and cleanup (%s)', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ kind });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A visitor behind one IP address: keeps its CSRF cookie and token like a browser. */
  function visitor(ip: string) {
    const env = { incoming: { socket: { remoteAddress: ip, remotePort: 50000, remoteFamily: 'IPv4' } } };
    let cookie = '';
    let csrf = '';
    return {
      async signIn(email: string, password: string) {
        if (!csrf) {
          const page = await app.app.request('http://passerelle.test/connexion', {}, env);
          cookie = page.headers.getSetCookie()[0].split(';')[0];
          csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
        }
        return app.app.request(
          'http://passerelle.test/connexion',
          {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ _csrf: csrf, email, password }),
          },
          env,
        );
      },
    };
  }

  it('counts failed attempts per IP address whatever the e-mail: after 20 failures in 15 minutes, a 429', async () => {
    app.setNow('2026-03-05T10:00:00Z');
    try {
      const user = await aUser(app.db, {});
      const attacker = visitor('203.0.113.7');
      for (let i = 0; i < 20; i++) {
        expect((await attacker.signIn(`victime-${i}@exemple.fr`, 'Essai-de-mot-de-passe')).status).toBe(422);
      }
      const blocked = await attacker.signIn(user.email, user.password);
      expect(blocked.status).toBe(429);
      expect(await blocked.text()).toContain('Réessayez après le');
      // The right password does not get through either, and no session was opened.
      expect(blocked.headers.getSetCookie().some((c) => c.startsWith('passerelle_session='))).toBe(false);
      // Someone else, elsewhere, signs in normally.
      expect((await visitor('198.51.100.20').signIn(user.email, user.password)).status).toBe(303);
      const rows = await app.db.many<{ key: string; count: number }>(
        sql`SELECT key, count FROM rate_limits WHERE key LIKE 'sign_in_failed:ip:%' ORDER BY key`,
      );
      // Only failures count: the refused attempt and the other address's success do not.
      expect(rows).toEqual([{ key: 'sign_in_failed:ip:203.0.113.7', count: 20 }]);
    } finally {
      app.setNow(new Date());
    }
  });

  it('the hourly cleanup drops expired sessions, old rate-limit windows and long-expired links', async () => {
    const user = await aUser(app.db, {});
    app.setNow('2026-03-01T08:00:00Z');
    await app.as(user.id); // will be idle-expired
    app.setNow('2026-03-10T08:00:00Z');
    const live = await app.as(user.id);
    await app.db.run(sql`INSERT INTO email_tokens (purpose, token_hash, email, expires_at)
      VALUES ('password_reset', 'old-hash', ${user.email}, '2026-01-01T00:00:00Z'),
             ('password_reset', 'recent-hash', ${user.email}, '2026-03-09T00:00:00Z')`);
    const counts = await cleanupAuthData(app.deps);
    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    expect(counts.rateLimits).toBeGreaterThanOrEqual(1); // the windows of the test above (5 March)
    expect(counts.emailTokens).toBe(1);
    expect(await app.db.many(sql`SELECT 1 FROM rate_limits`)).toHaveLength(0);
    expect(await app.db.many(sql`SELECT token_hash FROM email_tokens WHERE email = ${user.email}`)).toEqual([
      { token_hash: 'recent-hash' },
    ]);
    expect((await live.get('/compte')).status).toBe(200);
    // Registered as a recurring job of the module.
    const { allSchedules, jobHandlers } = await import('../../jobs/worker.js');
    expect(allSchedules().some((s) => s.kind === 'auth.cleanup')).toBe(true);
    expect(jobHandlers(app.deps)['auth.cleanup']).toBeTypeOf('function');
    app.setNow(new Date());
  });
});
