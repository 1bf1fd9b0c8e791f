import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError, type Command, parse, withDeps } from '../../cli/command.js';
import { sql } from '../../db/sql.js';
import { BUILTIN_ML_NAME, importBuiltinMissionsLocales } from './territory/builtin-missions-locales.js';
import { ML_FORMATS, type MlFormat } from './territory/domain/missions-locales.js';
import {
  formatGeographyReport,
  type GeographyProgress,
  geographyProgress,
  importGeography,
} from './territory/import-geography.js';
import { formatMlReport, importMissionsLocales } from './territory/import-missions-locales.js';
import { firstStartState } from './territory/jobs.js';

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
communes. Par petites transactions (l'avancement s'affiche) : un import interrompu reprend
là où il s'était arrêté au lancement suivant.`,
  async run(args, config) {
    const { positionals } = parse(args, {});
    if (positionals.length) throw new CliError(`Argument inattendu : ${positionals[0]}`);
    await withDeps(config, async (deps) => {
      let shown = -1;
      const report = await importGeography(deps.db, undefined, {
        onProgress: (p) => {
          const pct = Math.floor((100 * p.done) / p.total);
          if (pct >= shown + 10 || p.done === p.total) {
            shown = pct;
            process.stderr.write(`${progressLine(p)}\n`);
          }
        },
      });
      process.stdout.write(formatGeographyReport(report));
    });
  },
};

/** « Géographie : 45 % (132/291 transactions) — collectivités 9001–9500 sur 36345 » */
export function progressLine(p: GeographyProgress): string {
  const pct = Math.floor((100 * p.done) / Math.max(1, p.total));
  return `Géographie : ${pct} % (${p.done}/${p.total} transactions) — ${p.step}`;
}

const importStatusCommand: Command = {
  name: 'import status',
  summary: 'Où en est l’import de l’annuaire national (géographie, Missions Locales)',
  help: `passerelle import status

Affiche l'avancement de l'import de la géographie (en cours, terminé ou en échec), celui de
l'import du premier démarrage en mode démonstration, et ce que contient l'annuaire.`,
  async run(args, config) {
    const { positionals } = parse(args, {});
    if (positionals.length) throw new CliError(`Argument inattendu : ${positionals[0]}`);
    await withDeps(config, async (deps) => {
      const geo = await geographyProgress(deps.db);
      const first = await firstStartState(deps.db);
      const n = await deps.db.one<{ communes: number; ml: number; authorities: number }>(sql`SELECT
        (SELECT count(*)::int FROM communes) AS communes,
        (SELECT count(*)::int FROM organisations WHERE kind = 'mission_locale' AND NOT is_demo) AS ml,
        (SELECT count(*)::int FROM organisations WHERE kind = 'local_authority' AND NOT is_demo) AS authorities`);
      const lines = [
        geo
          ? `${progressLine(geo)} — ${geo.status === 'done' ? 'terminé' : geo.status === 'failed' ? `en échec : ${geo.error ?? ''}` : 'en cours'}`
          : 'Géographie : jamais importée (passerelle import geography).',
        first
          ? `Premier démarrage (démonstration) : ${FIRST_START_PHASES[first.phase]}`
          : 'Premier démarrage (démonstration) : aucun import en attente.',
        `Annuaire : ${n.communes} communes, ${n.authorities} collectivités, ${n.ml} Missions Locales.`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  },
};

const FIRST_START_PHASES = {
  queued: 'en attente du traitement de fond',
  geography: 'import de la géographie',
  missions_locales: 'import de la liste des Missions Locales',
  demo: 'placement des données de démonstration',
  done: 'terminé',
} as const;

const importMissionsLocalesCommand: Command = {
  name: 'import missions-locales',
  summary: 'Importe les Missions Locales (I-Milo, Annuaire de l’administration ou modèle CSV)',
  help: `passerelle import missions-locales --format imilo|annuaire|csv FICHIER… [--dry-run] [--partial]
passerelle import missions-locales --builtin [--dry-run]

  --builtin          la liste nationale livrée avec Passerelle (448 Missions Locales, liste I-Milo
                     de septembre 2023, licence MIT ; provenance :
                     src/modules/directory/territory/data/README.md)
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
      builtin: { type: 'boolean' },
    });
    if (values.builtin) {
      if (values.format || positionals.length)
        throw new CliError('--builtin charge la liste livrée : sans --format ni fichier.');
      await withDeps(config, async (deps) => {
        process.stderr.write(`Import de la ${BUILTIN_ML_NAME}…\n`);
        const report = await importBuiltinMissionsLocales(deps.db, { dryRun: !!values['dry-run'] });
        process.stdout.write(formatMlReport(report));
        if (report.rejected.length && !report.imported && !report.dryRun) process.exitCode = 1;
      });
      return;
    }
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
export const directoryCommands: Command[] = [
  importGeographyCommand,
  importMissionsLocalesCommand,
  importStatusCommand,
];
