/**
 * Answers as plain data: handlers return a FakeReply and one writer sends it, so the request
 * log, faults and media cuts are applied in one place.
 */

/** A response to send: status, headers and body bytes (null for 204 and HEAD). */
export interface FakeReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
  /** Media bodies are the ones cutMedia/slowMedia act on. */
  media?: boolean;
}

/** Twilio's error body, as documented and as the SDK's RestException reads it. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON reply. */
export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): FakeReply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

/** Twilio's error codes for the statuses the fake sends (20xxx are the generic API errors). */
const DEFAULTS: Record<number, { code: number; message: string }> = {
  400: { code: 20001, message: 'Bad request' },
  401: { code: 20003, message: 'Authenticate' },
  403: { code: 20403, message: 'Forbidden' },
  404: { code: 20404, message: 'The requested resource was not found' },
  405: { code: 20004, message: 'Method not allowed' },
  415: { code: 20415, message: 'Unsupported media type' },
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'Internal Server Error' },
  503: { code: 20503, message: 'Service Unavailable' },
};

/** The JSON error body for a status (code and message overridable). */
export function twilioErrorBody(status: number, code?: number, message?: string): TwilioErrorBody {
  const d = DEFAULTS[status] ?? { code: status * 100, message: `HTTP ${status}` };
  const c = code ?? d.code;
  return { code: c, message: message ?? d.message, more_info: `https://www.twilio.com/docs/errors/${c}`, status };
}

/** An error reply with Twilio's JSON body. */
export function errorReply(status: number, message?: string, code?: number, headers: Record<string, string> = {}): FakeReply {
  return jsonReply(status, twilioErrorBody(status, code, message), headers);
}

/** 401 with the challenge real Twilio sends. */
export function unauthorized(): FakeReply {
  return errorReply(401, undefined, undefined, { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
}

/** 404 naming the path, worded like the real API. */
export function notFound(pathname: string): FakeReply {
  return errorReply(404, `The requested resource ${pathname} was not found`);
}
