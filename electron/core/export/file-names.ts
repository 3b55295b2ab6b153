/*
 * File names that are safe on Windows, macOS and Linux: no characters any of them refuses or
 * treats specially (< > : " / \ | ? * and control characters, plus ; which the index uses as a
 * list separator, and bidirectional overrides that would disguise a name), no leading dots (hidden
 * files), no trailing dots or spaces (Windows drops them), no reserved device names (CON, NUL,
 * COM1…, also with an extension), NFC-normalised (macOS), and at most 150 UTF-8 bytes before
 * the extension, well under the 255-byte limit with room for suffixes and temporary names.
 */

// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*;\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Bytes a name stem may take before its extension. */
export const MAX_STEM_BYTES = 150;

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function truncateUtf8(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A file name stem (no extension) safe on every OS; `fallback` when nothing usable is left. */
export function safeStem(raw: string, fallback = 'call'): string {
  let s = raw.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/^[.\s]+/, '');
  s = truncateUtf8(s, MAX_STEM_BYTES).replace(/[.\s]+$/, '');
  if (s === '') s = fallback;
  // Windows reserves the device names whatever extension follows them.
  if (RESERVED.test(s.split('.')[0]!.trim())) s = `_${s}`;
  return s;
}

/** `YYYY-MM-DD_HHMMSS` (UTC) of an ISO instant, or `undated`. */
export function startedPart(startedAt: string | null): string {
  if (!startedAt) return 'undated';
  const d = new Date(startedAt);
  if (Number.isNaN(d.getTime())) return 'undated';
  const iso = d.toISOString();
  return `${iso.slice(0, 10)}_${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** The stem of a call's export files: `<started>_<externalId>`, made safe. */
export function callStem(startedAt: string | null, externalId: string): string {
  return safeStem(`${startedPart(startedAt)}_${externalId}`);
}

/** Stems made unique within a batch (case-insensitively, as macOS and Windows compare names) by adding `_<callId>`. */
export function uniqueStems(items: readonly { callId: number; stem: string }[]): Map<number, string> {
  const seen = new Set<string>();
  const out = new Map<number, string>();
  for (const { callId, stem } of items) {
    let name = stem;
    if (seen.has(name.toLowerCase())) name = `${stem}_${callId}`;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${stem}_${callId}_${n}`;
    seen.add(name.toLowerCase());
    out.set(callId, name);
  }
  return out;
}
