import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditContext } from '../../../audit/audit.js';
import type { Db } from '../../../db/client.js';
import { importMissionsLocales, type MlImportReport } from './import-missions-locales.js';

/**
 * The national list of Missions Locales shipped with Passerelle: a snapshot of the I-Milo
 * structures list (MIT), in Passerelle's CSV template, provenance in `data/README.md`.
 * Resolved from this file's folder, never from an absolute path.
 */
export const BUILTIN_ML_FILE = join(dirname(fileURLToPath(import.meta.url)), 'data', 'missions-locales.csv');
export const BUILTIN_ML_NAME = 'liste livrée avec Passerelle (I-Milo, septembre 2023)';
/** Recorded as the organisations' `source`. */
export const BUILTIN_ML_SOURCE = 'imilo';

export function builtinMissionsLocalesFile() {
  return { name: BUILTIN_ML_NAME, content: readFileSync(BUILTIN_ML_FILE, 'utf8') };
}

/**
 * `passerelle import missions-locales --builtin` and the admin page's button: the shipped
 * list, through the same import as any file (one transaction, idempotent: a second run
 * changes nothing). Needs the geography.
 */
export function importBuiltinMissionsLocales(
  db: Db,
  opts: { dryRun?: boolean; actor?: AuditContext } = {},
): Promise<MlImportReport> {
  return importMissionsLocales(db, {
    format: 'csv',
    files: [builtinMissionsLocalesFile()],
    dryRun: opts.dryRun,
    actor: opts.actor,
    source: BUILTIN_ML_SOURCE,
  });
}
