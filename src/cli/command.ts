import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { acquireDataDirLock } from '../db/lock.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import type { Deps } from '../http/context.js';
import { createLogger } from '../logger.js';

export interface Command {
  /** One or two words: "migrate", "user create". */
  name: string;
  summary: string;
  help: string;
  run(args: string[], config: Config): Promise<void>;
}

/** An error the CLI reports as a plain message (exit 1), without a stack. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`Option invalide : ${(e as Error).message}`);
  }
}

/**
 * Opens the database for a command. With the embedded database, refuses (clear message)
 * while a server holds the data folder: PGlite must not be opened by two processes.
 */
/** Which database a command opens, said without any secret: "PGlite (dossier …)" or "PostgreSQL host:port/name". */
export function describeDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): string {
  if (!config.DATABASE_URL) return `base embarquée PGlite, dossier ${join(config.DATA_DIR, 'pglite')}`;
  try {
    const u = new URL(config.DATABASE_URL);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname || '/'}${u.username ? ` (rôle ${decodeURIComponent(u.username)})` : ''}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/**
 * Refuses to go on when the database holds no Passerelle data (no folder, or no applied
 * migration): a backup of an empty, freshly created database would report a success.
 */
export function requireExistingPglite(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>) {
  if (config.DATABASE_URL) return;
  const dir = join(config.DATA_DIR, 'pglite');
  if (!existsSync(join(dir, 'PG_VERSION')))
    throw new CliError(
      `Aucune base Passerelle dans ${dir} : ce dossier n’existe pas ou ne contient pas de base. Vérifiez DATA_DIR (actuellement ${config.DATA_DIR}) ou DATABASE_URL.`,
    );
}

export async function withDeps<T>(
  config: Config,
  fn: (deps: Deps) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const release = config.database === 'pglite' ? acquireDataDirLock(config.DATA_DIR) : () => {};
  let db: Db | null = null;
  try {
    process.stderr.write(`Base ouverte : ${describeDatabase(config)}\n`);
    db = await openDatabase(config);
    if (opts.migrate !== false) await migrate(db);
    return await fn({
      config,
      db,
      logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
      now: () => new Date(),
    });
  } finally {
    await db?.close();
    release();
  }
}
