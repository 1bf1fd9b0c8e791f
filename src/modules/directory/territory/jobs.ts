import type { Db, Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { enqueue, type JobHandler } from '../../../jobs/queue.js';
import { importBuiltinMissionsLocales } from './builtin-missions-locales.js';
import { placeDemoInTerritory } from './demo-territory.js';
import type { CogData } from './domain/geography.js';
import { importGeography } from './import-geography.js';

/** Background import of the official geography (the same code as `passerelle import geography`). */
export const IMPORT_GEOGRAPHY_JOB = 'directory.import-geography';
/** First start in demo mode: geography, then the shipped Missions Locales, then the demo's territory. */
export const FIRST_START_JOB = 'directory.first-start-import';
export const FIRST_START_KEY = 'first_start_import';

/** Background imports keep to small transactions with a pause between them: pages keep answering. */
export const BACKGROUND = { chunkRows: 300, pauseMs: 10 } as const;

export interface FirstStartState {
  phase: 'queued' | 'geography' | 'missions_locales' | 'demo' | 'done';
  queuedAt: string;
  finishedAt: string | null;
  missionsLocales?: { created: number; updated: number; unchanged: number; rejected: number };
}

const setState = (db: Queryable, s: FirstStartState) =>
  db.run(sql`INSERT INTO app_meta (key, value) VALUES (${FIRST_START_KEY}, ${JSON.stringify(s)})
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);

export async function firstStartState(db: Queryable): Promise<FirstStartState | null> {
  return (
    (
      await db.maybeOne<{ value: FirstStartState }>(
        sql`SELECT value FROM app_meta WHERE key = ${FIRST_START_KEY}`,
      )
    )?.value ?? null
  );
}

/** The first-start import, step by step; each step is idempotent, so a restarted job resumes. */
export async function runFirstStartImport(db: Db, cog?: CogData): Promise<FirstStartState> {
  const state: FirstStartState = (await firstStartState(db)) ?? {
    phase: 'queued',
    queuedAt: new Date().toISOString(),
    finishedAt: null,
  };
  const actor = { actor: { kind: 'system' as const, label: 'premier démarrage (démonstration)' } };
  await setState(db, { ...state, phase: 'geography' });
  await importGeography(db, cog, { ...BACKGROUND, actorLabel: actor.actor.label });
  await setState(db, { ...state, phase: 'missions_locales' });
  const ml = await importBuiltinMissionsLocales(db, {
    actor,
    chunkRows: 50,
    pauseMs: BACKGROUND.pauseMs,
    partial: true,
  });
  state.missionsLocales = {
    created: ml.created,
    updated: ml.updated,
    unchanged: ml.unchanged,
    rejected: ml.rejected.length,
  };
  await setState(db, { ...state, phase: 'demo' });
  await db.transaction((tx) => placeDemoInTerritory(tx));
  const done: FirstStartState = { ...state, phase: 'done', finishedAt: new Date().toISOString() };
  await setState(db, done);
  return done;
}

export function territoryJobs(): Record<string, JobHandler> {
  return {
    [IMPORT_GEOGRAPHY_JOB]: async (_job, db) => {
      await importGeography(db, undefined, BACKGROUND);
    },
    [FIRST_START_JOB]: async (_job, db) => {
      await runFirstStartImport(db);
    },
  };
}

/**
 * At the first start in demo mode (and only then: the demo seed runs once), queue the import
 * of the national directory. Nothing is queued when the first-start import was queued before.
 */
export async function queueFirstStartImport(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (await firstStartState(tx)) return false;
    await setState(tx, { phase: 'queued', queuedAt: new Date().toISOString(), finishedAt: null });
    return (await enqueue(tx, FIRST_START_JOB, {}, { dedupeKey: FIRST_START_JOB, maxAttempts: 3 })) !== null;
  });
}

/** Queues the geography import when no commune is known yet (admin page, tests). */
export async function queueGeographyImportIfEmpty(tx: Queryable): Promise<boolean> {
  const any = await tx.maybeOne(sql`SELECT 1 FROM communes LIMIT 1`);
  if (any) return false;
  return (
    (await enqueue(tx, IMPORT_GEOGRAPHY_JOB, {}, { dedupeKey: IMPORT_GEOGRAPHY_JOB, maxAttempts: 2 })) !==
    null
  );
}
