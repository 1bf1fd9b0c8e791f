import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditContext } from '../../../audit/audit.js';
import type { Db } from '../../../db/client.js';
import { yieldToRequests } from '../../../http/activity.js';
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
export async function importBuiltinMissionsLocales(
  db: Db,
  opts: {
    dryRun?: boolean;
    actor?: AuditContext;
    /** Rows per transaction (background import: small transactions so pages keep answering). */
    chunkRows?: number;
    pauseMs?: number;
    /** Import the rows that resolve even when others do not (a partial geography). */
    partial?: boolean;
  } = {},
): Promise<MlImportReport> {
  const file = builtinMissionsLocalesFile();
  const [header, ...lines] = file.content.split('\n').filter((l) => l.trim());
  const size = opts.chunkRows ?? lines.length;
  let total: MlImportReport | null = null;
  for (let i = 0; i < lines.length; i += size) {
    if (i && opts.pauseMs) await yieldToRequests(opts.pauseMs);
    const r = await importMissionsLocales(db, {
      format: 'csv',
      files: [{ name: file.name, content: [header, ...lines.slice(i, i + size)].join('\n') }],
      dryRun: opts.dryRun,
      partial: opts.partial,
      actor: opts.actor,
      source: BUILTIN_ML_SOURCE,
    });
    if (!total) total = r;
    else {
      total.read += r.read;
      total.accepted += r.accepted;
      total.rejected.push(...r.rejected);
      total.created += r.created;
      total.updated += r.updated;
      total.unchanged += r.unchanged;
      total.changes.push(...r.changes);
      total.networks.created += r.networks.created;
      total.durationMs += r.durationMs;
      total.imported &&= r.imported;
    }
  }
  return total!;
}
