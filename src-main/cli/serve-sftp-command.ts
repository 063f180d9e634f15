// `wharf serve sftp PATH [flags]`: turns the flags into a service config, starts the service through
// core, prints the host-key fingerprints and the address, then serves until SIGINT/SIGTERM. SIGHUP
// flushes the directory cache (as rclone).
import os from 'node:os';
import path from 'node:path';
import { createConsoleLogger } from '../../src-shared/logger.js';
import type { Logger, LogLevel } from '../../src-shared/logger.js';
import { GENERAL_OPTIONS, SERVE_SFTP_OPTIONS } from '../../src-shared/options/index.js';
import type { ServeSftpOptions } from '../../src-shared/options/index.js';
import {
  configDir,
  defaultAuthorizedKeysFile,
  expandHome,
  hostKeysDir,
  ServiceConfigError,
  startSftpService,
} from '../core/index.js';
import type { SftpService, SftpServiceConfig } from '../core/index.js';
import type { CliIo } from './cli-io.js';
import { serveSftpHelp } from './help-text.js';
import { parseFlags } from './parse-flags.js';
import { watchStopSignals } from './stop-signals.js';
import { UsageError } from './usage-error.js';
import { wharfVersion } from './version.js';

const COMMAND = 'wharf serve sftp';
/** A stop that hangs (a stuck client, a slow disk) must not keep the process alive forever. */
const STOP_TIMEOUT_MS = 10_000;

export async function runServeSftp(args: readonly string[], io: CliIo): Promise<number> {
  const { values, given, positionals } = parseFlags([...SERVE_SFTP_OPTIONS, ...GENERAL_OPTIONS], args, COMMAND);
  if (values.help) {
    io.out(serveSftpHelp());
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
    const service = await startSftpService(config).catch((err: unknown) => {
      // A setting that cannot work is a usage mistake: same message shape and exit code as a bad flag.
      throw err instanceof ServiceConfigError ? new UsageError(err.message, COMMAND) : err;
    });
    signals.onHangup(() => {
      service.forget();
      logger.info('SIGHUP: directory cache flushed');
    });
    // Fingerprints first: the "Serving" line comes last, so a reader that waits for it has them all.
    for (const fingerprint of service.fingerprints) io.out(`Host key fingerprint: ${fingerprint}\n`);
    io.out(`Serving ${root} over SFTP on ${sftpUrl(service.address)}\n`);
    const signal = await signals.stopped;
    logger.info(`${signal}: stopping the server`);
    // The handlers stay until the process exits: a repeated signal (the shim forwarding the same
    // Ctrl-C) arriving after a quick stop must not kill the process and turn exit code 0 into 130.
    return await stopWithin(service, STOP_TIMEOUT_MS, io);
  } catch (err) {
    signals.dispose();
    throw err;
  }
}

function serviceConfig(
  values: ServeSftpOptions,
  given: ReadonlySet<string>,
  root: string,
  home: string,
  io: CliIo,
  logger: Logger,
): SftpServiceConfig {
  const fromCwd = (file: string) => path.resolve(io.cwd, expandHome(file, home));
  return {
    root,
    host: values.addr.host,
    port: values.addr.port,
    auth: {
      user: values.user,
      pass: values.pass,
      authorizedKeysFile: values['authorized-keys'] === undefined ? undefined : fromCwd(values['authorized-keys']),
      defaultAuthorizedKeysFile: defaultAuthorizedKeysFile(home),
      noAuth: values['no-auth'],
    },
    hostKeyFiles: values.key.map(fromCwd),
    hostKeysDir: hostKeysDir(configDir({ env: io.env, platform: process.platform, home })),
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

function sftpUrl(address: { readonly host: string; readonly port: number }): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `sftp://${host}:${address.port}/`;
}

/** Stops the service; exit code 0 when it stopped cleanly in time, 1 otherwise. */
async function stopWithin(service: SftpService, timeoutMs: number, io: CliIo): Promise<number> {
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
