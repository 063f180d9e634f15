// Composes one SFTP service from its config: the authenticator (or the auth proxy), the host keys,
// what is served (a Vfs over a folder or an SFTP remote; with the proxy, one per answer), the
// login guards and the SSH/SFTP server listening on the address. Configuration mistakes become
// ServiceConfigError with a message for the person running Wharf; stopping flushes uploads.
import { createSftpServer, loadHostKeys, loadOrCreateHostKey } from '../servers/sftp/index.js';
import type { Authenticator } from '../servers/auth/index.js';
import { loginGuards } from './serve-common.js';
import { listenOverShare, serviceLifecycle } from './serve-common-run.js';
import { openServeShare } from './serve-common-share.js';
import { ServiceConfigError } from './service-error.js';
import { buildAuthenticator, checkProxyAuthFlags } from './sftp-auth.js';
import type { SftpService, SftpServiceConfig } from './sftp-service-config.js';

export async function startSftpService(config: SftpServiceConfig): Promise<SftpService> {
  const { logger } = config;
  // Cheap checks first: a login mistake is reported before a remote is connected to.
  let staticAuth: Authenticator | undefined;
  if (config.source.kind === 'auth-proxy') checkProxyAuthFlags(config.auth, logger);
  else staticAuth = await buildAuthenticator(config.auth, logger);
  const hostKeys = await hostKeyData(config);
  const guards = loginGuards(config.loginLimits);
  const share = await openServeShare(config.source, config.vfs, config.files, logger);
  const { server, address } = await listenOverShare(share, staticAuth, config, (vfs, authenticator) =>
    createSftpServer({ vfs, hostKeys, authenticator, readOnly: config.files.readOnly, logger, ...guards }),
  );
  if (config.host === '') logger.warn('listening on every network interface: other machines can connect');
  return { address, fingerprints: server.fingerprints, ...serviceLifecycle(server, share) };
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
