import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.js';
import { sql } from './sql.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

/**
 * Applies the committed SQL migrations in name order, each in its own transaction, and
 * records them. Forward-only. On PostgreSQL an advisory lock makes concurrent starts of
 * several instances safe.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const file of migrationFiles(dir)) {
    const done = await db.transaction(async (tx) => {
      // Several instances may start together: the lock serialises them, the check skips.
      if (db.kind === 'postgresql') await tx.run(sql`SELECT pg_advisory_xact_lock(4242001)`);
      if (await tx.maybeOne(sql`SELECT 1 FROM schema_migrations WHERE name = ${file}`)) return false;
      await tx.exec(readFileSync(join(dir, file), 'utf8'));
      await tx.run(sql`INSERT INTO schema_migrations (name) VALUES (${file})`);
      return true;
    });
    if (done) applied.push(file);
  }
  return applied;
}

/** True when every committed migration has been applied (used by /readyz). */
export async function migrationsApplied(db: Db, dir = MIGRATIONS_DIR): Promise<boolean> {
  const rows = await db.many<{ name: string }>(sql`SELECT name FROM schema_migrations`);
  const done = new Set(rows.map((r) => r.name));
  return migrationFiles(dir).every((f) => done.has(f));
}
