// The IPC-agnostic router both transports hand their requests to: it knows every channel, validates
// the payload against the channel's schema before the handler runs, checks the handler's answer
// against the result schema, and always resolves with an envelope — never throws.
import type { z } from 'zod';
import type { Envelope, ParsedPayloadOf, RequestChannel, ResultOf } from '../../src-shared/contract/index.js';
import { errorEnvelope, isRequestChannel, okEnvelope, REQUEST_CHANNELS } from '../../src-shared/contract/index.js';
import type { Logger } from '../../src-shared/logger.js';
import { toErrorInfo } from './api-errors.js';

/** One handler per request channel, receiving the validated payload. */
export type ApiHandlers = {
  readonly [C in RequestChannel]: (payload: ParsedPayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;
};

export interface ApiRouter {
  /** Runs a request from an untrusted caller: unknown channels and bad payloads are answered, not thrown. */
  invoke(channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
}

/** Longest validation message sent back (a huge bad payload must not echo a huge answer). */
const MAX_MESSAGE = 600;

export function createRouter(handlers: ApiHandlers, logger: Logger): ApiRouter {
  return {
    async invoke(channel, payload) {
      if (!isRequestChannel(channel)) {
        const shown = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 64)) : `(${typeof channel})`;
        return errorEnvelope('unknown-channel', `Unknown channel ${shown}`);
      }
      const spec = REQUEST_CHANNELS[channel];
      const parsed = (spec.payload as z.ZodType).safeParse(payload);
      if (!parsed.success) return errorEnvelope('invalid-payload', describeIssues(parsed.error));
      let value: unknown;
      try {
        const handler = handlers[channel] as (p: unknown) => unknown;
        value = await handler(parsed.data);
      } catch (err) {
        return { ok: false, error: toErrorInfo(err, channel, logger) };
      }
      const checked = (spec.result as z.ZodType).safeParse(value);
      if (!checked.success) {
        logger.error(`api: ${channel} answered outside the contract: ${describeIssues(checked.error)}`);
        return errorEnvelope('internal', 'Something went wrong; the details are in the log');
      }
      return okEnvelope(checked.data);
    },
  };
}

function describeIssues(error: z.ZodError): string {
  const text = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : 'payload'}: ${i.message}`)
    .join('; ');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}...` : text;
}
