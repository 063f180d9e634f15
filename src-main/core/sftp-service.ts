// Composes one SFTP service from its config: the local backend and the Vfs over the folder, the host
// keys, the authenticator, and the SSH/SFTP server listening on the address. Configuration mistakes
// become ServiceConfigError with a message for the person running Wharf.
import { stat } from 'node:fs/promises';
import { createSftpServer, loadHostKeys, loadOrCreateHostKey } from '../servers/sftp/index.js';
import type { SftpServer } from '../servers/sftp/index.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../vfs/index.js';
import type { VfsOptions } from '../vfs/index.js';
import { ServiceConfigError } from './service-error.js';
import { buildAuthenticator, describeFsError } from './sftp-auth.js';
import type { SftpFileRules, SftpService, SftpServiceConfig } from './sftp-service-config.js';

export async function startSftpService(config: SftpServiceConfig): Promise<SftpService> {
  const { logger } = config;
  await checkFolder(config.root);
  const authenticator = await buildAuthenticator(config.auth, logger);
  const hostKeys = await hostKeyData(config);
  const vfs = new Vfs(await createLocalBackend(config.root), vfsOptions(config.files), logger);
  let server: SftpServer;
  let address: { host: string; port: number };
  try {
    server = createSftpServer({ vfs, hostKeys, authenticator, readOnly: config.files.readOnly, logger });
    address = await server.listen(config.host, config.port).catch(async (err: NodeJS.ErrnoException) => {
      await server.close().catch(() => undefined);
      throw new Error(`cannot listen on ${hostPort(config.host, config.port)}: ${describeListenError(err)}`);
    });
  } catch (err) {
    await vfs.shutdown().catch(() => undefined);
    throw err;
  }

  if (config.host === '') logger.warn('listening on every network interface: other machines can connect');
  let stopped: Promise<void> | undefined;
  return {
    address,
    fingerprints: server.fingerprints,
    stop() {
      stopped ??= (async () => {
        try {
          await server.close();
        } finally {
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

/** The folder must exist and be a directory; said in the operator's words, with the path. */
async function checkFolder(root: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ServiceConfigError(
      code === 'ENOENT' ? `PATH ${root} does not exist` : `PATH ${root} cannot be used: ${describeFsError(err as NodeJS.ErrnoException)}`,
    );
  }
  if (!isDir) throw new ServiceConfigError(`PATH ${root} is not a directory`);
}

async function hostKeyData(config: SftpServiceConfig): Promise<Buffer[]> {
  if (config.hostKeyFiles.length === 0) {
    const key = await loadOrCreateHostKey(config.hostKeysDir);
    if (key.created) config.logger.info(`generated host key ${key.file}`);
    return [key.data];
  }
  try {
    return (await loadHostKeys(config.hostKeyFiles)).map((k) => k.data);
  } catch (err) {
    throw new ServiceConfigError(`--key: ${(err as Error).message}`);
  }
}

function vfsOptions(files: SftpFileRules): VfsOptions {
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
