// `wharf serve ftp PATH [flags]`: turns the flags into a service config, starts the service through
// core, prints the address, then serves until SIGINT/SIGTERM (pending uploads are flushed first).
// SIGHUP flushes the directory cache (as rclone).
import os from 'node:os';
import path from 'node:path';
import { assertNever } from '../../src-shared/assert-never.js';
import type { Logger } from '../../src-shared/logger.js';
import { formatOptionsHelp, GENERAL_OPTIONS, parsePassivePorts, SERVE_FTP_OPTIONS } from '../../src-shared/options/index.js';
import type { ServeFtpOptions } from '../../src-shared/options/index.js';
import { startFtpService } from '../core/ftp-service.js';
import type { FtpService, FtpServiceConfig } from '../core/ftp-service-config.js';
import { expandHome } from '../core/serve.js';
import type { CliIo } from './cli-io.js';
import { answerGeneralFlags, stderrLogger } from './general-flags.js';
import { parseFlags } from './parse-flags.js';
import { serveUntilStopped } from './serve-common.js';
import { serveFileRules, serveLoginLimits, serveSource, serveVfsSettings } from './serve-common-flags.js';
import type { ServeFlagContext } from './serve-common-flags.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'wharf serve ftp';

export function serveFtpHelp(): string {
  return `Serve PATH over FTP or FTPS (rclone serve ftp compatible flags). PATH is a local folder, an
SFTP remote in rclone's connection-string syntax (:sftp,host=HOST,user=USER,key_file=FILE:/path), or
NAME:path for a remote added on the Remotes page of the Wharf app.

Usage:
  wharf serve ftp PATH [flags]
  wharf serve ftp --auth-proxy PROG [flags]

Only --user may log in (default "anonymous"); without --pass any password is accepted for it.
With --auth-proxy, PROG decides every login and says what it is served instead.
--cert and --key turn on explicit FTPS (AUTH TLS); add --implicit-tls for ftps:// instead, and
--require-tls to refuse logins without TLS. Send SIGHUP to flush the directory cache; SIGINT or
SIGTERM stops the server after pending uploads are flushed.

${formatOptionsHelp([...SERVE_FTP_OPTIONS, ...GENERAL_OPTIONS])}`;
}

export async function runServeFtp(args: readonly string[], io: CliIo): Promise<number> {
  const { values, given, positionals } = parseFlags([...SERVE_FTP_OPTIONS, ...GENERAL_OPTIONS], args, COMMAND);
  const answered = answerGeneralFlags(values, io, serveFtpHelp);
  if (answered !== undefined) return answered;
  const home = io.env.HOME || io.env.USERPROFILE || os.homedir();
  const ctx: ServeFlagContext = { io, home, command: COMMAND };
  const logger = stderrLogger(values.verbose, io);
  const config = await serviceConfig(values, given, positionals, ctx, logger);
  if (config.source.kind === 'auth-proxy' && (given.has('user') || given.has('pass'))) {
    logger.warn('--user and --pass are ignored with --auth-proxy: the proxy decides every login');
  }
  return serveUntilStopped({
    command: COMMAND,
    io,
    logger,
    start: () => startFtpService(config),
    announce(service) {
      // The "Serving" line comes last: a reader that waits for it knows the server is ready.
      io.out(`Serving ${service.serving} over ${describeProtocol(service)} on ${ftpUrl(service)}\n`);
    },
  });
}

async function serviceConfig(
  values: ServeFtpOptions,
  given: ReadonlySet<string>,
  positionals: readonly string[],
  ctx: ServeFlagContext,
  logger: Logger,
): Promise<FtpServiceConfig> {
  const { io, home } = ctx;
  const fromCwd = (file: string | undefined) => (file === undefined ? undefined : path.resolve(io.cwd, expandHome(file, home)));
  let passivePorts: { min: number; max: number };
  try {
    passivePorts = parsePassivePorts(values['passive-port']);
  } catch (err) {
    throw new UsageError(`invalid value for --passive-port: ${(err as Error).message}`, COMMAND);
  }
  return {
    source: await serveSource(positionals, values['auth-proxy'], ctx),
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
    files: serveFileRules(values, given),
    vfs: serveVfsSettings(values, ctx),
    loginLimits: serveLoginLimits(values, ctx),
    logger,
  };
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
