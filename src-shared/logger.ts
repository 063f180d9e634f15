// The one small logging interface every layer uses: access logs at info, protocol traces at debug.
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const ORDER: Readonly<Record<LogLevel, number>> = { error: 0, warn: 1, info: 2, debug: 3 };

/** A logger writing `LEVEL message` lines to stderr, dropping levels above `level`. */
export function createConsoleLogger(level: LogLevel): Logger {
  const at = (lvl: LogLevel) => (message: string) => {
    if (ORDER[lvl] <= ORDER[level]) console.error(`${new Date().toISOString()} ${lvl.toUpperCase()} ${message}`);
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
