import { createRoute, z } from '@hono/zod-openapi';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { sql } from '../src/db/sql.js';
import { AppError } from '../src/http/errors.js';
import { hmac } from '../src/lib/crypto.js';
import { createTestApp, type TestApp, type TestClient, testConfig } from './helpers/app.js';
import { DB_KINDS } from './helpers/db.js';

describe.each(DB_KINDS)('HTTP baseline on %s', (kind) => {
  let t: TestApp;
  const logged: any[] = [];

  beforeAll(async () => {
    t = await createTestApp({ kind, env: { BODY_LIMIT_KB: '16' } });
    t.deps.logger = pino({ level: 'error' }, { write: (s: string) => logged.push(JSON.parse(s)) });
    // Routes added for this test only (outside the registrar): they exercise the middleware chain.
    t.app.post('/__form', (c) => c.text('ok'));
    t.app.get('/__boom', () => {
      throw new Error('kaboom secret=hunter2');
    });
    t.app.openapi(
      createRoute({
        method: 'post',
        path: '/api/v1/__echo',
        request: {
          body: {
            content: {
              'application/json': { schema: z.object({ name: z.string().min(2), startsOn: z.iso.date() }) },
            },
          },
        },
        responses: { 200: { description: 'ok' } },
      }),
      (c) => c.json({ ok: true }, 200),
    );
    t.app.get('/api/v1/__conflict', () => {
      throw new AppError('conflict', 'Cette version n’est plus la dernière.');
    });
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz with the database kind', async () => {
    const h = await t.anonymous().get('/healthz');
    expect(await h.json()).toEqual({ status: 'ok' });
    const r = await t.anonymous().get('/readyz');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', database: kind, migrations: 'applied' });
  });

  it('publishes the OpenAPI 3.1 document of every API route, and the readable /api page', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const apiRoutes = t.routes.filter((r) => r.kind === 'api' && r.path.startsWith('/api/v1/'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const r of apiRoutes) {
      const p = r.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${p} in openapi.json`).toBeDefined();
    }
    const page = await (await t.anonymous().get('/api')).text();
    expect(page).toContain('/api/v1/agreements');
  });

  it('re-running the migrations applies nothing', async () => {
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.many<{ extname: string }>(sql`SELECT extname FROM pg_extension ORDER BY extname`);
    expect(rows.map((r) => r.extname)).toEqual(
      expect.arrayContaining(['cube', 'earthdistance', 'pg_trgm', 'pgcrypto', 'unaccent']),
    );
    const s = await t.db.one<{ u: string; s: number }>(
      sql`SELECT f_unaccent('Évry-Courcouronnes') AS u, similarity('marseille', 'marseile') AS s`,
    );
    expect(s.u).toBe('Evry-Courcouronnes');
    expect(s.s).toBeGreaterThan(0.5);
  });

  it('sends a strict CSP and the other security headers on pages', async () => {
    const res = await t.anonymous().get('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/\sstyle="/); // no inline style
  });

  it('serves the English home page on ?lang=en', async () => {
    const html = await (await t.anonymous().get('/?lang=en')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Connecting Missions Locales');
  });

  it('answers unknown pages with a French 404 page, and unknown API paths with JSON', async () => {
    const page = await t.anonymous().get('/nulle-part');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Page introuvable');
    const api = await t.anonymous().get('/api/v1/nulle-part');
    expect(api.status).toBe(404);
    const body = await api.json();
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/n'existe pas/);
  });

  it('refuses a form post without the CSRF token, and from another origin', async () => {
    const client = t.anonymous();
    await client.page('/'); // gets the anonymous CSRF cookie
    expect((await client.postForm('/__form', { a: '1' }, { csrf: null })).status).toBe(403);
    expect((await client.postForm('/__form', { a: '1' }, { csrf: 'forged' })).status).toBe(403);
    const ok = await client.postForm('/__form', { a: '1' }, { csrf: tokenFor(client) });
    expect(ok.status).toBe(200);
    const cross = await client.request('/__form', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${tokenFor(client)}`,
    });
    expect(cross.status).toBe(403);
  });

  it('validates API input: 422 with each faulty field named in French, nothing else', async () => {
    const res = await t.anonymous().json('POST', '/api/v1/__echo', { name: 'x', startsOn: '2026-02-30' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('validation');
    expect(Object.keys(body.error.fields).sort()).toEqual(['name', 'startsOn']);
    expect(body.error.fields.name).toMatch(/trop petit|caractères|au moins/i);
    const good = await t.anonymous().json('POST', '/api/v1/__echo', { name: 'Lyon', startsOn: '2026-02-28' });
    expect(good.status).toBe(200);
  });

  it('maps domain errors to their status with the French message', async () => {
    const res = await t.anonymous().get('/api/v1/__conflict');
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe('Cette version n’est plus la dernière.');
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await t
      .anonymous()
      .json('POST', '/api/v1/__echo', { name: 'x'.repeat(20_000), startsOn: '2026-01-01' });
    expect(res.status).toBe(413);
  });

  it('logs unexpected errors with the request id and shows a plain 500 page carrying it', async () => {
    const res = await t.anonymous().get('/__boom');
    expect(res.status).toBe(500);
    const id = res.headers.get('x-request-id')!;
    const html = await res.text();
    expect(html).toContain(id);
    expect(html).not.toContain('kaboom');
    expect(logged.some((l) => l.requestId === id && l.err?.message?.includes('kaboom'))).toBe(true);
  });
});

/** The anonymous form token is the HMAC of the visitor's CSRF cookie (src/http/middleware/auth.ts). */
function tokenFor(client: TestClient): string {
  const cookie = /passerelle_csrf=([^;]+)/.exec(client.cookieHeader())![1];
  return hmac(testConfig().SESSION_SECRET, `csrf:${cookie}`);
}
