import { CliError, type Command, withDeps } from '../../cli/command.js';
import { DEFAULT_CATALOGUE, seedFundingCatalogue } from './seed-catalogue.js';

/** CLI commands of the funding module. */
export const fundingCommands: Command[] = [
  {
    name: 'seed funding',
    summary: 'Charge le catalogue des financements livré avec Passerelle (avec ses sources)',
    help: `passerelle seed funding [FICHIER]

Charge ou met à jour les programmes de financement à partir du catalogue ouvert
(par défaut le catalogue livré avec Passerelle : src/modules/funding/data/catalogue.json). Chaque programme garde ses sources et l'année
de ses chiffres ; les fiches sont rédigées par Passerelle. Sans fichier, rien n'est chargé.`,
    async run(args, config) {
      if (args.length > 1) throw new CliError(`Argument inattendu : ${args[1]}`);
      await withDeps(config, async (deps) => {
        const r = await seedFundingCatalogue(deps.db, args[0] ?? DEFAULT_CATALOGUE);
        if (!r.found) {
          process.stdout.write(`Fichier introuvable : ${r.file} — aucun programme chargé.\n`);
          return;
        }
        process.stdout.write(
          `Catalogue des financements : ${r.created} programme(s) ajouté(s), ${r.updated} mis à jour.\n` +
            (r.unread.length ? `Sans fiche rédigée (à compléter) : ${r.unread.join(', ')}\n` : ''),
        );
      });
    },
  },
];
