import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AVAILABLE_DB_KINDS, createTestDb, DB_KINDS, type DbKind } from '../../tests/helpers/db.js';
import { anOrganisation, aUser } from '../../tests/helpers/fixtures.js';
import { withDatabase } from '../../tests/helpers/global-setup.js';
import { audit } from '../audit/audit.js';
import { enqueue } from '../jobs/queue.js';
import { queueMail } from '../mail/mail.js';
import { backupDatabase, listTables, restoreDatabase } from './backup.js';
import { type Db, openPglite } from './client.js';
import { migrate, migrationFiles } from './migrate.js';
import { sql } from './sql.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-backup-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, `${name}-${randomBytes(4).toString('hex')}.jsonl.gz`);
const system = { actor: { kind: 'system' as const, label: 'test' } };

/** Business data of every shape: uuids, enums, jsonb, timestamps, bigserial ids, unicode. */
async function fill(db: Db) {
  const ml = await anOrganisation(db, { kind: 'mission_locale', name: 'Mission Locale de l’Ouest « test »' });
  const commune = await anOrganisation(db, {
    kind: 'local_authority',
    level: 'commune',
    name: 'Saint-Étienne',
  });
  await aUser(db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] });
  await aUser(db, {
    globalRole: 'network_admin',
    network: 'cuf',
    memberOf: [{ organisationId: commune.id }],
  });
  await db.transaction(async (tx) => {
    await audit(tx, system, {
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: ml.id,
      organisationId: ml.id,
      before: { name: 'Avant', tags: ['a', 'b'], nested: { x: 1.5, ok: true } },
      after: { name: 'Après "guillemets" ; point-virgule\nligne', tags: [], nested: null },
    });
    await audit(tx, system, { action: 'user.created', entityType: 'user' });
    await enqueue(
      tx,
      'test.kind',
      { deep: { list: [1, 2, { z: 'é' }] } },
      { runAt: new Date('2026-01-01T00:00:00.123Z') },
    );
    await queueMail(tx, {}, { to: 'x@exemple.fr', subject: 'Sujet', text: 'Texte', html: '<p>HTML</p>' });
  });
  await db.run(sql`INSERT INTO app_meta (key, value) VALUES ('demo_seeded', ${JSON.stringify({ at: 'x' })})`);
  return { ml, commune };
}

/** Every table's rows, as the driver reads them, the restore's own journal entry excluded. */
async function snapshot(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const t of await listTables(db)) {
    const order = sql.raw((t.primaryKey.length ? t.primaryKey : t.columns).map((c) => `"${c}"`).join(', '));
    const where = t.name === 'audit_log' ? sql`WHERE action <> 'backup.restored'` : sql.empty;
    out[t.name] = await db.many(sql`SELECT * FROM ${sql.raw(`"${t.name}"`)} ${where} ORDER BY ${order}`);
  }
  return out;
}

describe('backup and restore: portable between databases', () => {
  // Every pair of the databases available, except those whose both ends this run skips
  // (TEST_DB_KINDS): PGlite → PostgreSQL still runs in CI's PostgreSQL step.
  const pairs: [DbKind, DbKind][] = AVAILABLE_DB_KINDS.flatMap((a) =>
    AVAILABLE_DB_KINDS.map((b) => [a, b] as [DbKind, DbKind]),
  ).filter(([a, b]) => DB_KINDS.includes(a) || DB_KINDS.includes(b));
  for (const [from, to] of pairs) {
    it(`a backup taken from ${from} restores into ${to} with every row identical`, {
      timeout: 180_000,
    }, async () => {
      const source = await createTestDb(from);
      const target = await createTestDb(to);
      try {
        await fill(source);
        const f = file(`${from}-${to}`);
        const b = await backupDatabase(source, f);
        expect(b.rows).toBeGreaterThan(8);
        expect(b.tables.map((t) => t.name).indexOf('organisations')).toBeLessThan(
          b.tables.map((t) => t.name).indexOf('memberships'),
        );
        const r = await restoreDatabase(target, f);
        expect(r.rows).toBe(b.rows);
        expect(await snapshot(target)).toEqual(await snapshot(source));
        // Sequences go on after the restored ids.
        const maxJob = (await target.one<{ m: number }>(sql`SELECT max(id)::int AS m FROM jobs`)).m;
        const newJob = await enqueue(target, 'after.restore', {});
        expect(newJob).toBeGreaterThan(maxJob);
        const restoredEntry = await target.one<{ id: number }>(
          sql`SELECT id FROM audit_log WHERE action = 'backup.restored'`,
        );
        const maxAudit = (await source.one<{ m: number }>(sql`SELECT max(id)::int AS m FROM audit_log`)).m;
        expect(restoredEntry.id).toBeGreaterThan(maxAudit);
      } finally {
        await source.close();
        await target.close();
      }
    });
  }
});

describe('restore rules (pglite)', () => {
  let source: Db;
  let backupFile: string;
  beforeAll(async () => {
    source = await createTestDb('pglite');
    await fill(source);
    backupFile = file('rules');
    await backupDatabase(source, backupFile);
  });
  afterAll(async () => {
    await source.close();
  });

  it('restores into a database that was never migrated (migrates it first)', {
    timeout: 180_000,
  }, async () => {
    const db = await openPglite();
    try {
      await restoreDatabase(db, backupFile);
      expect(await snapshot(db)).toEqual(await snapshot(source));
      const applied = await db.many(sql`SELECT name FROM schema_migrations`);
      expect(applied.length).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it('refuses a database that holds data, with a clear message, and changes nothing', async () => {
    const db = await createTestDb('pglite');
    try {
      await anOrganisation(db, { name: 'Déjà là' });
      await expect(restoreDatabase(db, backupFile)).rejects.toThrow(
        /La base contient déjà des données \(1 organisation\(s\), 0 compte\(s\), 0 entrée\(s\) du journal\).*--force/,
      );
      const names = await db.many<{ name: string }>(sql`SELECT name FROM organisations`);
      expect(names).toEqual([{ name: 'Déjà là' }]);
    } finally {
      await db.close();
    }
  });

  it('--force replaces the data but never removes journal entries; restoring twice adds no duplicates', async () => {
    const db = await createTestDb('pglite');
    try {
      await anOrganisation(db, { name: 'Effacée' });
      await db.transaction((tx) => audit(tx, system, { action: 'local.entry', entityType: 'x' }));
      const r1 = await restoreDatabase(db, backupFile, { force: true });
      expect(await db.many(sql`SELECT id FROM organisations WHERE name = 'Effacée'`)).toEqual([]);
      const actions = (await db.many<{ action: string }>(sql`SELECT action FROM audit_log ORDER BY id`)).map(
        (a) => a.action,
      );
      // The local entry (id 1) stays; the backup's id-1 entry comes back under a new number.
      expect(actions[0]).toBe('local.entry');
      expect(actions).toContain('organisation.updated');
      expect(actions).toContain('user.created');
      expect(r1.auditRenumbered).toBe(1);
      const before = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).n;
      const r2 = await restoreDatabase(db, backupFile, { force: true });
      expect(r2.auditKept).toBe(2);
      expect(r2.auditRenumbered).toBe(0);
      const after = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).n;
      expect(after).toBe(before + 1); // only the second restore's own entry
      // And the journal is still append-only afterwards.
      await expect(db.run(sql`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await db.close();
    }
  });

  it.runIf(migrationFiles().length > 1)(
    'warns when the database was already migrated past the backup',
    async () => {
      const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
      const header = JSON.parse(lines[0]);
      const older = header.migrations.slice(0, 1);
      // A backup made when only the first migration existed (rows of later tables dropped).
      const firstTables = new Set([
        'organisations',
        'users',
        'memberships',
        'audit_log',
        'jobs',
        'mail_outbox',
        'app_meta',
      ]);
      const kept: string[] = [JSON.stringify({ ...header, migrations: older })];
      let keep = false;
      let rows = 0;
      for (const l of lines.slice(1)) {
        if (!l) continue;
        const o = JSON.parse(l);
        if ('table' in o) keep = firstTables.has(o.table);
        if ('end' in o) {
          kept.push(JSON.stringify({ ...o, rows }));
          continue;
        }
        if (keep) {
          kept.push(l);
          if ('r' in o) rows++;
        }
      }
      const f = file('older');
      writeFileSync(f, gzipSync(`${kept.join('\n')}\n`));
      const db = await createTestDb('pglite');
      try {
        const r = await restoreDatabase(db, f);
        expect(r.warnings).toHaveLength(1);
        expect(r.warnings[0]).toMatch(/^La base était déjà à une version plus récente que la sauvegarde/);
        expect((await db.many(sql`SELECT id FROM organisations`)).length).toBe(2);
      } finally {
        await db.close();
      }
    },
  );

  it('a truncated backup is refused and the restore leaves nothing', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
    const truncated = file('truncated');
    writeFileSync(truncated, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    const db = await createTestDb('pglite');
    try {
      await expect(restoreDatabase(db, truncated)).rejects.toThrow(/Sauvegarde incomplète/);
      expect(await db.many(sql`SELECT id FROM organisations`)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses a file that is not a backup, or one from a newer version', async () => {
    const db = await createTestDb('pglite');
    try {
      const text = file('text');
      writeFileSync(text, 'bonjour');
      await expect(restoreDatabase(db, text)).rejects.toThrow(
        /n’est pas une sauvegarde Passerelle compressée/,
      );
      const other = file('other');
      writeFileSync(other, gzipSync('{"hello":1}\n'));
      await expect(restoreDatabase(db, other)).rejects.toThrow(/n’est pas une sauvegarde Passerelle/);
      const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
      const header = JSON.parse(lines[0]);
      header.migrations.push('9999_from_the_future.sql');
      const newer = file('newer');
      writeFileSync(newer, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
      await expect(restoreDatabase(db, newer)).rejects.toThrow(
        /version plus récente.*9999_from_the_future\.sql/,
      );
      await expect(restoreDatabase(db, join(dir, 'absent.gz'))).rejects.toThrow(/Fichier introuvable/);
    } finally {
      await db.close();
    }
  });
});

/** An empty PostgreSQL database (not migrated) and its URL, for the CLI-level tests. */
async function emptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `passerelle_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(base, name),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

describe.runIf(DB_KINDS.includes('postgresql'))('restore into a bare PostgreSQL database', () => {
  it('migrates, restores and matches the PGlite source', { timeout: 180_000 }, async () => {
    const source = await createTestDb('pglite');
    const target = await emptyPostgres();
    const { openPostgres } = await import('./client.js');
    const db = await openPostgres(target.url, 2);
    try {
      await fill(source);
      const f = file('bare');
      await backupDatabase(source, f);
      await restoreDatabase(db, f);
      expect(await snapshot(db)).toEqual(await snapshot(source));
      expect(inject('pgTemplate')).toBeTruthy();
      await migrate(db); // nothing left to apply, and no error
    } finally {
      await db.close();
      await source.close();
      await target.drop();
    }
  });
});
