import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { clientAddress } from './web.js';

describe('client address (TRUSTED_PROXIES)', () => {
  it('reads X-Forwarded-For only from a trusted proxy, from the right, skipping trusted hops', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', [])).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '198.51.100.1', ['127.0.0.1'])).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '198.51.100.1', ['127.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.1', ['127.0.0.1'])).toBe('198.51.100.1');
    // A forged left-most entry is ignored: the proxy appended the real address on the right.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 198.51.100.1', ['127.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', '198.51.100.1, 10.0.0.2', ['127.0.0.1', '10.0.0.2'])).toBe(
      '198.51.100.1',
    );
    expect(clientAddress('127.0.0.1', 'pas-une-adresse', ['127.0.0.1'])).toBe('127.0.0.1');
    expect(clientAddress(null, '198.51.100.1', ['127.0.0.1'])).toBeNull();
  });
});

/**
 * Sign-in limits over a real socket, behind a "proxy" (the test client on 127.0.0.1, trusted
 * by TRUSTED_PROXIES) that says who the client is in X-Forwarded-For.
 */
for (const kind of DB_KINDS) {
  describe(`sign-in limits count failures, per account and per address (${kind})`, () => {
    let app: TestApp;
    let base: string;
    let server: ReturnType<typeof serve>;
    const users: UserFixture[] = [];

    beforeAll(async () => {
      app = await createTestApp({ kind, env: { TRUSTED_PROXIES: '127.0.0.1,::1' } });
      app.setNow('2026-03-02T09:01:00Z'); // one 15-minute window for the whole file
      server = await new Promise((resolve) => {
        const s = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (let i = 0; i < 22; i++)
        users.push(await aUser(app.db, { email: `collegue-${i}-${kind}@bureau.example` }));
    }, 60_000);
    afterAll(async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await app?.close();
    });

    /** One sign-in through the form, as a browser at `from` would (CSRF cookie + field). */
    async function signIn(from: string, email: string, password: string) {
      const headers = { 'x-forwarded-for': from };
      const page = await fetch(`${base}/connexion`, { headers });
      const cookie = page.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
      const res = await fetch(`${base}/connexion`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded', origin: base },
        body: new URLSearchParams({ _csrf: csrf, email, password }),
      });
      await res.text();
      return res.status;
    }

    it('twenty-two colleagues of one office sign in from one address: none is refused', async () => {
      for (const u of users) expect(await signIn('198.51.100.10', u.email, u.password)).toBe(303);
      const counted = await app.db.many(sql`SELECT 1 FROM rate_limits WHERE key LIKE '%198.51.100.10%'`);
      expect(counted).toHaveLength(0);
    });

    it('five failures lock the account for that address only; its owner signs in from elsewhere', async () => {
      const victim = users[0];
      for (let i = 0; i < 4; i++)
        expect(await signIn('203.0.113.66', victim.email, `Mauvais-${i}-xxxxxxx`)).toBe(422);
      expect(await signIn('203.0.113.66', victim.email, 'Mauvais-5-xxxxxxx')).toBe(423);
      expect(await signIn('203.0.113.66', victim.email, victim.password)).toBe(423);
      expect(await signIn('198.51.100.10', victim.email, victim.password)).toBe(303);
    });

    it('flooding from one address blocks that address only (429), never the others', async () => {
      const attacker = '203.0.113.99';
      let statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push(await signIn(attacker, users[1 + (i % 20)].email, `Faux-${i}-xxxxxxx`));
      expect(statuses.filter((s) => s === 429)).toHaveLength(0);
      statuses = [await signIn(attacker, users[2].email, users[2].password)];
      expect(statuses).toEqual([429]);
      // Every targeted colleague still signs in from the office.
      for (const u of users.slice(1, 21))
        expect(await signIn('198.51.100.10', u.email, u.password)).toBe(303);
    });

    it('without TRUSTED_PROXIES the header is ignored: the socket address counts', async () => {
      const plain = await createTestApp({ kind, env: {}, db: app.db });
      plain.setNow('2026-03-02T09:01:00Z');
      const s2 = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const s = serve({ fetch: plain.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      try {
        const url = `http://127.0.0.1:${(s2.address() as AddressInfo).port}`;
        const page = await fetch(`${url}/connexion`, { headers: { 'x-forwarded-for': '192.0.2.1' } });
        const cookie = page.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
        await fetch(`${url}/connexion`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'x-forwarded-for': '192.0.2.1',
            cookie,
            'content-type': 'application/x-www-form-urlencoded',
            origin: url,
          },
          body: new URLSearchParams({ _csrf: csrf, email: users[3].email, password: 'Mauvais-mot-de-passe' }),
        });
        const keys = (
          await app.db.many<{ key: string }>(
            sql`SELECT key FROM rate_limits WHERE key LIKE 'sign_in_failed:ip:%'`,
          )
        ).map((r) => r.key);
        expect(keys).not.toContain('sign_in_failed:ip:192.0.2.1');
        expect(keys.some((k) => k === 'sign_in_failed:ip:127.0.0.1')).toBe(true);
      } finally {
        await new Promise<void>((r) => s2.close(() => r()));
      }
    });
  });
}
