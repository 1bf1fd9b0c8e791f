import type { Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { enqueue, type JobHandler } from '../../../jobs/queue.js';
import { importGeography } from './import-geography.js';

/** Background import of the official geography (the same code as `passerelle import geography`). */
export const IMPORT_GEOGRAPHY_JOB = 'directory.import-geography';

export function territoryJobs(): Record<string, JobHandler> {
  return {
    [IMPORT_GEOGRAPHY_JOB]: async (_job, db) => {
      await importGeography(db);
    },
  };
}

/**
 * Queues the import when no commune is known yet. Not done automatically at the first
 * demo start: with the embedded database the import transaction (≈ 15 s of CPU) makes
 * every page wait, so it is started on purpose (CLI or the admin import page).
 */
export async function queueGeographyImportIfEmpty(tx: Queryable): Promise<boolean> {
  const any = await tx.maybeOne(sql`SELECT 1 FROM communes LIMIT 1`);
  if (any) return false;
  return (
    (await enqueue(tx, IMPORT_GEOGRAPHY_JOB, {}, { dedupeKey: IMPORT_GEOGRAPHY_JOB, maxAttempts: 2 })) !==
    null
  );
}
