import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openPglite, openPostgres } from '../../src/db/client.js';
import { withDatabase } from './global-setup.js';

export type DbKind = 'pglite' | 'postgresql';

/**
 * The database kinds this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is
 * set. `TEST_DB_KINDS=postgresql` runs the PostgreSQL side only (CI's PostgreSQL step, since
 * the PGlite side already ran in `npm test`).
 */
export const AVAILABLE_DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgresql']
  : ['pglite'];
export const DB_KINDS: DbKind[] = (() => {
  const all = AVAILABLE_DB_KINDS;
  const only = process.env.TEST_DB_KINDS?.split(',').map((k) => k.trim());
  return only ? all.filter((k) => only.includes(k)) : all;
})();

/**
 * A fresh, migrated, empty database for one test file (or one test): PGlite loaded from
 * the run's image, or a PostgreSQL database cloned from the run's template.
 */
export async function createTestDb(kind: DbKind = 'pglite'): Promise<Db> {
  if (kind === 'pglite') {
    const bytes = readFileSync(inject('pgliteTemplate'));
    return openPglite(undefined, new Blob([bytes]));
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `passerelle_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  const db = await openPostgres(withDatabase(url, name), 4);
  const close = db.close.bind(db);
  return {
    ...db,
    async close() {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name}`);
      await a.end();
    },
  };
}
