import { CliError, type Command, withDeps } from '../../cli/command.js';
import { snapshotOn } from './domain/lifecycle.js';
import { seedNationalConvention } from './seed-national-convention.js';
import { scanReminders } from './send-reminders.js';
import { loadAgreement, today } from './store.js';

/** CLI commands of the agreements module. */
export const agreementsCommands: Command[] = [
  {
    name: 'seed national-convention',
    summary: 'Enregistre la convention nationale UNML – CUF (signée à Paris le 4 juillet 2025)',
    help: `passerelle seed national-convention

Crée, une seule fois, la convention nationale de partenariat entre l'UNML et Cités Unies France
(organisations UNML et CUF créées si besoin), signée à Paris le 4 juillet 2025 par Stéphane Valli
et Michaël Delafosse, pour 3 ans, avec son texte. Aucune feuille de route n'est créée : les parties
l'établissent chaque année (art. 3). Le document signé se dépose ensuite sur la plateforme.`,
    async run(args, config) {
      if (args.length) throw new CliError(`Argument inattendu : ${args[0]}`);
      await withDeps(config, async (deps) => {
        const { id, created } = await seedNationalConvention(deps.db, deps.now());
        const loaded = await loadAgreement(deps.db, id);
        const s = snapshotOn(loaded.terms, loaded.history, today(deps.now()));
        process.stdout.write(
          `${created ? 'Convention nationale enregistrée' : 'La convention nationale existait déjà'} : ${id}\n` +
            `État : ${s.state}, en vigueur du ${s.inForceFrom} au ${s.lastDayInForce}.\n`,
        );
      });
    },
  },
  {
    name: 'agreements reminders',
    summary: 'Met en file les rappels de conventions dus aujourd’hui',
    help: 'passerelle agreements reminders\n\nCalcule les rappels dus (échéances, préavis, feuille de route, réunion annuelle) et les met en file.',
    async run(args, config) {
      if (args.length) throw new CliError(`Argument inattendu : ${args[0]}`);
      await withDeps(config, async (deps) => {
        const n = await scanReminders(deps.db, deps.now());
        process.stdout.write(`${n} rappel(s) mis en file.\n`);
      });
    },
  },
];
