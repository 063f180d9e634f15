// `wharf serve sftp PATH [flags]`: turns the flags into a service config, starts the service through
// core, prints the host-key fingerprints and the address, then serves until SIGINT/SIGTERM (pending
// uploads are flushed first). SIGHUP flushes the directory cache (as rclone).
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../src-shared/logger.js';
import { GENERAL_OPTIONS, SERVE_SFTP_OPTIONS } from '../../src-shared/options/index.js';
import type { ServeSftpOptions } from '../../src-shared/options/index.js';
import { configDir, defaultAuthorizedKeysFile, expandHome, hostKeysDir, startSftpService } from '../core/serve.js';
import type { SftpServiceConfig } from '../core/serve.js';
import type { CliIo } from './cli-io.js';
import { answerGeneralFlags, stderrLogger } from './general-flags.js';
import { serveSftpHelp } from './help-text.js';
import { parseFlags } from './parse-flags.js';
import { serveUntilStopped } from './serve-common.js';
import { serveFileRules, serveLoginLimits, serveSource, serveVfsSettings } from './serve-common-flags.js';
import type { ServeFlagContext } from './serve-common-flags.js';

const COMMAND = 'wharf serve sftp';

export async function runServeSftp(args: readonly string[], io: CliIo): Promise<number> {
  const { values, given, positionals } = parseFlags([...SERVE_SFTP_OPTIONS, ...GENERAL_OPTIONS], args, COMMAND);
  const answered = answerGeneralFlags(values, io, serveSftpHelp);
  if (answered !== undefined) return answered;
  const home = io.env.HOME || io.env.USERPROFILE || os.homedir();
  const ctx: ServeFlagContext = { io, home, command: COMMAND };
  const logger = stderrLogger(values.verbose, io);
  const config = await serviceConfig(values, given, positionals, ctx, logger);
  return serveUntilStopped({
    command: COMMAND,
    io,
    logger,
    start: () => startSftpService(config),
    announce(service) {
      // Fingerprints first: the "Serving" line comes last, so a reader that waits for it has them all.
      for (const fingerprint of service.fingerprints) io.out(`Host key fingerprint: ${fingerprint}\n`);
      io.out(`Serving ${service.serving} over SFTP on ${sftpUrl(service.address)}\n`);
    },
  });
}

async function serviceConfig(
  values: ServeSftpOptions,
  given: ReadonlySet<string>,
  positionals: readonly string[],
  ctx: ServeFlagContext,
  logger: Logger,
): Promise<SftpServiceConfig> {
  const { io, home } = ctx;
  const fromCwd = (file: string) => path.resolve(io.cwd, expandHome(file, home));
  return {
    source: await serveSource(positionals, values['auth-proxy'], ctx),
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
    files: serveFileRules(values, given),
    vfs: serveVfsSettings(values, ctx),
    loginLimits: serveLoginLimits(values, ctx),
    logger,
  };
}

function sftpUrl(address: { readonly host: string; readonly port: number }): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `sftp://${host}:${address.port}/`;
}
