import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: embedded database in ./data, port 3000, demo on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.PORT).toBe(3000);
    expect(c.database).toBe('pglite');
    expect(c.DEMO).toBe(true);
    expect(c.BASE_URL).toBe('http://localhost:3000');
  });

  it('generates the session secret once in the data folder and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(b.SESSION_SECRET).toBe(a.SESSION_SECRET);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(a.SESSION_SECRET);
  });

  it('names the faulty variable in a clear French message', () => {
    expect(() => loadConfig({ PORT: 'abc', DATA_DIR: '/tmp/x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', DATA_DIR: '/tmp/x' });
    } catch (e) {
      expect((e as ConfigError).issues.join('\n')).toMatch(/PORT/);
      expect((e as ConfigError).issues.join('\n')).toMatch(/DATABASE_URL : doit commencer par postgres/);
    }
  });

  it('requires a session secret with PostgreSQL, and the provider settings with ProConnect', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ DATA_DIR: '/tmp/x', PROCONNECT_ENABLED: 'true' })).toThrow(/PROCONNECT_ISSUER/);
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db', SESSION_SECRET: 'x'.repeat(40) });
    expect(c.database).toBe('postgresql');
  });

  it('reads booleans the way people write them', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x', DEMO: 'non' }).DEMO).toBe(false);
    expect(loadConfig({ DATA_DIR: '/tmp/x', DEMO: 'false' }).DEMO).toBe(false);
    expect(() => loadConfig({ DATA_DIR: '/tmp/x', DEMO: 'peut-être' })).toThrow(/DEMO/);
  });
});
