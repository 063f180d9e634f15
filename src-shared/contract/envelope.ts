// How every answer crosses a process boundary (IPC or WebSocket): `{ ok: true, value }` or
// `{ ok: false, error: { code, message } }`. Handlers never throw across the boundary; the message
// is written for the person at the desktop and never carries a stack.
import { z } from 'zod';

export const ERROR_CODES = [
  /** The payload did not match the channel's schema. */
  'invalid-payload',
  /** Well-formed, but the request cannot be done as asked (a folder that does not exist, a bad port). */
  'invalid',
  'not-found',
  /** Clashes with what exists (a name in use, a remote still used by a share). */
  'conflict',
  /** Not available in this build or on this system. */
  'unavailable',
  'unknown-channel',
  'unauthorized',
  /** Something unexpected; the details are in the log, not in the message. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export const errorInfoSchema = z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() });

/** Schema of an envelope around `value` (used to check answers that arrive over a socket). */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: errorInfoSchema }),
  ]);
}

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
