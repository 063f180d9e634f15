// Turns the login settings into an authenticator, refusing to start when nobody could log in or a
// named authorized keys file is unusable (rclone serve sftp's rules, with clearer messages). With
// --auth-proxy the proxy decides every login: the other login flags are ignored, with a warning.
import { readFile } from 'node:fs/promises';
import { createStaticAuthenticator, parseAuthorizedKeys } from '../servers/auth/index.js';
import type { Authenticator, AuthorizedKey } from '../servers/auth/index.js';
import type { Logger } from '../../src-shared/logger.js';
import { describeFsError } from './serve-common.js';
import { ServiceConfigError } from './service-error.js';
import type { SftpAuthConfig } from './sftp-service-config.js';

/** rclone's rule: with --auth-proxy, --authorized-keys is ignored; --no-auth contradicts it. */
export function checkProxyAuthFlags(auth: SftpAuthConfig, logger: Logger): void {
  if (auth.noAuth) throw new ServiceConfigError('--no-auth and --auth-proxy cannot be used together');
  if (auth.authorizedKeysFile !== undefined) {
    logger.warn('--authorized-keys is ignored with --auth-proxy: the proxy decides key logins too');
  }
  if ((auth.user ?? '') !== '' || (auth.pass ?? '') !== '') {
    logger.warn('--user and --pass are ignored with --auth-proxy: the proxy decides every login');
  }
}

export async function buildAuthenticator(auth: SftpAuthConfig, logger: Logger): Promise<Authenticator> {
  const user = auth.user === '' ? undefined : auth.user;
  const pass = auth.pass === '' ? undefined : auth.pass;
  if (pass !== undefined && user === undefined) throw new ServiceConfigError('--pass needs --user');
  const keys = await loadKeys(auth, logger);
  if (!auth.noAuth && keys.length === 0 && pass === undefined) {
    throw new ServiceConfigError(
      user === undefined
        ? 'no way to log in: use --user with --pass, --authorized-keys FILE, or --no-auth'
        : '--user needs --pass (or an authorized keys file); or use --no-auth',
    );
  }
  if (auth.noAuth) logger.warn('--no-auth: anyone who can reach the port can log in');
  return createStaticAuthenticator({ user, password: pass, authorizedKeys: keys, noAuth: auth.noAuth });
}

async function loadKeys(auth: SftpAuthConfig, logger: Logger): Promise<readonly AuthorizedKey[]> {
  if (auth.authorizedKeysFile !== undefined) {
    const file = auth.authorizedKeysFile;
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ServiceConfigError(`--authorized-keys: cannot read ${file}: ${describeFsError(err)}`);
    });
    const keys = parseKeys(text, file, logger);
    if (keys.length === 0) throw new ServiceConfigError(`--authorized-keys: ${file} holds no usable public key`);
    return keys;
  }
  if (auth.defaultAuthorizedKeysFile === undefined) return [];
  const file = auth.defaultAuthorizedKeysFile;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    // The default file is optional; say why it was skipped only when it exists but cannot be read.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      logger.warn(`skipping ${file}: ${describeFsError(err as NodeJS.ErrnoException)}`);
    }
    return [];
  }
  const keys = parseKeys(text, file, logger);
  if (keys.length > 0) logger.info(`using ${keys.length} authorized key(s) from ${file}`);
  return keys;
}

function parseKeys(text: string, file: string, logger: Logger): readonly AuthorizedKey[] {
  const { keys, errors } = parseAuthorizedKeys(text);
  for (const e of errors) logger.warn(`${file}:${e.line}: skipped: ${e.reason}`);
  return keys;
}
