import { describe, expect, it } from 'vitest';
import { MAX_RANGES, parseRange } from '../../../electron/core/audio/range.js';

const ranges = (...r: [number, number][]) => ({ kind: 'ranges', ranges: r.map(([start, end]) => ({ start, end })) });

describe('parseRange', () => {
  it('serves everything without a Range header', () => {
    expect(parseRange(undefined, 1000)).toEqual({ kind: 'full' });
  });

  it('reads a-b, a- and -n, clamping the end to the last byte', () => {
    expect(parseRange('bytes=100-199', 1000)).toEqual(ranges([100, 199]));
    expect(parseRange('bytes=0-0', 1000)).toEqual(ranges([0, 0]));
    expect(parseRange('bytes=900-', 1000)).toEqual(ranges([900, 999]));
    expect(parseRange('bytes=900-5000', 1000)).toEqual(ranges([900, 999]));
    expect(parseRange('bytes=-100', 1000)).toEqual(ranges([900, 999]));
    expect(parseRange('bytes=-5000', 1000)).toEqual(ranges([0, 999]));
    expect(parseRange('BYTES=1-2', 10)).toEqual(ranges([1, 2]));
  });

  it('reads several ranges and coalesces overlapping and adjacent ones', () => {
    expect(parseRange('bytes=0-9, 20-29', 100)).toEqual(ranges([0, 9], [20, 29]));
    expect(parseRange('bytes=20-29,0-9', 100)).toEqual(ranges([0, 9], [20, 29]));
    expect(parseRange('bytes=0-9,5-14', 100)).toEqual(ranges([0, 14]));
    expect(parseRange('bytes=0-9,10-19', 100)).toEqual(ranges([0, 19]));
    expect(parseRange('bytes=0-9,,50-59,', 100)).toEqual(ranges([0, 9], [50, 59]));
    expect(parseRange('bytes=-10,0-4', 100)).toEqual(ranges([0, 4], [90, 99]));
    expect(parseRange('bytes=0-,10-20', 100)).toEqual(ranges([0, 99]));
  });

  it('drops unsatisfiable members but keeps satisfiable ones', () => {
    expect(parseRange('bytes=0-9,5000-6000', 100)).toEqual(ranges([0, 9]));
  });

  it('is unsatisfiable when no range starts inside the file', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=1000-2000', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0,2000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores malformed headers, other units and abuse (serves the full file)', () => {
    for (const h of ['', 'bytes', 'bytes=', 'bytes=-', 'bytes=abc', 'bytes=5-1', 'bytes=1-2-3', 'bytes=0x10-20', 'bytes=1.5-2', 'bytes=+1-2', 'bytes=0-9,x', 'bytes=-1-2', 'items=0-9', 'bytes 0-9', 'bytes=0-9;q=1', 'bytes=,']) {
      expect(parseRange(h, 1000), h).toEqual({ kind: 'full' });
    }
    const many = Array.from({ length: MAX_RANGES + 1 }, (_, i) => `${i * 10}-${i * 10 + 1}`).join(',');
    expect(parseRange(`bytes=${many}`, 10_000)).toEqual({ kind: 'full' });
    const allowed = Array.from({ length: MAX_RANGES }, (_, i) => `${i * 10}-${i * 10 + 1}`).join(',');
    expect(parseRange(`bytes=${allowed}`, 10_000)).toMatchObject({ kind: 'ranges' });
    expect(parseRange(`bytes=0-${'1'.repeat(2000)}`, 1000)).toEqual({ kind: 'full' });
  });

  it('copes with huge numbers', () => {
    const huge = '9'.repeat(40);
    expect(parseRange(`bytes=0-${huge}`, 1000)).toEqual(ranges([0, 999]));
    expect(parseRange(`bytes=${huge}-`, 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(`bytes=-${huge}`, 1000)).toEqual(ranges([0, 999]));
    expect(parseRange(`bytes=${'9'.repeat(400)}-`, 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=9007199254740993-', 2 ** 53 + 10)).toMatchObject({ kind: 'ranges' });
  });
});
