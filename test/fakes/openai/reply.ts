/**
 * Answers as plain data (status, headers, body bytes) and OpenAI's error body, so the request log,
 * faults and dropped connections are applied in one place by the server.
 */

/** A response to send. */
export interface FakeReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** OpenAI's error body (`ErrorResponse` in the spec); the SDK's APIError reads it. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const JSON_TYPE = 'application/json';

/** A JSON reply. */
export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): FakeReply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

/** A plain-text reply (the `text`, `srt` and `vtt` response formats). */
export function textReply(text: string, contentType = 'text/plain; charset=utf-8'): FakeReply {
  return { status: 200, headers: { 'Content-Type': contentType }, body: Buffer.from(text) };
}

/** An error reply with OpenAI's JSON body. */
export function errorReply(status: number, message: string, type: string, param: string | null = null, code: string | null = null, headers: Record<string, string> = {}): FakeReply {
  const body: OpenAIErrorBody = { error: { message, type, param, code } };
  return jsonReply(status, body, headers);
}

/** 400 invalid_request_error, the answer to every malformed request. */
export function badRequest(message: string, param: string | null = null, code: string | null = null): FakeReply {
  return errorReply(400, message, 'invalid_request_error', param, code);
}

/** Masks a key the way the real API echoes a wrong one: first 3 and last 4 characters. */
function maskKey(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(Math.min(20, key.length - 7))}${key.slice(-4)}`;
}

/** 401 for a missing or wrong Bearer key, worded like the real API. */
export function unauthorized(given: string | null): FakeReply {
  if (given === null) {
    return errorReply(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      'invalid_request_error',
    );
  }
  return errorReply(401, `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', null, 'invalid_api_key');
}

/** 404 for a path or method the API does not have. */
export function invalidUrl(method: string, pathname: string): FakeReply {
  return errorReply(404, `Invalid URL (${method} ${pathname})`, 'invalid_request_error');
}

/** 404 for a model id that does not exist. */
export function modelNotFound(model: string): FakeReply {
  return errorReply(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model', 'model_not_found');
}

/** 413 for an upload over the size limit, worded like the real API. */
export function tooLarge(limit: number, bytesRead: number): FakeReply {
  return errorReply(413, `Maximum content size limit (${limit}) exceeded (${bytesRead} bytes read)`, 'server_error');
}

/** 400 for a file that is not audio the fake can decode. */
export function invalidFileFormat(): FakeReply {
  return badRequest("Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']", 'file', 'invalid_value');
}
