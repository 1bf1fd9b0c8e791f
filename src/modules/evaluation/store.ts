/** Reads of the evaluation module. */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';

/** Régions for the dashboard's filter (empty until the geography is imported). */
export const regionOptions = (db: Queryable) =>
  db.many<{ code: string; name: string }>(sql`SELECT code, name FROM regions ORDER BY name`);
