// A request the core refuses, with a message for the person at the desktop and a code the api
// passes on in the envelope (`invalid`, `not-found`, `conflict`, `unavailable`).
import type { ErrorCode } from '../../src-shared/contract/index.js';

export type CoreErrorCode = Extract<ErrorCode, 'invalid' | 'not-found' | 'conflict' | 'unavailable'>;

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export function invalid(message: string): CoreError {
  return new CoreError('invalid', message);
}

export function notFound(message: string): CoreError {
  return new CoreError('not-found', message);
}

export function conflict(message: string): CoreError {
  return new CoreError('conflict', message);
}
