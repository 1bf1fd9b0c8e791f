import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, type Command, parse, requireExistingPglite, withDeps } from '../../cli/command.js';
import { BackupError, backupDatabase, restoreDatabase } from '../../db/backup.js';
import { sql } from '../../db/sql.js';
import { drainJobs, releaseStaleJobs } from '../../jobs/queue.js';
import { jobHandlers } from '../../jobs/worker.js';

const out = (s: string) => process.stdout.write(`${s}\n`);
const fr = new Intl.NumberFormat('fr-FR');

/** BackupError → CliError: a plain message, exit 1. */
async function plain<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof BackupError) throw new CliError(e.message);
    throw e;
  }
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Sauvegarde toute la base dans un fichier portable',
  help: `passerelle backup <fichier> [--force]

Écrit une sauvegarde logique de toute la base (format portable : lignes JSON compressées
en gzip, tables dans l'ordre des clés étrangères, liste des migrations appliquées).
Une sauvegarde de la base embarquée (PGlite) se restaure dans PostgreSQL, et inversement.

  --force   remplace le fichier s'il existe déjà

Avec la base embarquée, arrêtez d'abord le serveur (il tient le dossier de données).
Exemple : passerelle backup sauvegardes/passerelle-$(date +%F).jsonl.gz`,
  async run(args, config) {
    const { values, positionals } = parse(args, { force: { type: 'boolean' } });
    if (positionals.length !== 1)
      throw new CliError('Indiquez le fichier de sauvegarde : passerelle backup <fichier>');
    const file = resolve(positionals[0]);
    if (existsSync(file) && !values.force)
      throw new CliError(
        `Le fichier ${file} existe déjà. Choisissez un autre nom, ou ajoutez --force pour le remplacer.`,
      );
    requireExistingPglite(config);
    await withDeps(
      config,
      (deps) =>
        plain(async () => {
          const applied = await deps.db.maybeOne<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'schema_migrations'`,
          );
          if (!applied || Number(applied.n) === 0)
            throw new CliError(
              `Cette base ne contient pas de données Passerelle (aucune migration appliquée) : rien à sauvegarder. Vérifiez DATA_DIR ou DATABASE_URL.`,
            );
          const s = await backupDatabase(deps.db, file, deps.now());
          out(
            `Sauvegarde écrite : ${file}\n${fr.format(s.rows)} lignes, ${s.tables.length} tables, ${s.migrations.length} migration(s).`,
          );
        }),
      { migrate: false },
    );
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restaure une sauvegarde dans une base vide',
  help: `passerelle restore <fichier> [--force]

Restaure une sauvegarde faite par « passerelle backup », depuis PGlite ou PostgreSQL.
La base est d'abord mise au niveau des migrations de la sauvegarde, les lignes sont
insérées dans une seule transaction (tout ou rien), les séquences sont recalées, puis
les migrations plus récentes sont appliquées.

La base doit être vide (aucune organisation, aucun compte, journal vide), sinon la
commande refuse.

  --force   efface d'abord les données de la base. Le journal des modifications est
            inaltérable : il n'est jamais effacé, les entrées de la sauvegarde y sont
            ajoutées (celles déjà présentes ne sont pas dupliquées).

Avec la base embarquée, arrêtez d'abord le serveur (il tient le dossier de données).`,
  async run(args, config) {
    const { values, positionals } = parse(args, { force: { type: 'boolean' } });
    if (positionals.length !== 1)
      throw new CliError('Indiquez le fichier à restaurer : passerelle restore <fichier>');
    const file = resolve(positionals[0]);
    if (!existsSync(file)) throw new CliError(`Fichier introuvable : ${file}`);
    await withDeps(
      config,
      (deps) =>
        plain(async () => {
          const s = await restoreDatabase(deps.db, file, { force: !!values.force });
          const lines = [
            `Sauvegarde du ${s.createdAt} (${s.source}) restaurée : ${fr.format(s.rows)} lignes dans ${s.tables.length} tables.`,
          ];
          if (s.auditKept)
            lines.push(`${fr.format(s.auditKept)} entrée(s) du journal déjà présentes, conservées.`);
          if (s.auditRenumbered)
            lines.push(
              `${fr.format(s.auditRenumbered)} entrée(s) du journal ajoutées sous un nouveau numéro.`,
            );
          for (const w of s.warnings) lines.push(`Attention : ${w}`);
          out(lines.join('\n'));
        }),
      { migrate: false },
    );
  },
};

export const jobsRunCommand: Command = {
  name: 'jobs run',
  summary: 'Exécute maintenant toutes les tâches prêtes',
  help: `passerelle jobs run

Exécute maintenant toutes les tâches de fond prêtes (envois d'e-mails, rappels…) et
affiche combien ont réussi, seront réessayées ou ont échoué. Les tâches « en cours »
depuis plus de 15 minutes (processus arrêté) sont d'abord remises en attente.`,
  async run(args, config) {
    const { positionals } = parse(args, {});
    if (positionals.length) throw new CliError(`Argument inattendu : ${positionals[0]}`);
    await withDeps(config, async (deps) => {
      const released = await releaseStaleJobs(deps.db, deps.now());
      const r = await drainJobs(deps.db, jobHandlers(deps), deps.now);
      const lines = [
        `Tâches exécutées : ${r.done} réussie(s), ${r.retry} à réessayer plus tard, ${r.failed} en échec.`,
      ];
      if (released) lines.unshift(`${released} tâche(s) bloquée(s) remise(s) en attente.`);
      out(lines.join('\n'));
    });
  },
};

/** CLI commands of the admin module. */
export const adminCommands: Command[] = [backupCommand, restoreCommand, jobsRunCommand];
