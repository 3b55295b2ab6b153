import { z } from 'zod';

/** Stable error codes every shell and the renderer can switch on. */
export const ErrorCode = z.enum([
  'bad-request',
  'unknown-channel',
  'not-found',
  'unsupported',
  'conflict',
  'io',
  'internal',
  'unauthorized',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The error half of a response envelope. */
export const ErrorBody = z.object({ code: ErrorCode, message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Every response: `{ok:true,value}` or `{ok:false,error}`. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** An error that carries a stable code across the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Builds the schema of an envelope around a value schema, for clients that validate replies. */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]);
}
