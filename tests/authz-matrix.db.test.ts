import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrices } from './authz/index.js';
import { CALLERS, type Caller, type MatrixEntry, type World } from './authz/types.js';
import { createTestApp, type TestClient } from './helpers/app.js';
import { anOrganisation, aUser } from './helpers/fixtures.js';

/**
 * The authorisation matrix: every route of the app, tried with every kind of caller,
 * must be let through or refused exactly as declared in tests/authz/*.matrix.ts. A route
 * that is not declared fails the test, so no route escapes the permission layer.
 */
let world: World;
const clients = new Map<Caller, TestClient>();

beforeAll(async () => {
  const app = await createTestApp();
  const orgA = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale A' });
  const orgB = await anOrganisation(app.db, { kind: 'local_authority', level: 'commune', name: 'Commune B' });
  const unml = await anOrganisation(app.db, { kind: 'unml', name: 'UNML' });
  const users: World['users'] = {
    anonymous: null,
    otherMember: await aUser(app.db, { memberOf: [{ organisationId: orgB.id, role: 'admin' }] }),
    member: await aUser(app.db, { memberOf: [{ organisationId: orgA.id, role: 'member' }] }),
    orgAdmin: await aUser(app.db, { memberOf: [{ organisationId: orgA.id, role: 'admin' }] }),
    networkAdmin: await aUser(app.db, {
      globalRole: 'network_admin',
      network: 'unml',
      memberOf: [{ organisationId: unml.id }],
    }),
    platformAdmin: await aUser(app.db, { globalRole: 'platform_admin' }),
  };
  world = { app, orgA, orgB, users, extra: {} };
  for (const m of matrices) await m.setup?.(world);
  for (const c of CALLERS) {
    const u = users[c];
    clients.set(c, u ? await app.as(u.id) : app.anonymous());
  }
});

afterAll(async () => {
  await world?.app.close();
});

const key = (e: { method: string; path: string }) => `${e.method} ${e.path}`;
const entries: MatrixEntry[] = matrices.flatMap((m) => m.entries);

describe('authorisation matrix', () => {
  it('declares every route of the app, and only those', () => {
    const declared = new Set(entries.map(key));
    const actual = new Set(world.app.routes.map(key));
    const missing = [...actual].filter((k) => !declared.has(k));
    const stale = [...declared].filter((k) => !actual.has(k));
    expect(missing, 'routes missing from the authorisation matrix').toEqual([]);
    expect(stale, 'matrix entries for routes that do not exist').toEqual([]);
    expect(entries.length).toBe(declared.size);
  });

  for (const entry of entries) {
    it(`${key(entry)} → allowed for [${entry.allow.join(', ')}]`, async () => {
      const results: string[] = [];
      for (const caller of CALLERS) {
        await entry.fresh?.(world, caller);
        const client = clients.get(caller)!;
        const url = entry.url ? entry.url(world) : entry.path;
        const isApi = url.startsWith('/api/');
        let res: Response;
        if (entry.method === 'GET') {
          res = await client.get(url);
        } else if (isApi) {
          res = await client.json(entry.method, url, entry.body?.(world) ?? {});
        } else {
          // Picks up the CSRF token for this caller (for visitors, the sign-in form carries one).
          await client.page(caller === 'anonymous' ? '/connexion' : '/');
          res = await client.postForm(url, (entry.body?.(world) ?? {}) as Record<string, string>);
        }
        const location = res.headers.get('location') ?? '';
        const denied =
          res.status === 401 ||
          res.status === 403 ||
          (res.status === 302 && location.startsWith('/connexion?suite='));
        const expectedAllowed = entry.allow.includes(caller);
        if (denied === expectedAllowed)
          results.push(
            `${caller}: got ${res.status}${location ? ` → ${location}` : ''}, expected ${expectedAllowed ? 'allowed' : 'denied'}`,
          );
        if (res.status >= 500) results.push(`${caller}: server error ${res.status}`);
        // A route that ends the caller's session (sign-out) must not leave later entries anonymous.
        const user = world.users[caller];
        if (user && !client.cookieHeader().includes('passerelle_session=')) {
          clients.set(caller, await world.app.as(user.id));
        }
      }
      expect(results).toEqual([]);
    });
  }
});
