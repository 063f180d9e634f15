// What every command does alike with its flags before its own work: answer --help and --version,
// and log to stderr at the level -v asks for.
import { createConsoleLogger } from '../../src-shared/logger.js';
import type { Logger, LogLevel } from '../../src-shared/logger.js';
import type { GeneralOptions } from '../../src-shared/options/index.js';
import type { CliIo } from './cli-io.js';
import { wharfVersion } from './version.js';

/** Prints the help or the version when asked and returns the exit code; undefined means go on. */
export function answerGeneralFlags(values: GeneralOptions, io: CliIo, help: () => string): number | undefined {
  if (values.help) {
    io.out(help());
    return 0;
  }
  if (values.version) {
    io.out(`wharf ${wharfVersion()}\n`);
    return 0;
  }
  return undefined;
}

export function stderrLogger(verbose: number, io: CliIo): Logger {
  return createConsoleLogger(logLevel(verbose), (line) => io.err(`${line}\n`));
}

export function logLevel(verbose: number): LogLevel {
  if (verbose >= 2) return 'debug';
  return verbose === 1 ? 'info' : 'warn';
}
