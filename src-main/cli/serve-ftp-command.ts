// `wharf serve ftp PATH [flags]`: turns the flags into a service config, starts the service through
// core, prints the address, then serves until SIGINT/SIGTERM (uploads are flushed before exit).
// SIGHUP flushes the directory cache (as rclone).
import os from 'node:os';
import path from 'node:path';
import { assertNever } from '../../src-shared/assert-never.js';
import { createConsoleLogger } from '../../src-shared/logger.js';
import type { Logger, LogLevel } from '../../src-shared/logger.js';
import { formatOptionsHelp, GENERAL_OPTIONS, parsePassivePorts, SERVE_FTP_OPTIONS } from '../../src-shared/options/index.js';
import type { ServeFtpOptions } from '../../src-shared/options/index.js';
import { expandHome, ServiceConfigError, startFtpService } from '../core/index.js';
import type { FtpService, FtpServiceConfig } from '../core/index.js';
import type { CliIo } from './cli-io.js';
import { parseFlags } from './parse-flags.js';
import { watchStopSignals } from './stop-signals.js';
import { UsageError } from './usage-error.js';
import { wharfVersion } from './version.js';

const COMMAND = 'wharf serve ftp';
/** A stop that hangs (a stuck client, a slow disk) must not keep the process alive forever. */
const STOP_TIMEOUT_MS = 10_000;

export function serveFtpHelp(): string {
  return `Serve the local folder PATH over FTP or FTPS (rclone serve ftp compatible flags).

Usage:
  wharf serve ftp PATH [flags]

Only --user may log in (default "anonymous"); without --pass any password is accepted for it.
--cert and --key turn on explicit FTPS (AUTH TLS); add --implicit-tls for ftps:// instead, and
--require-tls to refuse logins without TLS. Send SIGHUP to flush the directory cache; SIGINT or
SIGTERM stops the server.

${formatOptionsHelp([...SERVE_FTP_OPTIONS, ...GENERAL_OPTIONS])}`;
}

export async function runServeFtp(args: readonly string[], io: CliIo): Promise<number> {
  const { values, given, positionals } = parseFlags([...SERVE_FTP_OPTIONS, ...GENERAL_OPTIONS], args, COMMAND);
  if (values.help) {
    io.out(serveFtpHelp());
    return 0;
  }
  if (values.version) {
    io.out(`wharf ${wharfVersion()}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('missing PATH (the folder to serve)', COMMAND);
  if (positionals.length > 1) {
    throw new UsageError(`expected one PATH, got ${positionals.length}: ${positionals.join(' ')}`, COMMAND);
  }
  const home = io.env.HOME || io.env.USERPROFILE || os.homedir();
  const root = path.resolve(io.cwd, expandHome(positionals[0] ?? '', home));
  const logger = createConsoleLogger(logLevel(values.verbose), (line) => io.err(`${line}\n`));
  const config = serviceConfig(values, given, root, home, io, logger);

  const signals = watchStopSignals(io);
  try {
    const service = await startFtpService(config).catch((err: unknown) => {
      // A setting that cannot work is a usage mistake: same message shape and exit code as a bad flag.
      throw err instanceof ServiceConfigError ? new UsageError(err.message, COMMAND) : err;
    });
    signals.onHangup(() => {
      service.forget();
      logger.info('SIGHUP: directory cache flushed');
    });
    // The "Serving" line comes last: a reader that waits for it knows the server is ready.
    io.out(`Serving ${root} over ${describeProtocol(service)} on ${ftpUrl(service)}\n`);
    const signal = await signals.stopped;
    logger.info(`${signal}: stopping the server`);
    // The handlers stay until the process exits: a repeated signal arriving after a quick stop must
    // not kill the process and turn exit code 0 into 130.
    return await stopWithin(service, STOP_TIMEOUT_MS, io);
  } catch (err) {
    signals.dispose();
    throw err;
  }
}

function serviceConfig(
  values: ServeFtpOptions,
  given: ReadonlySet<string>,
  root: string,
  home: string,
  io: CliIo,
  logger: Logger,
): FtpServiceConfig {
  const fromCwd = (file: string | undefined) => (file === undefined ? undefined : path.resolve(io.cwd, expandHome(file, home)));
  let passivePorts: { min: number; max: number };
  try {
    passivePorts = parsePassivePorts(values['passive-port']);
  } catch (err) {
    throw new UsageError(`invalid value for --passive-port: ${(err as Error).message}`, COMMAND);
  }
  return {
    root,
    host: values.addr.host,
    port: values.addr.port,
    auth: { user: values.user, pass: values.pass },
    passivePorts,
    publicIp: values['public-ip'],
    tls: {
      certFile: fromCwd(values.cert),
      keyFile: fromCwd(values.key),
      implicit: values['implicit-tls'],
      require: values['require-tls'],
    },
    files: {
      readOnly: values['read-only'],
      filePerms: values['file-perms'],
      dirPerms: values['dir-perms'],
      umask: values.umask,
      overridePerms: given.has('file-perms') || given.has('dir-perms'),
      uid: values.uid,
      gid: values.gid,
      noModTime: values['no-modtime'],
      noChecksum: values['no-checksum'],
    },
    logger,
  };
}

function logLevel(verbose: number): LogLevel {
  if (verbose >= 2) return 'debug';
  return verbose === 1 ? 'info' : 'warn';
}

function describeProtocol(service: FtpService): string {
  switch (service.tlsMode) {
    case 'none':
      return 'FTP';
    case 'explicit':
      return service.tlsRequired ? 'explicit FTPS (AUTH TLS required)' : 'FTP with explicit FTPS (AUTH TLS)';
    case 'implicit':
      return 'implicit FTPS';
    default:
      return assertNever(service.tlsMode);
  }
}

function ftpUrl(service: FtpService): string {
  const { host, port } = service.address;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${service.tlsMode === 'implicit' ? 'ftps' : 'ftp'}://${shown}:${port}/`;
}

/** Stops the service; exit code 0 when it stopped cleanly in time, 1 otherwise. */
async function stopWithin(service: FtpService, timeoutMs: number, io: CliIo): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([service.stop().then(() => 'stopped' as const), timedOut]);
    if (outcome === 'timeout') {
      io.err(`${COMMAND}: the server did not stop within ${timeoutMs / 1000}s; exiting anyway\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    io.err(`${COMMAND}: error while stopping: ${(err as Error).message}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}
