import { serve } from '@hono/node-server';
import type { Config } from './config.js';
import { acquireDataDirLock } from './db/lock.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './db/seed/demo.js';
import { createApp } from './http/app.js';
import type { Deps } from './http/context.js';
import { startWorker } from './jobs/worker.js';
import { createLogger } from './logger.js';
import { modules } from './modules/index.js';

export interface Running {
  url: string;
  deps: Deps;
  close: () => Promise<void>;
}

/** Composition root: configuration → database → migrations → demo data → HTTP → worker. */
export async function startServer(config: Config, opts: { quiet?: boolean } = {}): Promise<Running> {
  const started = Date.now();
  const logger = createLogger(config.LOG_LEVEL);
  const releaseLock = config.database === 'pglite' ? acquireDataDirLock(config.DATA_DIR) : () => {};
  const db = await openDatabase(config);
  const applied = await migrate(db);
  const deps: Deps = { config, db, logger, now: () => new Date() };
  const seeded = config.DEMO ? await seedDemo(deps) : false;
  // First start in demo mode only: modules queue their background work (the national directory).
  if (seeded) for (const m of modules) await m.firstDemoStart?.(deps);
  const { app } = createApp(deps);
  const worker = config.WORKER ? startWorker(deps) : null;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  // PORT=0 (tests, bench): the system picks a free port and links follow it.
  if (config.PORT === 0) config.BASE_URL = `http://127.0.0.1:${port}`;
  const url = config.BASE_URL;
  logger.info(
    { database: db.kind, migrationsApplied: applied.length, demoSeeded: seeded, ms: Date.now() - started },
    'Passerelle started',
  );
  if (!opts.quiet) {
    const lines = [
      '',
      `  Passerelle écoute sur ${url}  (base : ${db.kind === 'pglite' ? `PGlite embarquée dans ${config.DATA_DIR}` : 'PostgreSQL'})`,
      `  Démarré en ${Date.now() - started} ms.`,
    ];
    if (config.DEMO) {
      lines.push('', '  Mode démonstration (DEMO=false pour le désactiver). Comptes de démonstration :');
      for (const a of DEMO_ACCOUNTS) lines.push(`    - ${a.email.padEnd(42)} ${a.role}`);
      lines.push(`  Mot de passe commun : ${DEMO_PASSWORD}`, '');
      if (seeded)
        lines.push(
          '  Premier démarrage : l’annuaire national (géographie COG 2026, collectivités, Missions Locales)',
          '  s’importe en tâche de fond, par petites transactions ; les pages répondent pendant ce temps.',
          '  Avancement : page « Importer des Missions Locales » de l’administration, ou',
          '  « passerelle import status ».',
          '',
        );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  let closing: Promise<void> | null = null;
  return {
    url,
    deps,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((r) => server.close(() => r()));
        await worker?.stop();
        await db.close();
        releaseLock();
      })();
      return closing;
    },
  };
}
