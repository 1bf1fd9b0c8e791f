/**
 * Issue 10, "Every action has its API": the OpenAPI document is one a real client can
 * rely on. Names, security, error answers, licence; one shared error body; the typed
 * client generated from it is up to date and works against the real app.
 * (Redocly's own lint runs in CI: `npm run lint:openapi`.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalToken, typedClient } from './helpers/api-client.js';
import { API_TYPES_FILE, generateApiTypes } from './helpers/api-types-gen.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DB_KINDS } from './helpers/db.js';
import { anOrganisation, aUser } from './helpers/fixtures.js';

type Op = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('OpenAPI document', () => {
  let app: TestApp;
  let doc: any;
  const ops: { method: string; path: string; op: Op }[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    doc = await (await app.anonymous().get('/api/openapi.json')).json();
    for (const [path, item] of Object.entries<Record<string, Op>>(doc.paths))
      for (const m of METHODS) if (item[m]) ops.push({ method: m, path, op: item[m] });
  });
  afterAll(() => app?.close());

  it('declares the bearer scheme, a licence, and covers every API route of the registrar', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.info.license.name).toBeTruthy();
    expect(doc.info.license.url).toMatch(/^https?:\/\//);
    const apiRoutes = app.routes.filter((r) => r.kind === 'api');
    expect(ops.length).toBe(apiRoutes.length);
  });

  it('names every operation once, and puts the bearer scheme on every non-public one', () => {
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-zA-Z][a-zA-Z0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of app.routes.filter((x) => x.kind === 'api')) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const { op } = ops.find((o) => o.path === path && o.method === r.method.toLowerCase())!;
      if (r.policy.name === 'public') expect(op.security, `${r.method} ${r.path}`).toEqual([]);
      else expect(op.security, `${r.method} ${r.path}`).toEqual([{ bearerAuth: [] }]);
    }
  });

  it('describes the error answers with ONE shared error body', () => {
    const errorLike = Object.keys(doc.components.schemas).filter((n) => /error/i.test(n));
    expect(errorLike).toEqual(['Error']);
    for (const { method, path, op } of ops) {
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith('4')),
        `${method} ${path} has a 4xx answer`,
      ).toBe(true);
      if (path.includes('{')) expect(statuses, `${method} ${path}`).toContain('404');
      if (op.security?.length)
        expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
      for (const s of statuses.filter((x) => /^4/.test(x)))
        expect(op.responses[s].content?.['application/json'].schema.$ref, `${method} ${path} ${s}`).toBe(
          '#/components/schemas/Error',
        );
    }
  });

  it('the committed typed client (tests/helpers/api-types.ts) is what the document gives today', async () => {
    const fresh = await generateApiTypes();
    expect(
      fresh === readFileSync(API_TYPES_FILE, 'utf8'),
      'tests/helpers/api-types.ts is stale: run `npm run openapi:types` and commit it',
    ).toBe(true);
  }, 30_000);
});

describe.each(DB_KINDS)('typed API client against the real app (%s)', (kind) => {
  let app: TestApp;
  let mlId: string;
  let cityId: string;
  let adminId: string;

  beforeAll(async () => {
    app = await createTestApp({ kind });
    mlId = (await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Nantes' })).id;
    cityId = (await anOrganisation(app.db, { kind: 'local_authority', name: 'Ville de Nantes' })).id;
    adminId = (
      await aUser(app.db, {
        memberOf: [
          { organisationId: mlId, role: 'admin' },
          { organisationId: cityId, role: 'admin' },
        ],
      })
    ).id;
  });
  afterAll(() => app?.close());

  it('creates and reads an agreement with typed bodies, and gets typed errors', async () => {
    const api = typedClient(app, await personalToken(app, adminId, 'write'));
    const created = await api.POST('/api/v1/agreements', {
      body: {
        title: 'Convention locale Nantes',
        kind: 'local_partnership',
        partyIds: [mlId, cityId],
        text: '# Convention\n\nArticle 1 : objet.',
      },
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect(created.data!.version.hash).toMatch(/^[0-9a-f]{64}$/);

    const read = await api.GET('/api/v1/agreements/{id}', { params: { path: { id } } });
    expect(read.data?.title).toBe('Convention locale Nantes');
    expect(read.data?.parties.map((p) => p.organisationId).sort()).toEqual([mlId, cityId].sort());

    const bad = await api.POST('/api/v1/agreements', {
      body: { title: '', kind: 'local_partnership', partyIds: [mlId], text: 'x' },
    });
    expect(bad.response.status).toBe(422);
    expect(bad.error?.error.code).toBe('validation');
    expect(Object.keys(bad.error?.error.fields ?? {})).toEqual(expect.arrayContaining(['title', 'partyIds']));

    const readOnly = typedClient(app, await personalToken(app, adminId, 'read'));
    const refused = await readOnly.POST('/api/v1/agreements', {
      body: { title: 'Non', kind: 'local_partnership', partyIds: [mlId, cityId], text: 'x' },
    });
    expect(refused.response.status).toBe(403);
    expect(refused.error?.error.code).toBe('forbidden');
  });
});
