import { CliError, type Command, parse, withDeps } from '../../cli/command.js';
import { formatGeographyReport, importGeography } from './territory/import-geography.js';

const importGeographyCommand: Command = {
  name: 'import geography',
  summary: 'Importe la géographie officielle (COG 2026) et les collectivités',
  help: `passerelle import geography

Importe le Code officiel géographique (paquet @etalab/decoupage-administratif) : régions,
départements, EPCI et leurs communes membres, communes actuelles et anciens codes, puis
les collectivités territoriales qui existent réellement (communes, EPCI, départements,
régions, et les collectivités à statut particulier : Ville de Paris, Métropole de Lyon,
Collectivité de Corse…) avec leur territoire.
Réexécutable : affiche ce qui est créé, mis à jour et supprimé, suit les fusions de
communes ; tout se fait en une seule transaction.`,
  async run(args, config) {
    const { positionals } = parse(args, {});
    if (positionals.length) throw new CliError(`Argument inattendu : ${positionals[0]}`);
    await withDeps(config, async (deps) => {
      const report = await importGeography(deps.db);
      process.stdout.write(formatGeographyReport(report));
    });
  },
};

/** CLI commands of the directory module. */
export const directoryCommands: Command[] = [importGeographyCommand];
