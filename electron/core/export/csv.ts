import type { CallExport } from '../../../shared/export.js';

/** A byte-order mark, so spreadsheet programs read the file as UTF-8 (ü, П, Ω). */
export const CSV_BOM = '\uFEFF';

/** One CSV field (RFC 4180): quoted when it holds a quote, comma, CR or LF, with quotes doubled. */
export function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record ending in CRLF. */
export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Seconds to the millisecond, without trailing zeros. */
function sec(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The CSV columns of the segment export. */
export const SEGMENT_COLUMNS = ['call_id', 'external_id', 'version', 'seq', 'speaker', 'start', 'end', 'text', 'confidence'] as const;

/** The CSV export: a header, then one row per segment of the active transcript version (no rows without one). */
export function toCsv(data: CallExport): string {
  const t = data.transcript;
  const rows = (t?.segments ?? []).map((s) => csvRow([data.call.id, data.call.externalId, t!.version, s.seq, s.speaker, sec(s.start), sec(s.end), s.text, s.confidence]));
  return CSV_BOM + csvRow(SEGMENT_COLUMNS) + rows.join('');
}
