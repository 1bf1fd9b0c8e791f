import { ConfigError, loadConfig } from '../config.js';
import { commands } from './commands.js';

const USAGE = `Usage : passerelle <commande> [options]

Commandes :
${'{{list}}'}

« passerelle <commande> --help » détaille chaque commande.
La configuration est lue dans l'environnement (DATA_DIR, DATABASE_URL… voir .env.example).`;

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(
      `${USAGE.replace('{{list}}', commands.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`).join('\n'))}\n`,
    );
    return;
  }
  // Two-word commands: "seed demo", "user create", "jobs run", "import geography"…
  const cmd = commands.find((c) => c.name === name) ?? commands.find((c) => c.name === `${name} ${rest[0]}`);
  if (!cmd) {
    process.stderr.write(`Commande inconnue : ${name}. « passerelle --help » liste les commandes.\n`);
    process.exitCode = 2;
    return;
  }
  const args = cmd.name.includes(' ') ? rest.slice(1) : rest;
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${cmd.help}\n`);
    return;
  }
  try {
    const config = loadConfig();
    await cmd.run(args, config);
  } catch (e) {
    if (
      e instanceof ConfigError ||
      (e instanceof Error && (e.name === 'CliError' || e.constructor.name === 'DataDirLockedError'))
    ) {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}
