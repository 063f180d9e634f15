// ftp-srv logs through a bunyan-style object (child(), trace()..fatal(), object-first arguments).
// Without one it creates a bunyan logger printing JSON to stdout. Its own messages are internal
// detail of code paths we mostly replace, so they all go to our Logger at debug level.
import type { Logger } from '../../../src-shared/logger.js';

export interface BunyanLike {
  child(fields: object): BunyanLike;
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  fatal(...args: unknown[]): void;
}

function describe(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (a instanceof Error) return a.message;
      if (typeof a === 'string') return a;
      try {
        return JSON.stringify(a);
      } catch {
        return String(a);
      }
    })
    .join(' ');
}

export function bunyanAdapter(logger: Logger): BunyanLike {
  const log = (...args: unknown[]) => logger.debug(`ftp-srv: ${describe(args)}`);
  const self: BunyanLike = {
    child: () => self,
    trace: () => {},
    debug: log,
    info: log,
    warn: log,
    error: log,
    fatal: log,
  };
  return self;
}
