// Composes one FTP service from its config: the one login (or the auth proxy), FTPS, what is served
// (a Vfs over a folder or an SFTP remote; with the proxy, one per answer), the login guards and the
// FTP server listening on the address. Configuration mistakes become ServiceConfigError with a
// message for the person running Wharf; stopping flushes uploads.
import { isIP } from 'node:net';
import type { Authenticator } from '../servers/auth/index.js';
import { createFtpServer } from '../servers/ftp/index.js';
import { buildFtpAuthenticator } from './ftp-auth.js';
import type { FtpService, FtpServiceConfig } from './ftp-service-config.js';
import { loadFtpTls, tlsModeOf } from './ftp-service-tls.js';
import { loginGuards } from './serve-common.js';
import { listenOverShare, serviceLifecycle } from './serve-common-run.js';
import { openServeShare } from './serve-common-share.js';
import { ServiceConfigError } from './service-error.js';

export async function startFtpService(config: FtpServiceConfig): Promise<FtpService> {
  const { logger } = config;
  const proxied = config.source.kind === 'auth-proxy';
  // Cheap checks first: a login or TLS mistake is reported before a remote is connected to.
  const staticAuth: Authenticator | undefined = proxied ? undefined : buildFtpAuthenticator(config.auth, logger);
  const tls = await loadFtpTls(config.tls, logger);
  const guards = loginGuards(config.loginLimits);
  const share = await openServeShare(config.source, config.vfs, config.files, logger);
  const { server, address } = await listenOverShare(share, staticAuth, config, (vfs, authenticator) => {
    try {
      return createFtpServer({
        vfs,
        authenticator,
        readOnly: config.files.readOnly,
        logger,
        passivePorts: config.passivePorts,
        publicIp: config.publicIp,
        tls,
        ...guards,
      });
    } catch (err) {
      // The server checks its whole config up front: whatever it refuses is a setting to fix.
      throw new ServiceConfigError((err as Error).message);
    }
  });

  warnAboutExposure(config, address.host, tls !== undefined);
  const { min, max } = config.passivePorts;
  logger.info(`ftp: passive data ports ${min === 0 && max === 0 ? 'picked by the OS' : `${min}-${max}`}`);
  return {
    address,
    tlsMode: tlsModeOf(config.tls),
    tlsRequired: tls !== undefined && (tls.require || tls.implicit),
    ...serviceLifecycle(server, share),
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
  if (config.source.kind === 'path' && (config.auth.pass === undefined || config.auth.pass === '')) {
    logger.warn(`no --pass: anyone who can reach the port can log in as "${config.auth.user}" with any password`);
  }
}

export function isLoopback(host: string): boolean {
  const ip = host.startsWith('::ffff:') ? host.slice(7) : host;
  if (isIP(ip) === 4) return ip.startsWith('127.');
  return ip === '::1';
}
