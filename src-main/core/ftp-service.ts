// Composes one FTP service from its config: the local backend and the Vfs over the folder, the one
// login, FTPS, and the FTP server listening on the address. Configuration mistakes become
// ServiceConfigError with a message for the person running Wharf; stopping flushes uploads.
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { createFtpServer } from '../servers/ftp/index.js';
import type { FtpServer } from '../servers/ftp/index.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../vfs/index.js';
import type { VfsOptions } from '../vfs/index.js';
import { buildFtpAuthenticator } from './ftp-auth.js';
import type { FtpFileRules, FtpService, FtpServiceConfig } from './ftp-service-config.js';
import { loadFtpTls, tlsModeOf } from './ftp-service-tls.js';
import { ServiceConfigError } from './service-error.js';
import { describeFsError } from './sftp-auth.js';

export async function startFtpService(config: FtpServiceConfig): Promise<FtpService> {
  const { logger } = config;
  await checkFolder(config.root);
  const authenticator = buildFtpAuthenticator(config.auth, logger);
  const tls = await loadFtpTls(config.tls, logger);
  const vfs = new Vfs(await createLocalBackend(config.root), vfsOptions(config.files), logger);
  let server: FtpServer;
  let address: { host: string; port: number };
  try {
    try {
      server = createFtpServer({
        vfs,
        authenticator,
        readOnly: config.files.readOnly,
        logger,
        passivePorts: config.passivePorts,
        publicIp: config.publicIp,
        tls,
      });
    } catch (err) {
      // The server checks its whole config up front: whatever it refuses is a setting to fix.
      throw new ServiceConfigError((err as Error).message);
    }
    address = await server.listen(config.host, config.port).catch(async (err: NodeJS.ErrnoException) => {
      await server.close().catch(() => undefined);
      throw new Error(`cannot listen on ${hostPort(config.host, config.port)}: ${describeListenError(err)}`);
    });
  } catch (err) {
    await vfs.shutdown().catch(() => undefined);
    throw err;
  }

  warnAboutExposure(config, address.host, tls !== undefined);
  const { min, max } = config.passivePorts;
  logger.info(`ftp: passive data ports ${min === 0 && max === 0 ? 'picked by the OS' : `${min}-${max}`}`);
  let stopped: Promise<void> | undefined;
  return {
    address,
    tlsMode: tlsModeOf(config.tls),
    tlsRequired: tls !== undefined && (tls.require || tls.implicit),
    stop() {
      stopped ??= (async () => {
        try {
          await server.close();
        } finally {
          // Uploads still open are written back before the VFS lets go.
          await vfs.shutdown();
        }
      })();
      return stopped;
    },
    forget() {
      vfs.forget();
    },
  };
}

/** Other machines can reach a non-loopback address: say what that means for plain FTP. */
function warnAboutExposure(config: FtpServiceConfig, boundHost: string, hasTls: boolean): void {
  const { logger } = config;
  if (isLoopback(boundHost)) return;
  if (config.host === '') logger.warn('listening on every network interface: other machines can connect');
  if (!hasTls) {
    logger.warn('FTP is unencrypted: passwords and files cross the network in clear text (use --cert and --key for FTPS)');
  } else if (!config.tls.require && !config.tls.implicit) {
    logger.warn('clients may still log in without TLS: add --require-tls to refuse them');
  }
  if (config.auth.pass === undefined || config.auth.pass === '') {
    logger.warn(`no --pass: anyone who can reach the port can log in as "${config.auth.user}" with any password`);
  }
}

export function isLoopback(host: string): boolean {
  const ip = host.startsWith('::ffff:') ? host.slice(7) : host;
  if (isIP(ip) === 4) return ip.startsWith('127.');
  return ip === '::1';
}

/** The folder must exist and be a directory; said in the operator's words, with the path. */
async function checkFolder(root: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ServiceConfigError(e.code === 'ENOENT' ? `PATH ${root} does not exist` : `PATH ${root} cannot be used: ${describeFsError(e)}`);
  }
  if (!isDir) throw new ServiceConfigError(`PATH ${root} is not a directory`);
}

function vfsOptions(files: FtpFileRules): VfsOptions {
  return {
    ...DEFAULT_VFS_OPTIONS,
    readOnly: files.readOnly,
    filePerms: files.filePerms,
    dirPerms: files.dirPerms,
    umask: files.umask,
    overridePerms: files.overridePerms,
    uid: files.uid,
    gid: files.gid,
    noModTime: files.noModTime,
    noChecksum: files.noChecksum,
  };
}

function hostPort(host: string, port: number): string {
  if (host === '') return `port ${port} (every interface)`;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function describeListenError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return 'the address is already in use (is another server running?)';
    case 'EACCES':
      return 'permission denied (ports below 1024 need privileges)';
    case 'EADDRNOTAVAIL':
      return 'this machine has no such address';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    default:
      return err.message;
  }
}
