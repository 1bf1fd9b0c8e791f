import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError, type Command, parse, withDeps } from '../../cli/command.js';
import { ML_FORMATS, type MlFormat } from './territory/domain/missions-locales.js';
import { formatGeographyReport, importGeography } from './territory/import-geography.js';
import { formatMlReport, importMissionsLocales } from './territory/import-missions-locales.js';

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

const importMissionsLocalesCommand: Command = {
  name: 'import missions-locales',
  summary: 'Importe les Missions Locales (I-Milo, Annuaire de l’administration ou modèle CSV)',
  help: `passerelle import missions-locales --format imilo|annuaire|csv FICHIER… [--dry-run] [--partial]

  --format imilo     liste des structures I-Milo (JSON ou CSV) : identifiant = code INSEE du siège + S00
  --format annuaire  export JSON de l'Annuaire de l'administration (services mission_locale) et,
                     en second fichier, le jeu « compétence géographique » (communes desservies)
  --format csv       modèle CSV de Passerelle (docs/import-missions-locales.md)
  --dry-run          affiche ce qui changerait, sans rien enregistrer
  --partial          importe les lignes valides même si d'autres sont rejetées

Chaque ligne rejetée est signalée (fichier, ligne, motif) ; sans --partial, rien n'est
importé s'il y en a une. Sans communes déclarées, le territoire d'une Mission Locale est
approché par les communes de l'EPCI de son siège. Crée aussi l'UNML, CUF et les
associations régionales s'ils n'existent pas. Une seule transaction.
Lancez d'abord « passerelle import geography ».`,
  async run(args, config) {
    const { values, positionals } = parse(args, {
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
      partial: { type: 'boolean' },
    });
    const format = values.format as MlFormat | undefined;
    if (!format || !ML_FORMATS.includes(format))
      throw new CliError('Indiquez --format imilo, --format annuaire ou --format csv.');
    if (!positionals.length) throw new CliError('Indiquez au moins un fichier à importer.');
    const files = positionals.map((p) => {
      try {
        return { name: basename(p), content: readFileSync(p, 'utf8') };
      } catch (e) {
        throw new CliError(`Fichier illisible : ${p} (${(e as Error).message})`);
      }
    });
    await withDeps(config, async (deps) => {
      const report = await importMissionsLocales(deps.db, {
        format,
        files,
        dryRun: !!values['dry-run'],
        partial: !!values.partial,
      });
      process.stdout.write(formatMlReport(report));
      if (report.rejected.length && !report.imported && !report.dryRun) process.exitCode = 1;
    });
  },
};

/** CLI commands of the directory module. */
export const directoryCommands: Command[] = [importGeographyCommand, importMissionsLocalesCommand];
