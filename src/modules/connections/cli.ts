import { CliError, type Command, parse, withDeps } from '../../cli/command.js';
import { sql } from '../../db/sql.js';
import { translator } from '../../i18n/i18n.js';
import { isCountryCode } from '../directory/domain/countries.js';
import { explain, findMatches } from './find-matches.js';
import { runWeeklyDigest } from './opportunities.js';
import { sweepConnections } from './sweep-connections.js';

const t = translator('fr');

/** CLI commands of the connections module (rapprochement). */
export const connectionsCommands: Command[] = [
  {
    name: 'matches',
    summary: 'Affiche les rapprochements suggérés pour une organisation, avec leurs raisons',
    help: `passerelle matches <identifiant | code> [--theme=<code>] [--country=<ISO>] [--json]

Pour une Mission Locale (code I-Milo, par exemple 69123S00) : les collectivités de son territoire.
Pour une collectivité (code INSEE ou SIREN) : les Missions Locales qui servent son territoire.`,
    async run(args, config) {
      const { values, positionals } = parse(args, {
        theme: { type: 'string' },
        country: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (positionals.length !== 1) throw new CliError('Indiquez une organisation (identifiant ou code).');
      const country = values.country?.toUpperCase();
      if (country && !isCountryCode(country)) throw new CliError(`Pays inconnu : ${values.country}`);
      await withDeps(config, async (deps) => {
        const key = positionals[0];
        const orgs = await deps.db.many<{ id: string; name: string; kind: string; level: string | null }>(
          sql`SELECT id, name, kind, level FROM organisations
            WHERE ${/^[0-9a-f-]{36}$/i.test(key) ? sql`id = ${key}::uuid` : sql`code = ${key}`}
              AND kind IN ('mission_locale', 'local_authority') ORDER BY kind, level LIMIT 2`,
        );
        if (orgs.length === 0) throw new CliError(`Aucune Mission Locale ni collectivité pour « ${key} ».`);
        if (orgs.length > 1)
          throw new CliError(`« ${key} » désigne plusieurs organisations : donnez l’identifiant.`);
        const matches = await findMatches(deps.db, orgs[0], { theme: values.theme, country }, deps.now());
        if (values.json) {
          process.stdout.write(
            `${JSON.stringify(
              matches.map((m) => ({
                id: m.counterpart.id,
                name: m.counterpart.name,
                score: m.score,
                group: m.group,
                reasons: explain(t, m.reasons),
              })),
              null,
              2,
            )}\n`,
          );
          return;
        }
        const suggested = matches.filter((m) => m.group === 'suggested');
        process.stdout.write(`${orgs[0].name} : ${suggested.length} suggestion(s)\n`);
        for (const m of suggested)
          process.stdout.write(
            `\n${String(m.score).padStart(3)}  ${m.counterpart.name}\n     ${explain(t, m.reasons).join(' ')}\n`,
          );
        const below =
          matches.length - suggested.length - matches.filter((m) => m.group === 'no_known_activity').length;
        const quiet = matches.filter((m) => m.group === 'no_known_activity').length;
        if (below > 0)
          process.stdout.write(
            `\nEt ${below} collectivité(s) active(s) à l’international sous le score minimum.\n`,
          );
        if (quiet > 0)
          process.stdout.write(
            `\nEt ${quiet} collectivité(s) du territoire sans action internationale connue (--json pour les voir).\n`,
          );
      });
    },
  },
  {
    name: 'connections sweep',
    summary: 'Relance (7 jours) et fait expirer (30 jours) les demandes de mise en relation',
    help: 'passerelle connections sweep\n\nCe que fait la tâche horaire : un rappel au destinataire après 7 jours, l’expiration après 30 jours.',
    async run(args, config) {
      if (args.length) throw new CliError(`Argument inattendu : ${args[0]}`);
      await withDeps(config, async (deps) => {
        const r = await sweepConnections(deps);
        process.stdout.write(`${r.reminded} rappel(s), ${r.expired} expiration(s).\n`);
      });
    },
  },
  {
    name: 'connections digest',
    summary: 'Prépare la lettre hebdomadaire des opportunités de rapprochement',
    help: 'passerelle connections digest\n\nRelève les organisations nouvellement engagées ou ouvertes et met en file une lettre par personne et par semaine (jamais deux la même semaine).',
    async run(args, config) {
      if (args.length) throw new CliError(`Argument inattendu : ${args[0]}`);
      await withDeps(config, async (deps) => {
        const r = await runWeeklyDigest(deps);
        process.stdout.write(`${r.news} nouveauté(s), ${r.users} lettre(s) mise(s) en file.\n`);
      });
    },
  },
];
