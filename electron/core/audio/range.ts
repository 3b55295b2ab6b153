/** One inclusive byte range of a representation. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What a Range header asks of a representation of `size` bytes (RFC 9110 §14). */
export type RangeRequest = { kind: 'full' } | { kind: 'ranges'; ranges: ByteRange[] } | { kind: 'unsatisfiable' };

/** More ranges than this, or a longer header, is treated as no Range at all (RFC 9110 §14.2 lets a server ignore it). */
export const MAX_RANGES = 16;
const MAX_HEADER = 1024;

const FULL: RangeRequest = { kind: 'full' };

/** Parses a Range header against a size: ignored (full) when absent, not bytes, malformed or abusive; coalesces overlaps. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined || header.length > MAX_HEADER) return FULL;
  const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)=(.*)$/.exec(header);
  if (!m || m[1]!.toLowerCase() !== 'bytes') return FULL;
  // List syntax (RFC 9110 §5.6.1): empty elements are allowed and skipped, at least one range is required.
  const specs = m[2]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (specs.length === 0 || specs.length > MAX_RANGES) return FULL;
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const r = /^(\d*)-(\d*)$/.exec(spec);
    if (!r || (r[1] === '' && r[2] === '')) return FULL;
    if (r[1] === '') {
      // Suffix range: the last n bytes; `-0` and any suffix of an empty file satisfy nothing.
      const n = Number(r[2]);
      if (n > 0 && size > 0) ranges.push({ start: Math.max(0, size - n), end: size - 1 });
      continue;
    }
    const start = Number(r[1]);
    const last = r[2] === '' ? Infinity : Number(r[2]);
    if (last < start) return FULL; // an invalid byte-range-spec makes the whole header invalid
    if (start < size) ranges.push({ start, end: Math.min(last, size - 1) });
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  return { kind: 'ranges', ranges: coalesce(ranges) };
}

/** Sorts ranges and merges the overlapping or adjacent ones, so no byte is sent twice. */
export function coalesce(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: ByteRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.start <= prev.end + 1) prev.end = Math.max(prev.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
