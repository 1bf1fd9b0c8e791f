import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './paths.js';

/**
 * The product never depends on where it was built: no file of `src/` that runs in the product
 * names an absolute file-system path or the project's shared reference folder (`../shared`,
 * `shared/data`). Reference data ships in the repository, resolved from the module's own folder.
 * Scope, decided: every `.ts`/`.tsx` file under `src/` except tests (`*.test.ts`,
 * `*.test.tsx`), which may read `../shared/data` when it is present; `tests/` and `bin/` are
 * not product code run by `npm start`. URL paths ('/admin', '/api/v1/…') are not file paths:
 * only the roots of a file system are looked for.
 */
const SRC = join(PROJECT_ROOT, 'src');
const FORBIDDEN: [RegExp, string][] = [
  [/['"`](?:\/(?:work|home|root|tmp|var|usr|opt|mnt|srv|etc|Users|private)\/)/, 'absolute path'],
  [/['"`][A-Za-z]:\\\\/, 'Windows absolute path'],
  [/\.\.\/shared\b|['"`/]shared\/data\b/, 'the shared reference folder'],
  [/['"`]shared['"`]\s*,\s*['"`]data['"`]/, 'the shared reference folder (joined)'],
];

function productFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return productFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

function findForbiddenPaths(files: { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const f of files)
    f.text.split('\n').forEach((line, i) => {
      for (const [re, what] of FORBIDDEN)
        if (re.test(line)) found.push(`${f.path}:${i + 1} names ${what}: ${line.trim()}`);
    });
  return found;
}

describe('the product depends on no absolute path and not on ../shared', () => {
  it('the checker catches what it must and lets URL paths through', () => {
    const hits = findForbiddenPaths([
      { path: 'a.ts', text: "const f = '/work/shared/data/financements/catalogue_financements.json';" },
      { path: 'b.ts', text: "const d = join(PROJECT_ROOT, '..', 'shared', 'data');" },
      { path: 'c.ts', text: "readFileSync('../shared/data/x.csv')" },
      { path: 'd.ts', text: "r.page('GET', '/admin/import/missions-locales', p, h); const u = '/api/v1/x';" },
    ]);
    expect(hits.map((h) => h.split(':')[0])).toEqual(['a.ts', 'a.ts', 'b.ts', 'c.ts']);
  });

  it('no file of src/ (tests excepted) names one', () => {
    const files = productFiles(SRC).map((p) => ({
      path: relative(PROJECT_ROOT, p),
      text: readFileSync(p, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(100);
    expect(findForbiddenPaths(files)).toEqual([]);
  });
});
