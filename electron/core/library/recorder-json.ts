import { open } from 'node:fs/promises';
import { z } from 'zod';

/** Largest JSON side file we parse; anything bigger is not a recorder file. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** An instant in a recorder file: ISO string, epoch seconds/ms, or seconds from call start. */
const Instant = z.union([z.string().min(1), z.number().finite()]);

/** One line of the recorder's transcript.json. */
export const RecorderEntry = z.object({
  timestamp: Instant,
  channel: z.string(),
  type: z.string().optional(),
  text: z.string(),
  confidence: z.number().min(0).max(1).nullable().optional(),
  duration_ms: z.number().finite().nonnegative().nullable().optional(),
});
export type RecorderEntry = z.infer<typeof RecorderEntry>;

/** The recorder's transcript.json, entries kept raw so one bad entry does not sink the rest. */
export const RecorderTranscript = z.object({
  conversation_id: z.string().optional(),
  session_id: z.string().optional(),
  start_time: Instant.optional(),
  end_time: Instant.optional(),
  entries: z.array(z.unknown()),
});

/** One function call the bot made, from call_metadata.json. */
export const RecorderFunctionCall = z.object({
  timestamp: Instant,
  function_name: z.string().min(1),
  arguments: z.unknown().optional(),
  result: z.unknown().optional(),
  call_id: z.string().optional(),
});

/** The recorder's call_metadata.json. */
export const RecorderMetadata = z.object({
  session_id: z.string().optional(),
  duration_seconds: z.number().finite().nonnegative().optional(),
  audio_statistics: z.record(z.string(), z.unknown()).optional(),
  function_calls: z.array(z.unknown()).optional(),
});

/** One entry of session_events.json. */
export const RecorderSessionEvent = z.object({
  timestamp: Instant,
  type: z.string().min(1).optional(),
  event_type: z.string().min(1).optional(),
  data: z.unknown().optional(),
});

/** session_events.json: a bare array or `{events: [...]}`. */
export const RecorderSessionEvents = z.union([z.array(z.unknown()), z.object({ events: z.array(z.unknown()) })]);

/** The outcome of reading a JSON side file: its value, or a sentence saying why not. */
export type JsonRead = { ok: true; value: unknown; bom: boolean } | { ok: false; problem: string };

/** Reads a JSON file defensively: size cap, UTF-8 BOM tolerated, parse errors described. */
export async function readJsonFile(path: string): Promise<JsonRead> {
  const fh = await open(path, 'r');
  let text: string;
  try {
    const { size } = await fh.stat();
    if (size > MAX_JSON_BYTES) return { ok: false, problem: `is ${size} bytes, larger than the ${MAX_JSON_BYTES}-byte limit for recorder JSON` };
    text = (await fh.readFile()).toString('utf8');
  } finally {
    await fh.close();
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  if (text.trim() === '') return { ok: false, problem: 'is empty' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, bom };
  } catch (err) {
    return { ok: false, problem: `is not valid JSON (${(err as Error).message}); it may be truncated or still being written` };
  }
}

/** Turns the first issue of a zod error into a short phrase such as `entries.3.text: expected string`. */
export function describeZodError(err: z.ZodError): string {
  const first = err.issues[0];
  if (!first) return 'invalid';
  const where = first.path.length > 0 ? first.path.join('.') + ': ' : '';
  const more = err.issues.length > 1 ? ` (and ${err.issues.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}

/** Resolves an Instant to epoch milliseconds, given the call start for relative values. */
export function instantToMs(value: string | number, callStartMs: number | null): number | null {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
    const n = Number(value);
    return Number.isFinite(n) && value.trim() !== '' ? instantToMs(n, callStartMs) : null;
  }
  if (value > 1e12) return value; // epoch milliseconds
  if (value > 1e9) return value * 1000; // epoch seconds
  return callStartMs === null ? null : callStartMs + value * 1000; // seconds from call start
}
