/**
 * The OpenAPI document built without a server or a database (bin/openapi.mjs,
 * `npm run lint:openapi`, the typed-client test): route registration never queries.
 */

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { createLogger } from '../logger.js';
import { createApp } from './app.js';

export async function openApiDocumentOffline(baseUrl = 'https://passerelle.example.org'): Promise<unknown> {
  const db = new Proxy({} as Db, {
    get(_t, prop) {
      throw new Error(`The OpenAPI dump must not touch the database (db.${String(prop)})`);
    },
  });
  const config = loadConfig({
    DATA_DIR: join(tmpdir(), 'passerelle-openapi-unused'),
    SESSION_SECRET: 'openapi-dump-openapi-dump-openapi-dump-0',
    BASE_URL: baseUrl,
    DEMO: 'false',
    LOG_LEVEL: 'silent',
  });
  const { app } = createApp({ config, db, logger: createLogger('silent'), now: () => new Date() });
  const res = await app.request('/api/openapi.json');
  if (res.status !== 200) throw new Error(`OpenAPI document: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
