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
export async function withDeps<T>(
  config: Config,
  fn: (deps: Deps) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const release = config.database === 'pglite' ? acquireDataDirLock(config.DATA_DIR) : () => {};
  let db: Db | null = null;
  try {
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
