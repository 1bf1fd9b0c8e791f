import { once } from 'node:events';
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { audit } from '../audit/audit.js';
import type { Db, Queryable } from './client.js';
import { MIGRATIONS_DIR, migrate, migrationFiles } from './migrate.js';
import { sql } from './sql.js';

/**
 * Logical, portable backups: one gzipped file of JSON lines that PGlite and PostgreSQL
 * both write and read (a backup taken from one restores into the other).
 *
 *   {"format":"passerelle-backup","version":1,"createdAt":…,"source":"pglite","migrations":[…]}
 *   {"table":"organisations","columns":["id","kind",…]}
 *   {"r":{…one row, as PostgreSQL's row_to_json gives it…}}
 *   …
 *   {"end":true,"tables":12,"rows":3456}
 *
 * Tables come in foreign-key order (parents first), so rows are inserted as they are
 * read. The end line proves the file is complete. Generated columns are not saved.
 *
 * The audit log stays append-only: a restore only INSERTs into it (which its trigger
 * allows); it is never emptied, not even with `force`.
 */
export const BACKUP_FORMAT = 'passerelle-backup';
export const BACKUP_VERSION = 1;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Tables whose rows mean "this database holds data" (a restore refuses to overwrite them). */
const DATA_TABLES = ['organisations', 'users', 'audit_log'] as const;
/** Never emptied: the append-only journal. */
const APPEND_ONLY = 'audit_log';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface TableInfo {
  name: string;
  /** Columns that are stored (generated ones excluded), in table order. */
  columns: string[];
  primaryKey: string[];
  /** A single-column foreign key to the table itself: rows must come parents first. */
  selfReference: { column: string; references: string } | null;
}

/** The application's tables (public schema, without schema_migrations), parents before children. */
export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const tables = await db.many<{ name: string }>(sql`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> 'schema_migrations'
    ORDER BY c.relname`);
  const cols = await db.many<{ table: string; column: string }>(sql`
    SELECT c.relname AS "table", a.attname AS "column" FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`);
  const pks = await db.many<{ table: string; column: string }>(sql`
    SELECT c.relname AS "table", a.attname AS "column"
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
    WHERE n.nspname = 'public' AND k.contype = 'p'
    ORDER BY c.relname, u.ord`);
  const fks = await db.many<{
    child: string;
    parent: string;
    child_cols: string[];
    parent_cols: string[];
  }>(sql`
    SELECT ch.relname AS child, pa.relname AS parent,
      ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o) AS child_cols,
      ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o) AS parent_cols
    FROM pg_constraint k
    JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_namespace n ON n.oid = ch.relnamespace
    JOIN pg_class pa ON pa.oid = k.confrelid
    WHERE n.nspname = 'public' AND k.contype = 'f'`);
  const names = tables.map((t) => t.name);
  const info = new Map<string, TableInfo>(
    names.map((name) => [
      name,
      {
        name,
        columns: cols.filter((c) => c.table === name).map((c) => c.column),
        primaryKey: pks.filter((p) => p.table === name).map((p) => p.column),
        selfReference: null,
      },
    ]),
  );
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const fk of fks) {
    if (!info.has(fk.child) || !info.has(fk.parent)) continue;
    if (fk.child === fk.parent) {
      if (fk.child_cols.length === 1)
        info.get(fk.child)!.selfReference = { column: fk.child_cols[0], references: fk.parent_cols[0] };
      continue;
    }
    parents.get(fk.child)!.add(fk.parent);
  }
  // Kahn's algorithm, alphabetical among equals so the order is stable.
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (done.size < names.length) {
    const ready = names.filter((n) => !done.has(n) && [...parents.get(n)!].every((p) => done.has(p)));
    if (ready.length === 0) {
      const cycle = names.filter((n) => !done.has(n));
      throw new BackupError(`Dépendances circulaires entre les tables : ${cycle.join(', ')}`);
    }
    for (const n of ready) {
      done.add(n);
      ordered.push(info.get(n)!);
    }
  }
  return ordered;
}

async function appliedMigrations(db: Queryable): Promise<string[]> {
  const exists = await db.one<{ t: string | null }>(
    sql`SELECT to_regclass('public.schema_migrations')::text AS t`,
  );
  if (!exists.t) return [];
  return (await db.many<{ name: string }>(sql`SELECT name FROM schema_migrations ORDER BY name`)).map(
    (r) => r.name,
  );
}

/** Rows of a self-referencing table, reordered so that every parent precedes its children. */
function parentsFirst(rows: string[], t: TableInfo): string[] {
  const ref = t.selfReference!;
  const parsed = rows.map((j) => ({ j, row: JSON.parse(j) as Record<string, unknown> }));
  const placed = new Set<unknown>();
  const out: string[] = [];
  let pending = parsed;
  while (pending.length) {
    const next = pending.filter((p) => {
      const parent = p.row[ref.column];
      if (parent == null || placed.has(parent) || parent === p.row[ref.references]) {
        placed.add(p.row[ref.references]);
        out.push(p.j);
        return false;
      }
      return true;
    });
    if (next.length === pending.length) {
      // Parents outside the backup (should not happen): keep them, the restore will say which.
      out.push(...next.map((p) => p.j));
      break;
    }
    pending = next;
  }
  return out;
}

export interface BackupSummary {
  file: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
  rows: number;
}

const CHUNK = 2000;

/**
 * Writes a backup of every table to `file` (gzipped JSON lines), from one consistent
 * snapshot (REPEATABLE READ, read-only). The file appears only once complete.
 */
export async function backupDatabase(db: Db, file: string, now: Date = new Date()): Promise<BackupSummary> {
  const tmp = `${file}.partiel`;
  const gz = createGzip();
  const done = pipeline(gz, createWriteStream(tmp));
  const write = async (obj: unknown | string) => {
    if (!gz.write(`${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n`)) await once(gz, 'drain');
  };
  try {
    const summary = await db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const migrations = await appliedMigrations(tx);
      if (migrations.length === 0)
        throw new BackupError('La base n’est pas initialisée : rien à sauvegarder.');
      const tables = await listTables(tx);
      await write({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: now.toISOString(),
        source: db.kind,
        migrations,
      });
      const counts: { name: string; rows: number }[] = [];
      let total = 0;
      for (const t of tables) {
        await write({ table: t.name, columns: t.columns });
        const cols = sql.raw(t.columns.map(quoteIdent).join(', '));
        const order = sql.raw((t.primaryKey.length ? t.primaryKey : t.columns).map(quoteIdent).join(', '));
        const from = sql.raw(quoteIdent(t.name));
        let n = 0;
        const buffered: string[] = [];
        // A cursor reads the table once, in chunks (OFFSET would rescan it each time).
        await tx.run(
          sql`DECLARE passerelle_backup NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM (SELECT ${cols} FROM ${from} ORDER BY ${order}) x`,
        );
        for (;;) {
          const rows = await tx.many<{ j: string }>(sql.raw(`FETCH ${CHUNK} FROM passerelle_backup`));
          for (const r of rows) {
            if (t.selfReference) buffered.push(r.j);
            else await write(`{"r":${r.j}}`);
          }
          n += rows.length;
          if (rows.length < CHUNK) break;
        }
        await tx.run(sql`CLOSE passerelle_backup`);
        if (t.selfReference) for (const j of parentsFirst(buffered, t)) await write(`{"r":${j}}`);
        counts.push({ name: t.name, rows: n });
        total += n;
      }
      await write({ end: true, tables: tables.length, rows: total });
      return { file, migrations, tables: counts, rows: total };
    });
    gz.end();
    await done;
    renameSync(tmp, file);
    return summary;
  } catch (e) {
    gz.destroy();
    await done.catch(() => {});
    rmSync(tmp, { force: true });
    throw e;
  }
}

type Line =
  | { format: string; version: number; createdAt: string; source: string; migrations: string[] }
  | { table: string; columns: string[] }
  | { r: Record<string, unknown> }
  | { end: true; tables: number; rows: number };

async function* readLines(file: string): AsyncGenerator<Line> {
  if (!existsSync(file)) throw new BackupError(`Fichier introuvable : ${file}`);
  const source = createReadStream(file);
  const input = createGunzip();
  source.on('error', (e) => input.destroy(e));
  source.pipe(input);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      if (!line) continue;
      try {
        yield JSON.parse(line) as Line;
      } catch {
        throw new BackupError(`Sauvegarde illisible : ligne ${n} invalide.`);
      }
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError(`Fichier introuvable : ${file}`);
    throw new BackupError(
      `Sauvegarde illisible (${file}) : ce n’est pas une sauvegarde Passerelle compressée.`,
    );
  }
}

/** The header of a backup file (format check included). */
export async function readBackupHeader(file: string) {
  for await (const line of readLines(file)) {
    if (!('format' in line) || line.format !== BACKUP_FORMAT)
      throw new BackupError(`${file} n’est pas une sauvegarde Passerelle.`);
    if (line.version !== BACKUP_VERSION)
      throw new BackupError(
        `Version de sauvegarde ${line.version} non prise en charge (attendue : ${BACKUP_VERSION}).`,
      );
    return line;
  }
  throw new BackupError(`${file} est vide.`);
}

/** The extensions the migrations create (`CREATE EXTENSION [IF NOT EXISTS] name`), in order. */
export function extensionsOf(dir: string, files: string[]): string[] {
  const names: string[] = [];
  for (const f of files) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(
      /CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z0-9_]+)"?/gi,
    )) {
      const name = m[1].toLowerCase();
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

/**
 * On PostgreSQL, checks before anything is written that the connected role can create
 * the extensions the migrations need (a superuser can; another role only the "trusted"
 * ones, and only with the CREATE right on the database). Refuses with a French message
 * naming the role, the missing right and how a superuser grants it — not a stack trace.
 */
export async function checkExtensionRights(db: Db, extensions: string[]): Promise<void> {
  if (db.kind !== 'postgresql' || !extensions.length) return;
  const who = await db.one<{
    role: string;
    database: string;
    superuser: boolean;
    can_create: boolean;
    can_create_tables: boolean;
  }>(sql`
    SELECT current_user AS role, current_database() AS database,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           has_database_privilege(current_database(), 'CREATE') AS can_create,
           has_schema_privilege('public', 'CREATE') AS can_create_tables`);
  if (who.superuser) return;
  const rows = await db.many<{ name: string; installed: boolean; available: boolean; trusted: boolean }>(sql`
    SELECT n.name,
           EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = n.name) AS installed,
           EXISTS (SELECT 1 FROM pg_available_extension_versions v WHERE v.name = n.name) AS available,
           COALESCE((SELECT bool_or(v.trusted) FROM pg_available_extension_versions v WHERE v.name = n.name), false) AS trusted
      FROM unnest(${extensions}::text[]) AS n(name)`);
  const missing = rows.filter((r) => !r.installed);
  const db_ = `"${who.database.replaceAll('"', '""')}"`;
  const role = `"${who.role.replaceAll('"', '""')}"`;
  const schemaLine = who.can_create_tables
    ? null
    : `Il manque au rôle le droit CREATE sur le schéma public (pour créer les tables) : GRANT CREATE ON SCHEMA public TO ${role};`;
  if (!missing.length && !schemaLine) return;
  const unavailable = missing.filter((r) => !r.available).map((r) => r.name);
  if (unavailable.length) {
    throw new BackupError(
      `Le serveur PostgreSQL ne fournit pas les extensions ${unavailable.join(', ')} : installez le paquet des extensions ` +
        `(« postgresql-contrib » sur Debian/Ubuntu), puis relancez la restauration.`,
    );
  }
  const superOnly = missing.filter((r) => !r.trusted).map((r) => r.name);
  const needsCreate = !who.can_create && missing.some((r) => r.trusted);
  if (!superOnly.length && !needsCreate && !schemaLine) return;
  const parts = [
    superOnly.length || needsCreate
      ? `Le rôle PostgreSQL « ${who.role} » ne peut pas créer les extensions dont Passerelle a besoin dans la base « ${who.database} » : aucune donnée n’a été restaurée.`
      : `Le rôle PostgreSQL « ${who.role} » ne peut pas créer les tables de Passerelle dans la base « ${who.database} » : aucune donnée n’a été restaurée.`,
  ];
  if (superOnly.length) {
    parts.push(
      `Les extensions ${superOnly.join(', ')} ne peuvent être créées que par un superutilisateur (droit SUPERUSER). ` +
        `Demandez à un administrateur PostgreSQL de les créer une fois dans cette base, par exemple : ` +
        `psql -d ${db_} -c 'CREATE EXTENSION IF NOT EXISTS ${missing.map((r) => r.name).join('; CREATE EXTENSION IF NOT EXISTS ')};'`,
    );
  }
  if (needsCreate) {
    parts.push(
      `Il manque aussi au rôle le droit CREATE sur la base (nécessaire pour ${missing
        .filter((r) => r.trusted)
        .map((r) => r.name)
        .join(', ')}) : GRANT CREATE ON DATABASE ${db_} TO ${role};`,
    );
  }
  if (schemaLine) parts.push(schemaLine);
  parts.push(
    'Ces commandes sont à lancer par un superutilisateur PostgreSQL ; relancez ensuite « passerelle restore ».',
  );
  throw new BackupError(parts.join('\n'));
}

/** A PostgreSQL "insufficient privilege" error during migrations → a plain French message. */
function rightsError(e: unknown): never {
  const err = e as { code?: string; message?: string; hint?: string };
  if (err?.code === '42501')
    throw new BackupError(
      `PostgreSQL refuse une opération de mise en place de la base : ${err.message}.` +
        (err.hint ? ` (${err.hint})` : '') +
        ' Donnez ce droit au rôle de DATABASE_URL (ou faites-le par un superutilisateur), puis relancez « passerelle restore » : aucune donnée n’a été restaurée.',
    );
  throw e;
}

export interface RestoreSummary {
  source: string;
  createdAt: string;
  tables: { name: string; rows: number }[];
  rows: number;
  /** Audit entries already present (identical): not inserted twice. */
  auditKept: number;
  /** Audit entries whose number was taken by a different entry: appended with a new number. */
  auditRenumbered: number;
  /** Things the operator should know (French sentences). */
  warnings: string[];
}

/** How many rows the tables that hold real data have ("is this database empty?"). */
export async function dataCounts(db: Queryable): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of DATA_TABLES) {
    const exists = await db.one<{ t: string | null }>(sql`SELECT to_regclass(${`public.${t}`})::text AS t`);
    out[t] = exists.t
      ? (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(quoteIdent(t))}`)).n
      : 0;
  }
  return out;
}

/**
 * Restores a backup. The database is first migrated to the backup's migrations (so the
 * rows fit), the rows are inserted in one transaction, sequences are moved past the
 * restored ids, then the remaining migrations run. A database that already holds data is
 * refused unless `force`: then every table but the append-only audit log is emptied
 * first, and the backup's audit entries are added to the existing ones.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  opts: { force?: boolean; migrationsDir?: string } = {},
): Promise<RestoreSummary> {
  const dir = opts.migrationsDir ?? MIGRATIONS_DIR;
  const header = await readBackupHeader(file);
  const known = new Set(migrationFiles(dir));
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new BackupError(
      `Cette sauvegarde vient d’une version plus récente de Passerelle (migrations inconnues : ${unknown.join(', ')}). Mettez Passerelle à jour avant de la restaurer.`,
    );
  }
  // Bring the schema to the backup's version (not further: later migrations may reshape data).
  const applied = new Set(await appliedMigrations(db));
  const warnings: string[] = [];
  const ahead = [...applied].filter((m) => !header.migrations.includes(m));
  if (ahead.length) {
    warnings.push(
      `La base était déjà à une version plus récente que la sauvegarde (${ahead.join(', ')}) : ` +
        'les données ont été insérées telles quelles, les colonnes ajoutées depuis ont leur valeur par défaut. ' +
        'Pour une restauration fidèle, restaurez dans une base neuve, non initialisée.',
    );
  }
  if (header.migrations.some((m) => !applied.has(m))) {
    // Every migration still to run (the backup's and the later ones) — checked before any write.
    await checkExtensionRights(
      db,
      extensionsOf(
        dir,
        [...known].filter((m) => !applied.has(m)),
      ),
    );
    const partial = mkdtempSync(join(tmpdir(), 'passerelle-migrations-'));
    try {
      for (const m of header.migrations) copyFileSync(join(dir, m), join(partial, m));
      await migrate(db, partial).catch(rightsError);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  const counts = await dataCounts(db);
  if (Object.values(counts).some((n) => n > 0) && !opts.force) {
    throw new BackupError(
      `La base contient déjà des données (${counts.organisations} organisation(s), ${counts.users} compte(s), ${counts.audit_log} entrée(s) du journal). ` +
        'Restaurez dans une base vide, ou relancez avec --force pour effacer les données avant de restaurer ' +
        '(le journal des modifications, inaltérable, est conservé et complété).',
    );
  }

  const summary = await db.transaction(async (tx) => {
    const tables = await listTables(tx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    // Empty everything but the journal, children first (rows some migrations insert too).
    for (const t of [...tables].reverse()) {
      if (t.name !== APPEND_ONLY) await tx.run(sql`DELETE FROM ${sql.raw(quoteIdent(t.name))}`);
    }
    const auditHadRows = (await tx.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).n > 0;
    const restored: { name: string; rows: number }[] = [];
    const renumber: Record<string, unknown>[] = [];
    let current: { t: TableInfo; columns: string[]; batch: Record<string, unknown>[]; rows: number } | null =
      null;
    let auditKept = 0;
    let ended: { tables: number; rows: number } | null = null;
    let first = true;
    let total = 0;

    const flush = async () => {
      if (!current || current.batch.length === 0) return;
      const { t, columns, batch } = current;
      const target = sql.raw(quoteIdent(t.name));
      const cols = sql.raw(columns.map(quoteIdent).join(', '));
      const recs = sql`json_populate_recordset(NULL::${target}, ${JSON.stringify(batch)}::json)`;
      if (t.name === APPEND_ONLY && auditHadRows) {
        // Existing journal entries stay; identical ones are not duplicated, different
        // ones that share a number are appended afterwards with a new number.
        const inserted = await tx.run(
          sql`INSERT INTO audit_log (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${recs} r
              WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = r.id)`,
        );
        const clashes = await tx.many<{ j: Record<string, unknown> }>(
          sql`SELECT row_to_json(r) AS j FROM ${recs} r JOIN audit_log a ON a.id = r.id
              WHERE to_jsonb(a) - 'id' <> to_jsonb(r) - 'id'
                AND NOT EXISTS (SELECT 1 FROM audit_log b WHERE to_jsonb(b) - 'id' = to_jsonb(r) - 'id')`,
        );
        renumber.push(...clashes.map((c) => c.j));
        auditKept += batch.length - inserted - clashes.length;
      } else {
        await tx.run(
          sql`INSERT INTO ${target} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${recs}`,
        );
      }
      current.rows += batch.length;
      current.batch = [];
    };

    for await (const line of readLines(file)) {
      if (first) {
        first = false;
        continue; // the header, already checked
      }
      if (ended) throw new BackupError('Sauvegarde invalide : des lignes suivent la fin.');
      if ('table' in line) {
        await flush();
        if (current) restored.push({ name: current.t.name, rows: current.rows });
        const t = byName.get(line.table);
        if (!t)
          throw new BackupError(`La table « ${line.table} » de la sauvegarde n’existe pas dans cette base.`);
        const missing = line.columns.filter((c) => !t.columns.includes(c));
        if (missing.length)
          throw new BackupError(
            `Les colonnes ${missing.join(', ')} de la table « ${t.name} » n’existent pas dans cette base.`,
          );
        current = { t, columns: line.columns, batch: [], rows: 0 };
      } else if ('r' in line) {
        if (!current) throw new BackupError('Sauvegarde invalide : une ligne de données précède sa table.');
        current.batch.push(line.r);
        total++;
        if (current.batch.length >= 500) await flush();
      } else if ('end' in line) {
        await flush();
        if (current) restored.push({ name: current.t.name, rows: current.rows });
        current = null;
        ended = line;
      }
    }
    if (!ended)
      throw new BackupError('Sauvegarde incomplète : la fin du fichier manque (copie interrompue ?).');
    if (ended.rows !== total)
      throw new BackupError(`Sauvegarde incohérente : ${total} lignes lues, ${ended.rows} annoncées.`);

    // Sequences (serial and identity columns) continue after the restored ids.
    const seqs = await tx.many<{ tbl: string; col: string; seq: string }>(sql`
      SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`);
    for (const s of seqs) {
      await tx.run(sql`SELECT setval(${s.seq}::regclass,
        coalesce((SELECT max(${sql.raw(quoteIdent(s.col))}) FROM ${sql.raw(quoteIdent(s.tbl))}), 0) + 1, false)`);
    }
    for (const row of renumber) {
      const cols = Object.keys(row).filter((k) => k !== 'id' && byName.get(APPEND_ONLY)!.columns.includes(k));
      const list = sql.raw(cols.map(quoteIdent).join(', '));
      await tx.run(
        sql`INSERT INTO audit_log (${list}) SELECT ${list} FROM json_populate_record(NULL::audit_log, ${JSON.stringify(row)}::json)`,
      );
    }
    await audit(
      tx,
      { actor: { kind: 'system', label: 'passerelle restore' } },
      {
        action: 'backup.restored',
        entityType: 'database',
        after: { source: header.source, createdAt: header.createdAt, rows: total, force: !!opts.force },
      },
    );
    // Materialised views are computed from the tables: refresh them.
    const views = await tx.many<{ name: string }>(
      sql`SELECT matviewname AS name FROM pg_matviews WHERE schemaname = 'public'`,
    );
    for (const v of views) await tx.exec(`REFRESH MATERIALIZED VIEW ${quoteIdent(v.name)}`);
    return {
      source: header.source,
      createdAt: header.createdAt,
      tables: restored,
      rows: total,
      auditKept,
      auditRenumbered: renumber.length,
      warnings,
    };
  });
  await migrate(db, dir);
  return summary;
}
