// The one login of `wharf serve ftp`, with rclone's rules: only --user may log in (default
// "anonymous"); with --pass that password is required, without it any password is accepted. The
// user name is checked either way, in constant time, and a refusal is delayed like a wrong password.
import { AUTH_FAILED, DEFAULT_FAILURE_DELAY_MS, createStaticAuthenticator, safeEqual } from '../servers/auth/index.js';
import type { Authenticator } from '../servers/auth/index.js';
import type { Logger } from '../../src-shared/logger.js';
import type { FtpAuthConfig } from './ftp-service-config.js';
import { ServiceConfigError } from './service-error.js';

export interface FtpAuthOptions {
  /** Minimum time a refused login takes (tests shorten it). */
  readonly failureDelayMs?: number;
}

export function buildFtpAuthenticator(auth: FtpAuthConfig, logger: Logger, options: FtpAuthOptions = {}): Authenticator {
  if (auth.user === '') throw new ServiceConfigError('--user must not be empty');
  const failureDelayMs = options.failureDelayMs ?? DEFAULT_FAILURE_DELAY_MS;
  if (auth.pass !== undefined && auth.pass !== '') {
    return createStaticAuthenticator({ user: auth.user, password: auth.pass, failureDelayMs });
  }
  logger.info(`no --pass: user "${auth.user}" may log in with any password`);
  return anyPasswordAuthenticator(auth.user, failureDelayMs);
}

/** Accepts any password, but only for `user`: an empty --pass must not let every name in. */
function anyPasswordAuthenticator(user: string, failureDelayMs: number): Authenticator {
  return {
    methods: ['password'],
    async password(name) {
      const started = Date.now();
      if (safeEqual(user, name)) return { ok: true, user: name, root: '/', readOnly: false };
      await sleep(started + failureDelayMs - Date.now());
      return AUTH_FAILED;
    },
    async publicKey() {
      return AUTH_FAILED;
    },
    async noAuth() {
      return AUTH_FAILED;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
