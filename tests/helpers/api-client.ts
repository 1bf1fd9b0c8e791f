/**
 * The typed API client (openapi-fetch over the types generated from the OpenAPI
 * document, tests/helpers/api-types.ts) talking to the real test app, with a real
 * personal token created through the account page.
 */
import createClient from 'openapi-fetch';
import { expect } from 'vitest';
import type { paths } from './api-types.js';
import type { TestApp } from './app.js';

export type ApiClient = ReturnType<typeof createClient<paths>>;

export function typedClient(app: TestApp, token: string): ApiClient {
  return createClient<paths>({
    baseUrl: 'http://passerelle.test',
    headers: { authorization: `Bearer ${token}` },
    fetch: async (req) => app.app.request(req),
  });
}

/** Creates a personal API token as the user would, on « Mon compte », and returns its value. */
export async function personalToken(app: TestApp, userId: string, scope: 'read' | 'write' = 'write') {
  const client = await app.as(userId);
  await client.page('/compte');
  const res = await client.postForm('/compte/jetons', { name: `Jeton ${scope} ${Date.now()}`, scope });
  expect(res.status).toBe(201);
  const token = /(psl_[\w-]{43})/.exec(await res.text())?.[1];
  expect(token, 'the new token is shown once on the account page').toBeDefined();
  return token!;
}
