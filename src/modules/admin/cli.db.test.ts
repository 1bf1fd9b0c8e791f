import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { withDatabase } from '../../../tests/helpers/global-setup.js';
import { CliError, describeDatabase, withDeps } from '../../cli/command.js';
import { main } from '../../cli/main.js';
import { configSchema, loadConfig } from '../../config.js';
import { sql } from '../../db/sql.js';
import { enqueue } from '../../jobs/queue.js';
import { queueMail } from '../../mail/mail.js';
import { startServer } from '../../main.js';
import { PROJECT_ROOT } from '../../paths.js';
import { backupCommand, jobsRunCommand, restoreCommand } from './cli.js';

const root = mkdtempSync(join(tmpdir(), 'passerelle-cli-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const fresh = (name: string) => join(root, `${name}-${randomBytes(4).toString('hex')}`);

const embedded = (dataDir: string) => loadConfig({ DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent' });
const postgres = (url: string) =>
  loadConfig({
    DATABASE_URL: url,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
  });

/** Runs `fn` and returns what it printed on stdout. */
async function captured(fn: () => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: any) => {
    chunks.push(String(c));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

async function seed(config: ReturnType<typeof loadConfig>, name: string) {
  await withDeps(config, async ({ db }) => {
    await db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO organisations (kind, name) VALUES ('mission_locale', ${name})`);
      await queueMail(tx, config, { to: 'a@exemple.fr', subject: 'Bienvenue', text: 'Bonjour' });
    });
  });
}

const orgNames = (config: ReturnType<typeof loadConfig>) =>
  withDeps(config, async ({ db }) =>
    (await db.many<{ name: string }>(sql`SELECT name FROM organisations ORDER BY name`)).map((r) => r.name),
  );

describe('passerelle backup / restore / jobs run (embedded database)', () => {
  it('--help explains each command', async () => {
    const help = await captured(async () => {
      await main(['backup', '--help']);
      await main(['restore', '--help']);
      await main(['jobs', 'run', '--help']);
    });
    expect(help).toContain('passerelle backup <fichier> [--force]');
    expect(help).toContain('passerelle restore <fichier> [--force]');
    expect(help).toContain('passerelle jobs run');
    const list = await captured(() => main(['--help']));
    expect(list).toMatch(/backup\s+Sauvegarde toute la base/);
    expect(list).toMatch(/jobs run\s+Exécute maintenant toutes les tâches prêtes/);
  });

  // Each command opens the on-disk PGlite database and checks its migrations: a few seconds each.
  it('backs up a data folder and restores it into another; refuses to overwrite data without --force', {
    timeout: 240_000,
  }, async () => {
    const a = embedded(fresh('a'));
    await seed(a, 'Mission Locale A');
    const file = `${fresh('backup')}.jsonl.gz`;
    const out = await captured(() => backupCommand.run([file], a));
    expect(out).toMatch(
      /^Sauvegarde écrite : .*\.jsonl\.gz\n\d+ lignes, \d+ tables, \d+ migration\(s\)\.\n$/,
    );
    expect(existsSync(file)).toBe(true);
    await expect(backupCommand.run([file], a)).rejects.toThrow(/existe déjà.*--force/);

    const b = embedded(fresh('b'));
    const restored = await captured(() => restoreCommand.run([file], b));
    expect(restored).toMatch(/^Sauvegarde du .* \(pglite\) restaurée : \d+ lignes dans \d+ tables\.\n$/);
    expect(await orgNames(b)).toEqual(['Mission Locale A']);

    // b now holds data: restoring again is refused (plain message), unless --force.
    // (The rules themselves are tested in src/db/backup.db.test.ts; each open costs seconds here.)
    const refused = await restoreCommand.run([file], b).catch((e) => e);
    expect(refused).toBeInstanceOf(CliError);
    expect(refused.message).toMatch(/La base contient déjà des données \(1 organisation\(s\)/);
    const forced = await captured(() => restoreCommand.run([file, '--force'], b));
    expect(forced).toMatch(/^Sauvegarde du .* \(pglite\) restaurée : /);
    expect(await orgNames(b)).toEqual(['Mission Locale A']);
  });

  it('backup refuses a data folder that does not exist or holds no database, and creates nothing; says which database it opened', {
    timeout: 120_000,
  }, async () => {
    const missing = embedded(fresh('absent'));
    const file = `${fresh('rien')}.jsonl.gz`;
    const refused = await backupCommand.run([file], missing).catch((e) => e);
    expect(refused).toBeInstanceOf(CliError);
    expect(refused.message).toMatch(/^Aucune base Passerelle dans .*pglite/);
    expect(existsSync(join(missing.DATA_DIR, 'pglite'))).toBe(false);
    expect(existsSync(file)).toBe(false);
    // Every command says which database it opened (on stderr, no secret).
    const said: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c: any) => {
      said.push(String(c));
      return true;
    });
    try {
      await orgNames(embedded(fresh('dit')));
    } finally {
      spy.mockRestore();
    }
    expect(said.join('')).toMatch(/^Base ouverte : base embarquée PGlite, dossier .*pglite\n/);
    expect(describeDatabase(postgres('postgres://passerelle:motdepasse@db.example:5432/passerelle'))).toBe(
      'PostgreSQL db.example:5432/passerelle (rôle passerelle)',
    );
  });

  it('reports bad arguments plainly', { timeout: 120_000 }, async () => {
    const c = embedded(fresh('args'));
    await expect(backupCommand.run([], c)).rejects.toThrow('Indiquez le fichier de sauvegarde');
    await expect(restoreCommand.run([join(root, 'absent.gz')], c)).rejects.toThrow('Fichier introuvable');
    await expect(backupCommand.run(['x', '--verbose'], c)).rejects.toThrow(/Option invalide/);
    const notBackup = `${fresh('junk')}.gz`;
    writeFileSync(notBackup, 'pas une sauvegarde');
    await expect(restoreCommand.run([notBackup], c)).rejects.toThrow(/n’est pas une sauvegarde Passerelle/);
  });

  it('jobs run runs every ready job now and prints the counts', { timeout: 180_000 }, async () => {
    const c = embedded(fresh('jobs'));
    await seed(c, 'Org');
    await withDeps(c, ({ db }) => enqueue(db, 'test.unknown-kind', {}, { maxAttempts: 1 }));
    const out = await captured(() => jobsRunCommand.run([], c));
    expect(out).toBe('Tâches exécutées : 1 réussie(s), 0 à réessayer plus tard, 1 en échec.\n');
    const status = await withDeps(c, ({ db }) =>
      db.one<{ status: string }>(sql`SELECT status FROM mail_outbox`),
    );
    expect(status.status).toBe('kept');
    expect(await captured(() => jobsRunCommand.run([], c))).toBe(
      'Tâches exécutées : 0 réussie(s), 0 à réessayer plus tard, 0 en échec.\n',
    );
  });
});

const run = promisify(execFile);
// The child gets our environment without Passerelle's settings (vitest sets BASE_URL='/').
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !(k in configSchema.shape)),
) as Record<string, string>;

describe('a command refuses the embedded database while a server holds it', () => {
  it('backup and jobs run exit 1 with a clear message; they work once the server stops', {
    timeout: 240_000,
  }, async () => {
    const dataDir = fresh('locked');
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: 'false',
      WORKER: 'false',
      LOG_LEVEL: 'silent',
    });
    const server = await startServer(config, { quiet: true });
    const cli = (args: string[]) =>
      run(process.execPath, [join(PROJECT_ROOT, 'bin/passerelle.mjs'), ...args], {
        env: { ...childEnv, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent' },
        timeout: 60_000,
      }).then(
        (r) => ({ code: 0, ...r }),
        (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
      );
    const file = `${fresh('locked-backup')}.jsonl.gz`;
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const [backup, jobs] = await Promise.all([cli(['backup', file]), cli(['jobs', 'run'])]);
      for (const r of [backup, jobs]) {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`Le dossier de données ${dataDir} est utilisé par un serveur Passerelle`);
        expect(r.stderr).toContain('Arrêtez le serveur avant cette commande');
        expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
      }
      expect(existsSync(file)).toBe(false);
      // The server still answers: the command did not touch its database.
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
    }
    const after = await cli(['backup', file]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Sauvegarde écrite');
  });
});

/** An empty PostgreSQL database (not even migrated) and its URL. */
async function emptyPostgres() {
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

describe.runIf(DB_KINDS.includes('postgresql'))('CLI across databases', () => {
  it('PGlite → PostgreSQL → PGlite through backup and restore', { timeout: 240_000 }, async () => {
    const a = embedded(fresh('cross-a'));
    await seed(a, 'Mission Locale Transfrontalière');
    const f1 = `${fresh('cross1')}.jsonl.gz`;
    await captured(() => backupCommand.run([f1], a));
    const target = await emptyPostgres();
    try {
      const p = postgres(target.url);
      const out = await captured(() => restoreCommand.run([f1], p));
      expect(out).toContain('(pglite) restaurée');
      expect(await orgNames(p)).toEqual(['Mission Locale Transfrontalière']);
      await seed(p, 'Ajoutée dans PostgreSQL');
      const f2 = `${fresh('cross2')}.jsonl.gz`;
      await captured(() => backupCommand.run([f2], p));
      const b = embedded(fresh('cross-b'));
      const back = await captured(() => restoreCommand.run([f2], b));
      expect(back).toContain('(postgresql) restaurée');
      expect(await orgNames(b)).toEqual(['Ajoutée dans PostgreSQL', 'Mission Locale Transfrontalière']);
    } finally {
      await target.drop();
    }
  });
});

describe.runIf(DB_KINDS.includes('postgresql'))(
  'restore into PostgreSQL with a role that lacks rights',
  () => {
    it('says in French which right is missing and how to grant it (no stack trace); following the advice, the restore works', {
      timeout: 240_000,
    }, async () => {
      const a = embedded(fresh('rights-a'));
      await seed(a, 'Mission Locale des Droits');
      const file = `${fresh('rights')}.jsonl.gz`;
      await captured(() => backupCommand.run([file], a));

      const base = process.env.TEST_DATABASE_URL!;
      const suffix = randomBytes(5).toString('hex');
      const role = `passerelle_limite_${suffix}`;
      const dbName = `passerelle_droits_${suffix}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'mot-de-passe-test' NOSUPERUSER NOCREATEDB`);
        await admin.query(`CREATE DATABASE ${dbName}`); // owned by the superuser: the role has no CREATE on it
        const u = new URL(withDatabase(base, dbName));
        u.username = role;
        u.password = 'mot-de-passe-test';
        const limited = postgres(u.toString());

        const refused = await restoreCommand.run([file], limited).catch((e) => e);
        expect(refused).toBeInstanceOf(CliError);
        const msg: string = refused.message;
        expect(msg).toContain(`Le rôle PostgreSQL « ${role} » ne peut pas créer les extensions`);
        expect(msg).toContain('aucune donnée n’a été restaurée');
        // earthdistance is not a "trusted" extension: only a superuser creates it.
        expect(msg).toMatch(
          /earthdistance ne peu(vent|t) être créées? que par un superutilisateur \(droit SUPERUSER\)/,
        );
        expect(msg).toContain(`GRANT CREATE ON DATABASE "${dbName}" TO "${role}";`);
        expect(msg).toContain(`GRANT CREATE ON SCHEMA public TO "${role}";`);
        expect(msg).not.toMatch(/at .*\.ts:\d+/);
        // Nothing was written: no table in the database.
        const target = new pg.Client({ connectionString: withDatabase(base, dbName) });
        await target.connect();
        try {
          const tables = await target.query(
            `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
          );
          expect(tables.rows[0].n).toBe(0);
          // A superuser follows the advice of the message, word for word.
          const create = /psql -d "[^"]+" -c '([^']+)'/.exec(msg)?.[1];
          expect(create).toMatch(/CREATE EXTENSION IF NOT EXISTS earthdistance/);
          await target.query(create!);
          for (const grant of msg.match(/GRANT CREATE ON [^;]+;/g) ?? []) await target.query(grant);
        } finally {
          await target.end();
        }
        const out = await captured(() => restoreCommand.run([file], limited));
        expect(out).toContain('(pglite) restaurée');
        expect(await orgNames(limited)).toEqual(['Mission Locale des Droits']);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
    });
  },
);
