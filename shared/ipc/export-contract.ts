import { z } from 'zod';
import { ExportFormats, ExportOptions, ExportProgress, ExportResult } from '../export.js';

const Id = z.number().int().positive();
/** A folder to write into, as typed or picked; absolute, since the server's working folder means nothing to the reviewer. */
const OutDir = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain a NUL byte')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'the folder must be an absolute path');

/** Exports' request channels (issue 9); spread into the contract. */
export const exportContract = {
  /**
   * Exports one call in some formats. Without `outDir` the desktop app asks for a folder (a closed
   * dialog answers `dir: null`) and browser mode writes into a new folder under the data folder,
   * whose files download from `/exports/<exportId>/<index>`. Existing files: `conflict` unless `overwrite`.
   */
  'export:call': {
    input: z.object({ callId: Id, formats: ExportFormats, options: ExportOptions.prefault({}), outDir: OutDir.optional(), overwrite: z.boolean().default(false) }).strict(),
    output: ExportResult,
  },
  /** Exports several calls (a selection or a search result) into one folder with an index.csv; progress as `export:progress`. */
  'export:batch': {
    input: z
      .object({
        callIds: z.array(Id).min(1).max(100_000),
        formats: ExportFormats,
        options: ExportOptions.prefault({}),
        outDir: OutDir.optional(),
        overwrite: z.boolean().default(false),
      })
      .strict(),
    output: ExportResult,
  },
  /** Asks where to export with the native folder picker (desktop app only); null when the reviewer closed it. */
  'export:pickFolder': { input: z.object({}).strict(), output: z.object({ path: z.string().nullable() }) },
  /** Stops a running export (or every running one without an id) after the file being written; its index lists what was done. */
  'export:cancel': { input: z.object({ exportId: z.string().max(64).optional() }).strict(), output: z.object({ canceled: z.number().int() }) },
} as const;

/** Exports' events; spread into the contract's events. */
export const exportEvents = {
  /** Progress of a running export, per call. */
  'export:progress': ExportProgress,
} as const;
