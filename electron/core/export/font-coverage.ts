/*
 * Which characters a TrueType font can draw, read from its `cmap` table (formats 4 and 12, the
 * Unicode subtables every modern font has). The PDF report uses it to replace what its font
 * lacks by a visible placeholder instead of an invisible empty glyph.
 */

/** The set of Unicode code points a font maps to a real glyph (not .notdef). */
export function fontCoverage(font: Buffer): Set<number> {
  const cmap = tableOffset(font, 'cmap');
  if (cmap === null) throw new Error('The font has no cmap table.');
  const count = font.readUInt16BE(cmap + 2);
  let best: { format: number; offset: number } | null = null;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(rec);
    const encoding = font.readUInt16BE(rec + 2);
    const offset = cmap + font.readUInt32BE(rec + 4);
    const format = font.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    // Format 12 reaches beyond the Basic Multilingual Plane; prefer it.
    if (best === null || (format === 12 && best.format === 4)) best = { format, offset };
  }
  if (best === null) throw new Error('The font has no Unicode cmap subtable.');
  return best.format === 12 ? format12(font, best.offset) : format4(font, best.offset);
}

function tableOffset(font: Buffer, tag: string): number | null {
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const rec = 12 + i * 16;
    if (font.toString('latin1', rec, rec + 4) === tag) return font.readUInt32BE(rec + 8);
  }
  return null;
}

function format4(font: Buffer, at: number): Set<number> {
  const out = new Set<number>();
  const segs = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const ranges = deltas + segs * 2;
  for (let s = 0; s < segs; s++) {
    const end = font.readUInt16BE(ends + s * 2);
    const start = font.readUInt16BE(starts + s * 2);
    const delta = font.readUInt16BE(deltas + s * 2);
    const rangeAt = ranges + s * 2;
    const range = font.readUInt16BE(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (range === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = font.readUInt16BE(rangeAt + range + (c - start) * 2);
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
  return out;
}

function format12(font: Buffer, at: number): Set<number> {
  const out = new Set<number>();
  const groups = font.readUInt32BE(at + 12);
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + i * 12;
    const start = font.readUInt32BE(g);
    const end = font.readUInt32BE(g + 4);
    const glyph = font.readUInt32BE(g + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
  }
  return out;
}
