import { migrate } from '../db/migrate.js';
import { seedDemo } from '../db/seed/demo.js';
import { startServer } from '../main.js';
import { adminCommands } from '../modules/admin/cli.js';
import { agreementsCommands } from '../modules/agreements/cli.js';
import { authCommands } from '../modules/auth/cli.js';
import { connectionsCommands } from '../modules/connections/cli.js';
import { directoryCommands } from '../modules/directory/cli.js';
import { fundingCommands } from '../modules/funding/cli.js';
import { CliError, type Command, withDeps } from './command.js';

/** Every CLI command. Modules add theirs to this list. */
const coreCommands: Command[] = [
  {
    name: 'serve',
    summary: 'Démarre le serveur web (et le traitement des tâches)',
    help: `passerelle serve\n\nDémarre Passerelle : migrations, données de démonstration au premier démarrage (si DEMO=true), serveur web sur PORT.`,
    async run(_args, config) {
      const running = await startServer(config);
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  },
  {
    name: 'migrate',
    summary: 'Applique les migrations de la base',
    help: 'passerelle migrate\n\nApplique les migrations SQL non encore appliquées (migrations/*.sql).',
    async run(_args, config) {
      await withDeps(
        config,
        async ({ db }) => {
          const applied = await migrate(db);
          process.stdout.write(
            applied.length ? `Migrations appliquées : ${applied.join(', ')}\n` : 'Base à jour.\n',
          );
        },
        { migrate: false },
      );
    },
  },
  {
    name: 'seed demo',
    summary: 'Charge les données de démonstration',
    help: 'passerelle seed demo\n\nCharge les données et comptes de démonstration (une seule fois).',
    async run(args, config) {
      if (args.length) throw new CliError(`Argument inattendu : ${args[0]}`);
      await withDeps(config, async (deps) => {
        const done = await seedDemo(deps);
        process.stdout.write(
          done
            ? 'Données de démonstration chargées.\n'
            : 'Les données de démonstration étaient déjà chargées.\n',
        );
      });
    },
  },
];

/** Every CLI command: the core ones, then each module's (src/modules/<m>/cli.ts). */
export const commands: Command[] = [
  ...coreCommands,
  ...authCommands,
  ...adminCommands,
  ...directoryCommands,
  ...agreementsCommands,
  ...fundingCommands,
  ...connectionsCommands,
];
