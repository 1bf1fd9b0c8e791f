import { describe, expect, it } from 'vitest';
import { diffLines, diffStats } from './diff.js';

const ops = (a: string, b: string) => diffLines(a, b).map((l) => `${l.op[0]}${l.text}`);

describe('art. 6 : comparing two versions of the text', () => {
  it('identical texts: every line the same', () => {
    expect(ops('a\nb\n', 'a\nb\n')).toEqual(['sa', 'sb']);
  });
  it('a changed line shows as removed then added', () => {
    expect(ops('Art. 5\n3 ans\nfin', 'Art. 5\n4 ans\nfin')).toEqual(['sArt. 5', 'r3 ans', 'a4 ans', 'sfin']);
  });
  it('insertions and deletions in the middle', () => {
    expect(ops('a\nb\nc\nd', 'a\nc\nx\nd')).toEqual(['sa', 'rb', 'sc', 'ax', 'sd']);
  });
  it('numbers the lines of each side', () => {
    const d = diffLines('a\nb', 'z\na\nb');
    expect(d[0]).toEqual({ op: 'added', text: 'z', oldNo: null, newNo: 1 });
    expect(d[2]).toEqual({ op: 'same', text: 'b', oldNo: 2, newNo: 3 });
  });
  it('from or to an empty text', () => {
    expect(ops('', 'a\nb')).toEqual(['aa', 'ab']);
    expect(ops('a', '')).toEqual(['ra']);
  });
  it('ignores Windows line endings', () => {
    expect(ops('a\r\nb', 'a\nb')).toEqual(['sa', 'sb']);
  });
  it('counts added and removed lines', () => {
    expect(diffStats(diffLines('a\nb\nc', 'a\nB\nc\nd'))).toEqual({ added: 2, removed: 1 });
  });
});
