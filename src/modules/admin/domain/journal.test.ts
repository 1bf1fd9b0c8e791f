import { describe, expect, it } from 'vitest';
import { changedKeys, csvCell, journalCsv, journalFiltersSchema, stableJson, withQuery } from './journal.js';

describe('journal diff', () => {
  it('keeps only the keys that changed, added or removed', () => {
    expect(
      changedKeys(
        { name: 'A', city: 'Lyon', tags: ['x'], gone: 1 },
        { name: 'B', city: 'Lyon', tags: ['x'], added: true },
      ),
    ).toEqual([
      { key: 'added', before: undefined, after: true },
      { key: 'gone', before: 1, after: undefined },
      { key: 'name', before: 'A', after: 'B' },
    ]);
  });
  it('a creation shows every key of the new state; a deletion every key of the old one', () => {
    expect(changedKeys(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1 }]);
    expect(changedKeys({ a: 1 }, null)).toEqual([{ key: 'a', before: 1, after: undefined }]);
    expect(changedKeys(null, null)).toEqual([]);
  });
  it('key order inside nested objects is not a change', () => {
    expect(changedKeys({ o: { a: 1, b: 2 } }, { o: { b: 2, a: 1 } })).toEqual([]);
    expect(stableJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });
  it('never shows secret-looking values (password hash, tokens), even nested', () => {
    expect(
      changedKeys(
        { password_hash: '$argon2id$old', name: 'A' },
        { password_hash: '$argon2id$new', name: 'A', nested: { apiToken: 'psl_x', ok: 1 } },
      ),
    ).toEqual([
      { key: 'nested', before: undefined, after: { apiToken: '[masqué]', ok: 1 } },
      { key: 'password_hash', before: '[masqué]', after: '[masqué]' },
    ]);
    expect(changedKeys({}, { token_hash: 'abc' })).toEqual([
      { key: 'token_hash', before: undefined, after: '[masqué]' },
    ]);
  });

  it('non-object states are compared as a whole', () => {
    expect(changedKeys('a', 'b')).toEqual([{ key: '', before: 'a', after: 'b' }]);
    expect(changedKeys([1], [1])).toEqual([]);
  });
});

describe('journal CSV', () => {
  it('quotes separators and neutralises formulas (CSV injection)', () => {
    expect(csvCell('simple')).toBe('simple');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
  it('writes a BOM, a header and one CRLF line per entry', () => {
    const row = {
      id: 7,
      at: new Date('2026-01-02T03:04:05Z'),
      actor_user_id: null,
      actor_label: 'système',
      action: 'x.created',
      entity_type: 'x',
      entity_id: '1',
      organisation_id: null,
      before: null,
      after: { a: 1 },
      request_id: null,
    };
    const csv = journalCsv([row]);
    expect(csv.startsWith('\uFEFFid;date;auteur;')).toBe(true);
    expect(journalCsv([{ ...row, after: { password_hash: 'h' } }])).toContain('""[masqué]""');
    expect(csv.split('\r\n')[1]).toBe('7;2026-01-02T03:04:05.000Z;système;;x.created;x;1;;;"{""a"":1}";');
  });
});

describe('journal filters', () => {
  it('accepts empty filters and reads the page', () => {
    expect(journalFiltersSchema.parse({ du: '', au: '', page: '3' })).toMatchObject({ page: 3 });
  });
  it('refuses an impossible date and an inverted period, naming the field', () => {
    const bad = journalFiltersSchema.safeParse({ du: '2026-02-30' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['du'] });
    expect(bad.error?.issues[0].message).toMatch(/^Du : /);
    const inverted = journalFiltersSchema.safeParse({ du: '2026-03-02', au: '2026-03-01' });
    expect(inverted.error?.issues[0]).toMatchObject({ path: ['au'] });
    expect(journalFiltersSchema.safeParse({ page: '0' }).success).toBe(false);
  });
  it('builds shareable URLs without empty parameters', () => {
    expect(withQuery('/admin/journal', { action: 'a b', acteur: '', page: 2 })).toBe(
      '/admin/journal?action=a+b&page=2',
    );
    expect(withQuery('/admin/journal', {})).toBe('/admin/journal');
  });
});
