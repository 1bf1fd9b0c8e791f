/**
 * A readable line diff between two versions of a text (art. 6 : what an amendment changes).
 * Longest common subsequence on lines; small texts only (conventions are a few hundred lines).
 */
export type DiffLine = {
  op: 'same' | 'added' | 'removed';
  text: string;
  oldNo: number | null;
  newNo: number | null;
};

const MAX_CELLS = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // Common head and tail are kept aside: most amendments change a few lines.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i], oldNo: i + 1, newNo: i + 1 });
  if ((am.length + 1) * (bm.length + 1) > MAX_CELLS) {
    // Too large for the table: show the middle as removed then added.
    for (const [i, text] of am.entries()) out.push({ op: 'removed', text, oldNo: head + i + 1, newNo: null });
    for (const [j, text] of bm.entries()) out.push({ op: 'added', text, oldNo: null, newNo: head + j + 1 });
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ op: 'same', text: am[i], oldNo: head + i + 1, newNo: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.push({ op: 'removed', text: am[i], oldNo: head + i + 1, newNo: null });
        i++;
      } else {
        out.push({ op: 'added', text: bm[j], oldNo: null, newNo: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = 0; k < tail; k++) {
    const oi = a.length - tail + k;
    const ni = b.length - tail + k;
    out.push({ op: 'same', text: a[oi], oldNo: oi + 1, newNo: ni + 1 });
  }
  return out;
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffStats(lines: DiffLine[]) {
  return {
    added: lines.filter((l) => l.op === 'added').length,
    removed: lines.filter((l) => l.op === 'removed').length,
  };
}
