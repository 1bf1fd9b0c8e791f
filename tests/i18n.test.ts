import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../src/i18n/i18n.js';

/**
 * Completeness of the message catalogues (every interface text goes through `t('key')`):
 * - every literal key used in the code exists in French;
 * - no English key lacks its French original;
 * - pages that foreign partners meet are complete in English;
 * - both languages use the same `{placeholders}`.
 * Failures name the file (and line) and the key.
 */

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** Namespaces of the pages foreign partners meet: English must be complete there. */
const BILINGUAL_NAMESPACES = [
  'layout.',
  'nav.',
  'errors.',
  'form.',
  'pagination.',
  'home.',
  'auth.',
  'agreements.',
  'projects.',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

interface Use {
  key: string;
  file: string;
  line: number;
}

/** Literal keys: t('a.b'), t("a.b"), t(`a.b`) without interpolation; also `t('a.b', {…})`. */
const T_CALL = /(?<![\w$.])t\(\s*(?:'([^'\n]+)'|"([^"\n]+)"|`([^`$\n]+)`)\s*[,)]/g;

function usedKeys(): Use[] {
  const uses: Use[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(T_CALL)) {
      const key = m[1] ?? m[2] ?? m[3];
      const line = text.slice(0, m.index).split('\n').length;
      uses.push({ key, file: relative(ROOT, file), line });
    }
  }
  return uses;
}

/** Which messages file defines a key (for readable failures). */
function definingFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of sourceFiles(SRC).filter((f) => /messages\.ts$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*['"]([\w.-]+)['"]\s*:/gm)) {
      if (!out.has(m[1])) out.set(m[1], relative(ROOT, file));
    }
  }
  return out;
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('i18n catalogues', () => {
  const fr = messages.fr;
  const en = messages.en;
  const where = definingFiles();
  const at = (key: string) => where.get(key) ?? 'unknown messages file';

  it('the scan finds the keys used by the layout (sanity check of the scanner)', () => {
    const keys = new Set(usedKeys().map((u) => u.key));
    for (const k of ['layout.skip_to_content', 'nav.home', 'form.error_summary_title', 'pagination.next']) {
      expect(keys.has(k), k).toBe(true);
    }
  });

  it('every literal key used with t(…) in src/ exists in French', () => {
    const missing = usedKeys()
      .filter((u) => !(u.key in fr))
      .map((u) => `${u.file}:${u.line} uses t('${u.key}') — missing from the French catalogue`);
    expect(missing, `\n${missing.join('\n')}`).toEqual([]);
  });

  it('every English key has its French original', () => {
    const orphans = Object.keys(en)
      .filter((k) => !(k in fr))
      .map((k) => `${at(k)}: '${k}' exists in English but not in French`);
    expect(orphans, `\n${orphans.join('\n')}`).toEqual([]);
  });

  it(`pages foreign partners meet are complete in English (${BILINGUAL_NAMESPACES.join(' ')})`, () => {
    const missing = Object.keys(fr)
      .filter((k) => BILINGUAL_NAMESPACES.some((ns) => k.startsWith(ns)) && !(k in en))
      .map((k) => `${at(k)}: '${k}' has no English translation`);
    expect(missing, `\n${missing.join('\n')}`).toEqual([]);
  });

  it('French and English use the same {placeholders}', () => {
    const mismatches = Object.keys(en)
      .filter((k) => k in fr && placeholders(fr[k]).join() !== placeholders(en[k]).join())
      .map(
        (k) =>
          `${at(k)}: '${k}' — fr has {${placeholders(fr[k]).join('}, {')}}, en has {${placeholders(en[k]).join('}, {')}}`,
      );
    expect(mismatches, `\n${mismatches.join('\n')}`).toEqual([]);
  });

  it('no message is empty', () => {
    const empty = [
      ...Object.entries(fr).map(([k, v]) => ['fr', k, v]),
      ...Object.entries(en).map(([k, v]) => ['en', k, v]),
    ]
      .filter(([, , v]) => v.trim() === '')
      .map(([l, k]) => `${at(k)}: '${k}' is empty (${l})`);
    expect(empty, `\n${empty.join('\n')}`).toEqual([]);
  });
});
