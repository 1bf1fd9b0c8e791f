import { type Config, loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { sql } from '../../src/db/sql.js';
import { type App, createApp } from '../../src/http/app.js';
import type { Deps } from '../../src/http/context.js';
import { drainJobs } from '../../src/jobs/queue.js';
import { jobHandlers } from '../../src/jobs/worker.js';
import { createLogger } from '../../src/logger.js';
import { createSession } from '../../src/modules/auth/sessions.js';
import { createTestDb, type DbKind } from './db.js';

export interface TestApp extends App {
  deps: Deps;
  db: Db;
  /** Moves the clock used by the app (sessions, tokens, deadlines). */
  setNow(d: Date | string): void;
  /** A client without cookies. */
  anonymous(): TestClient;
  /** A client signed in as the user (a real session row, a real cookie). */
  as(userId: string): Promise<TestClient>;
  /** Runs every queued background job now. */
  runJobs(): Promise<{ done: number; retry: number; failed: number }>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: '/tmp/passerelle-test-unused',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    BASE_URL: 'http://passerelle.test',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export async function createTestApp(
  opts: { kind?: DbKind; env?: Record<string, string>; db?: Db } = {},
): Promise<TestApp> {
  const db = opts.db ?? (await createTestDb(opts.kind));
  const config = testConfig(opts.env);
  let now: Date | null = null;
  const deps: Deps = { config, db, logger: createLogger('silent'), now: () => now ?? new Date() };
  const app = createApp(deps);
  const t: TestApp = {
    ...app,
    deps,
    db,
    setNow(d) {
      now = typeof d === 'string' ? new Date(d) : d;
    },
    anonymous: () => new TestClient(app, null, null),
    async as(userId) {
      const s = await createSession(
        db,
        userId,
        { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
        deps.now(),
      );
      return new TestClient(app, s.token, s.csrfToken);
    },
    runJobs: () => drainJobs(db, jobHandlers(deps), deps.now),
    close: () => db.close(),
  };
  return t;
}

/** A tiny HTTP client over app.request that keeps cookies and sends the CSRF token. */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: App,
    sessionToken: string | null,
    private csrf: string | null,
  ) {
    if (sessionToken) this.cookies.set('passerelle_session', sessionToken);
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader();
    if (cookie) headers.set('cookie', cookie);
    return this.keep(await this.app.app.request(`http://passerelle.test${path}`, { ...init, headers }));
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** Fetches a page and remembers the CSRF token its forms carry. */
  async page(path: string) {
    const res = await this.get(path);
    const html = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m) this.csrf = m[1];
    return { res, html };
  }

  /** Submits a form (urlencoded) with the CSRF token. */
  postForm(path: string, form: Record<string, string | string[]> = {}, opts: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token) body.set('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Sends JSON to the API with the session's CSRF header. */
  json(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    return this.request(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers,
    });
  }
}

/** Reads rows directly (assertions on what was written). */
export const q = sql;
