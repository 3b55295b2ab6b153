import type { CallExport } from '../../../shared/export.js';

/** The JSON export: the CallExport object (shared/export.ts), indented, with a final newline. */
export function toJson(data: CallExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
