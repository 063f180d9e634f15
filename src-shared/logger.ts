// The one small logging interface every layer uses: access logs at info, protocol traces at debug.
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const ORDER: Readonly<Record<LogLevel, number>> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * A logger writing `LEVEL message` lines to stderr (or to `write`, e.g. a command's own error
 * stream), dropping levels above `level`.
 */
export function createConsoleLogger(level: LogLevel, write: (line: string) => void = (line) => console.error(line)): Logger {
  const at = (lvl: LogLevel) => (message: string) => {
    if (ORDER[lvl] <= ORDER[level]) write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${message}`);
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
