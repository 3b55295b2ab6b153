import { describe, expect, it } from 'vitest';
import type { Segment } from '../../shared/types.js';
import { diffTranscripts, lcsMatch, MAX_TABLE_CELLS, wordKey, type DiffSegment } from '../../renderer/src/word-diff.js';

let nextId = 1;
function seg(start: number, end: number, text: string, speaker: Segment['speaker'] = 'caller'): Segment {
  return { id: nextId++, speaker, channel: null, start, end, text, confidence: null };
}

/** A side written back as text with changed runs in brackets: "I want [two] tables". */
function show(side: DiffSegment[]): string[] {
  return side.map((s) => s.runs.map((r) => (r.changed ? `[${r.text}]` : r.text)).join(' '));
}

describe('wordKey', () => {
  it('ignores case and punctuation around a word, but not inside it', () => {
    expect(wordKey('Hello,')).toBe('hello');
    expect(wordKey('“Zürich.”')).toBe('zürich');
    expect(wordKey("can't")).toBe("can't");
    expect(wordKey('48213')).toBe('48213');
    expect(wordKey('—')).toBe('');
  });
});

describe('lcsMatch', () => {
  it('matches the longest common subsequence and leaves the rest unmatched', () => {
    const r = lcsMatch(['a', 'b', 'c', 'd', 'e'], ['a', 'x', 'c', 'd', 'y', 'e']);
    expect(r.a).toEqual([true, false, true, true, true]);
    expect(r.b).toEqual([true, false, true, true, false, true]);
  });

  it('handles empty sides, identical lists and lists with nothing in common', () => {
    expect(lcsMatch([], ['a'])).toEqual({ a: [], b: [false] });
    expect(lcsMatch(['a', 'b'], ['a', 'b'])).toEqual({ a: [true, true], b: [true, true] });
    expect(lcsMatch(['a', 'b'], ['c', 'd'])).toEqual({ a: [false, false], b: [false, false] });
  });

  it('finds a common run that is not at either end', () => {
    const r = lcsMatch(['p', 'q', 'm', 'n', 'o', 'r'], ['s', 'm', 'n', 'o', 't']);
    expect(r.a).toEqual([false, false, true, true, true, false]);
    expect(r.b).toEqual([false, true, true, true, false]);
  });
});

describe('diffTranscripts', () => {
  it('marks words only in the left and only in the right, ignoring case and punctuation', () => {
    const left = [seg(0, 2, 'I want to book a table.'), seg(2.5, 4, 'For two people.', 'bot')];
    const right = [seg(0, 2, 'i want to book two tables'), seg(2.5, 4, 'For two people!', 'bot')];
    const d = diffTranscripts(left, right);
    expect(show(d.left)).toEqual(['I want to book [a table.]', 'For two people.']);
    expect(show(d.right)).toEqual(['i want to book [two tables]', 'For two people!']);
    expect(d.removed).toBe(2);
    expect(d.added).toBe(2);
    expect(d.left.map((s) => s.speaker)).toEqual(['caller', 'bot']);
  });

  it('reports no differences for the same words split into different segments', () => {
    const d = diffTranscripts([seg(0, 4, 'Hello there. How are you?')], [seg(0, 1.5, 'Hello there.'), seg(1.6, 4, 'How are you?')]);
    expect(d.removed + d.added).toBe(0);
    expect(d.right).toHaveLength(2);
    expect(d.right.every((s) => s.runs.every((r) => !r.changed))).toBe(true);
  });

  it('compares in time order, whatever order the segments come in', () => {
    const left = [seg(5, 6, 'second part'), seg(0, 1, 'first part')];
    const right = [seg(0, 1, 'first part'), seg(5, 6, 'second bit')];
    const d = diffTranscripts(left, right);
    expect(d.left.map((s) => s.start)).toEqual([0, 5]);
    expect(show(d.left)).toEqual(['first part', 'second [part]']);
    expect(show(d.right)).toEqual(['first part', 'second [bit]']);
  });

  it('marks a whole side when the other is empty', () => {
    const d = diffTranscripts([], [seg(0, 1, 'only here')]);
    expect(d.left).toEqual([]);
    expect(show(d.right)).toEqual(['[only here]']);
    expect(d.added).toBe(2);
  });

  it('still finds the changes in long transcripts, window by window, without a table of every pair of words', () => {
    // 60 minutes of 10-word segments every 4 s: 9,000 words a side, far over the table limit.
    const words = (i: number): string => Array.from({ length: 10 }, (_, k) => `w${i}x${k}`).join(' ');
    const left: Segment[] = [];
    const right: Segment[] = [];
    for (let i = 0; i < 900; i++) {
      left.push(seg(i * 4, i * 4 + 3.5, words(i)));
      // One word changed in three places far apart (different windows); one segment lost a word.
      const text = [10, 450].includes(i) ? words(i).replace(`w${i}x3`, 'changed') : i === 800 ? words(i).replace(' w800x9', '') : words(i);
      right.push(seg(i * 4, i * 4 + 3.5, text));
    }
    expect(9000 * 9000).toBeGreaterThan(MAX_TABLE_CELLS);
    const d = diffTranscripts(left, right);
    expect(d.removed).toBe(3);
    expect(d.added).toBe(2);
    expect(show([d.left[800]!])[0]).toMatch(/w800x8 \[w800x9\]$/);
    expect(show([d.right[10]!])[0]).toContain('w10x2 [changed] w10x4');
    expect(show([d.left[450]!])).toEqual(['w450x0 w450x1 w450x2 [w450x3] w450x4 w450x5 w450x6 w450x7 w450x8 w450x9']);
    expect(show([d.right[450]!])[0]).toContain('[changed]');
  });

  it('ends on a huge transcript whose words all share one instant', () => {
    const text = (n: number, odd: string): string => Array.from({ length: n }, (_, k) => (k === 1500 ? odd : `w${k}`)).join(' ');
    const d = diffTranscripts([seg(3, 3, text(3000, 'left'))], [seg(3, 3, text(3000, 'right'))]);
    expect(3000 * 3000).toBeGreaterThan(MAX_TABLE_CELLS);
    expect(d.removed).toBe(1);
    expect(d.added).toBe(1);
  });
});
