import { PGlite, types } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import type { Sql } from './sql.js';

/** Something queries can run on: the database itself or an open transaction. */
export interface Queryable {
  /** Rows of a query. */
  many<T = Record<string, unknown>>(query: Sql): Promise<T[]>;
  /** Exactly one row, or an error. */
  one<T = Record<string, unknown>>(query: Sql): Promise<T>;
  /** The first row or null. */
  maybeOne<T = Record<string, unknown>>(query: Sql): Promise<T | null>;
  /** Runs a statement; returns the number of affected rows. */
  run(query: Sql): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs `fn` in one transaction: everything or nothing. Operations open it once, at the top. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The PGlite instance, for backup of the embedded database. */
  readonly pglite?: PGlite;
}

export interface Tx extends Queryable {
  readonly inTransaction: true;
}

type RawQuery = (text: string, values: unknown[]) => Promise<{ rows: any[]; affectedRows: number }>;

function makeQueryable(rawQuery: RawQuery, rawExec: (s: string) => Promise<void>): Queryable {
  const many = async <T>(q: Sql): Promise<T[]> => {
    const { text, values } = q.toQuery();
    return (await rawQuery(text, values)).rows as T[];
  };
  return {
    many,
    async one<T>(q: Sql): Promise<T> {
      const rows = await many<T>(q);
      if (rows.length !== 1) throw new Error(`Expected one row, got ${rows.length}`);
      return rows[0];
    },
    async maybeOne<T>(q: Sql): Promise<T | null> {
      const rows = await many<T>(q);
      return rows[0] ?? null;
    },
    async run(q: Sql): Promise<number> {
      const { text, values } = q.toQuery();
      return (await rawQuery(text, values)).affectedRows;
    },
    exec: rawExec,
  };
}

/** Type readings shared by both drivers: dates stay 'YYYY-MM-DD' strings, int8 become numbers. */
const parseDate = (v: string) => v;
const parseInt8 = (v: string) => Number(v);
const parseNumeric = (v: string) => Number(v);

export const PGLITE_EXTENSIONS = { pg_trgm, unaccent, cube, earthdistance, pgcrypto };

export async function openPglite(dataDir?: string, loadDataDir?: Blob | File): Promise<Db> {
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: PGLITE_EXTENSIONS,
    parsers: {
      [types.DATE]: parseDate,
      [types.INT8]: parseInt8,
      [types.NUMERIC]: parseNumeric,
    },
  });
  const mk = (q: { query: PGlite['query']; exec: PGlite['exec'] }) =>
    makeQueryable(
      async (text, values) => {
        const r = await q.query(text, values);
        return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
      },
      async (s) => {
        await q.exec(s);
      },
    );
  const base = mk(pglite);
  return {
    ...base,
    kind: 'pglite',
    pglite,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      // PGlite runs one transaction at a time; plain queries wait for it to finish.
      return pglite.transaction(async (t) => fn({ ...mk(t as any), inTransaction: true }));
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

let pgTypesSet = false;
function setPgTypes() {
  if (pgTypesSet) return;
  pg.types.setTypeParser(1082, parseDate); // date
  pg.types.setTypeParser(20, parseInt8); // int8
  pg.types.setTypeParser(1700, parseNumeric); // numeric
  pgTypesSet = true;
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  setPgTypes();
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  const fromClient = (c: pg.Pool | pg.PoolClient) =>
    makeQueryable(
      async (text, values) => {
        const r = await c.query(text, values as any[]);
        return { rows: r.rows, affectedRows: r.rowCount ?? 0 };
      },
      async (s) => {
        await c.query(s);
      },
    );
  const base = fromClient(pool);
  return {
    ...base,
    kind: 'postgresql',
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ ...fromClient(client), inTransaction: true });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
