/**
 * The raw side of a request: which endpoint it is for, and its whole body, read to the end even
 * past the size limit so the client gets a 413 rather than a reset in the middle of its upload.
 */
import type http from 'node:http';

/** Which API a request went to. */
export type Endpoint = 'transcriptions' | 'chat' | 'models' | 'model' | 'unknown';

/** Reads the whole body, keeping at most `keep` bytes (nothing at all once it is over). */
export async function readBody(req: http.IncomingMessage, keep: number): Promise<{ body: Buffer<ArrayBuffer>; total: number; overflow: boolean }> {
  const parts: Buffer[] = [];
  let total = 0;
  let overflow = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (overflow) continue;
    if (total > keep) {
      overflow = true;
      parts.length = 0;
    } else parts.push(chunk);
  }
  return { body: overflow ? Buffer.alloc(0) : Buffer.concat(parts), total, overflow };
}

/** The endpoint a method and path name, and the model id of /v1/models/{id}. */
export function endpointOf(method: string, pathname: string): { endpoint: Endpoint; modelId?: string } {
  if (method === 'POST' && pathname === '/v1/audio/transcriptions') return { endpoint: 'transcriptions' };
  if (method === 'POST' && pathname === '/v1/chat/completions') return { endpoint: 'chat' };
  if (method === 'GET' && pathname === '/v1/models') return { endpoint: 'models' };
  const m = /^\/v1\/models\/([^/]+)$/.exec(pathname);
  if (method === 'GET' && m?.[1]) {
    try {
      return { endpoint: 'model', modelId: decodeURIComponent(m[1]) };
    } catch {
      return { endpoint: 'model', modelId: m[1] }; // a malformed %-escape names no model either
    }
  }
  return { endpoint: 'unknown' };
}
