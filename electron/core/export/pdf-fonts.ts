import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fontCoverage } from './font-coverage.js';

/** The report's fonts: DejaVu Sans (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic and many symbols). */
export interface ReportFonts {
  regular: Buffer;
  bold: Buffer;
  /** Code points each font can draw. */
  covers: { regular: Set<number>; bold: Set<number> };
}

/** What stands in for a character the font cannot draw. */
export const PLACEHOLDER = '□';

let cached: ReportFonts | null = null;

/**
 * The folder holding the DejaVu TTF files, found through Node's module resolution from this file, so it
 * works from the sources, from the esbuild bundle in dist/ and from inside the packaged app alike.
 */
export function dejavuDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** Loads the fonts once per process. */
export function reportFonts(): ReportFonts {
  if (cached) return cached;
  const dir = dejavuDir();
  const regular = readFileSync(join(dir, 'DejaVuSans.ttf'));
  const bold = readFileSync(join(dir, 'DejaVuSans-Bold.ttf'));
  cached = { regular, bold, covers: { regular: fontCoverage(regular), bold: fontCoverage(bold) } };
  return cached;
}

/** Counts the characters a document could not show. */
export class MissingGlyphs {
  count = 0;
  readonly samples = new Set<string>();

  /** The text with control characters (but line feeds) as spaces and every character the font lacks as the placeholder. */
  clean(text: string, covers: Set<number>): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a) out += '\n';
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
      // Joiners and variation selectors have no glyph of their own and need none.
      else if (covers.has(cp) || cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) out += ch;
      else {
        this.count++;
        if (this.samples.size < 12) this.samples.add(ch);
        out += PLACEHOLDER;
      }
    }
    return out;
  }
}
