import { describe, expect, it } from 'vitest';
import { sql } from './sql.js';

describe('sql tagged template', () => {
  it('sends every value as a parameter, never in the text', () => {
    const name = "O'Brien; DROP TABLE users; --";
    const q = sql`SELECT * FROM users WHERE name = ${name} AND age > ${18}`.toQuery();
    expect(q.text).toBe('SELECT * FROM users WHERE name = $1 AND age > $2');
    expect(q.values).toEqual([name, 18]);
  });

  it('nests fragments and numbers parameters across them', () => {
    const where = sql`kind = ${'mission_locale'}`;
    const q = sql`SELECT 1 WHERE ${where} AND id IN (${sql.join([1, 2, 3])}) ${sql.empty}`.toQuery();
    expect(q.text).toBe('SELECT 1 WHERE kind = $1 AND id IN ($2, $3, $4) ');
    expect(q.values).toEqual(['mission_locale', 1, 2, 3]);
  });

  it('joins fragments with a chosen separator and inserts raw identifiers', () => {
    const q =
      sql`SELECT ${sql.raw('name')} FROM t WHERE ${sql.join([sql`a = ${1}`, sql`b = ${2}`], sql` AND `)}`.toQuery();
    expect(q.text).toBe('SELECT name FROM t WHERE a = $1 AND b = $2');
    expect(q.values).toEqual([1, 2]);
  });
});
