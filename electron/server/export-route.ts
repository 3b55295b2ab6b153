import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { pipeline } from 'node:stream';

/** Finds a finished export's file by export id and index (the core's ExportService). */
export interface ExportDownloads {
  download(exportId: string, index: number): { path: string; name: string } | null;
}

/** `/exports/<exportId>/<index>`: ids are what the core made, never a path from the page. */
const EXPORT_PATH = /^\/exports\/([A-Za-z0-9_-]{1,64})\/(\d{1,6})$/;

const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.wav': 'audio/wav',
};

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 5987). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Answers `GET|HEAD /exports/<exportId>/<index>` (rawPath still percent-encoded) with the file as a download. */
export async function serveExportFile(
  exports: ExportDownloads | undefined,
  rawPath: string,
  req: IncomingMessage,
  res: ServerResponse,
  security: Record<string, string>,
  log: (m: string) => void,
): Promise<void> {
  const text = (status: number, body: string, extra: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra, ...security }).end(body);
  if (req.method !== 'GET' && req.method !== 'HEAD') return void text(405, 'Use GET or HEAD.', { allow: 'GET, HEAD' });
  const m = EXPORT_PATH.exec(rawPath);
  const file = m && exports ? exports.download(m[1]!, Number(m[2])) : null;
  if (!file) return void text(404, 'No such export file (exports are offered until the server restarts).');
  const info = await stat(file.path).catch(() => null);
  if (!info?.isFile()) return void text(404, 'The exported file is no longer there.');
  res.writeHead(200, {
    'content-type': TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'content-disposition': disposition(file.name),
    'cache-control': 'no-store',
    ...security,
  });
  if (req.method === 'HEAD') return void res.end();
  pipeline(createReadStream(file.path), res, (err) => {
    if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') log(`export download ${file.name} failed: ${err.message}`);
  });
}
