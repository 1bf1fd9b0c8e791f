/**
 * How a directory query is understood (pure, no I/O). The query's search key (accents, case
 * and punctuation removed) is cut into terms that must ALL match a name: "mission locale
 * marseille" finds the Mission Locale de Marseille and not every Mission Locale of France.
 *
 * - Short words that carry no meaning ("de", "la", "du"…) are dropped.
 * - Common abbreviations are understood both ways: "ML" finds "Mission Locale …" and
 *   "mission locale" finds "ML …"; likewise "CD" (département, conseil départemental),
 *   "CC" (communauté de communes), "CA" (communauté d'agglomération) and "CU" (communauté
 *   urbaine) — the official names of the EPCI are written "CC …", "CA …", "CU …".
 * - A plain word of 5 letters or more also matches a close word (typos), but only when no
 *   name matches every term exactly (the relevance floor, applied by the query).
 */
export interface Term {
  /** Matched anywhere in the name (LIKE '%x%'). */
  substrings: string[];
  /** Matched as a whole word of the name (abbreviations: "cc" must not match "accous"). */
  words: string[];
  /** A plain word long enough for typo tolerance. */
  fuzzy?: string;
}

/** Below this length, word similarity matches too widely: substring search only. */
export const FUZZY_MIN = 5;

const STOP_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux', 'en']);

/** Abbreviation → what it stands for, as search keys (see searchKey). */
export const ABBREVIATIONS: Record<string, string[]> = {
  ml: ['mission locale', 'missions locales'],
  cd: ['departement', 'conseil departemental'],
  cc: ['communaute de communes'],
  ca: ['communaute d agglomeration'],
  cu: ['communaute urbaine'],
};

/** Full phrases of the query that stand for an abbreviation, longest first. */
const PHRASES: [string, string][] = Object.entries(ABBREVIATIONS)
  .flatMap(([abbr, fulls]) => fulls.map((f): [string, string] => [f, abbr]))
  .concat([
    ['communaute de commune', 'cc'],
    ['communaute d agglo', 'ca'],
    ['conseil departemental', 'cd'],
  ])
  .sort((a, b) => b[0].length - a[0].length);

const abbreviationTerm = (abbr: string): Term => ({ substrings: ABBREVIATIONS[abbr], words: [abbr] });

/** The terms of a search key ("mission locale de marseille" → [ML, marseille]). */
export function parseQuery(key: string): Term[] {
  if (!key) return [];
  let rest = ` ${key} `;
  const terms: Term[] = [];
  for (const [phrase, abbr] of PHRASES) {
    const at = ` ${phrase} `;
    while (rest.includes(at)) {
      rest = rest.replace(at, ' ');
      if (!terms.some((t) => t.words.includes(abbr))) terms.push(abbreviationTerm(abbr));
    }
  }
  const words = rest.split(' ').filter(Boolean);
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  // A query made only of short words ("la") is still searched for.
  for (const w of terms.length === 0 && meaningful.length === 0 ? words : meaningful) {
    if (ABBREVIATIONS[w]) {
      if (!terms.some((t) => t.words.includes(w))) terms.push(abbreviationTerm(w));
    } else {
      terms.push({ substrings: [w], words: [], ...(w.length >= FUZZY_MIN ? { fuzzy: w } : {}) });
    }
  }
  return terms;
}

/** Whether some term could match a close word (the fuzzy pass is worth trying). */
export const hasFuzzy = (terms: Term[]) => terms.some((t) => t.fuzzy);
