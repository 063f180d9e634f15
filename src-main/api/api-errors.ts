// Turns whatever a handler threw into the envelope's error: the core's refusals keep their code and
// message; anything else is logged in full and reaches the window only as "internal", so a stack
// or a local detail from deep inside never crosses the boundary.
import type { ErrorInfo } from '../../src-shared/contract/index.js';
import type { Logger } from '../../src-shared/logger.js';
import { CoreError } from '../core/index.js';

export class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
  }
}

export function toErrorInfo(err: unknown, channel: string, logger: Logger): ErrorInfo {
  if (err instanceof ApiError) return err.info;
  if (err instanceof CoreError) return { code: err.code, message: err.message };
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  logger.error(`api: ${channel} failed: ${detail}`);
  return { code: 'internal', message: 'Something went wrong; the details are in the log' };
}
