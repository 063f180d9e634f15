// The authenticator behind the CLI's rclone-style flags: one optional user and password, a list of
// authorized keys, and --no-auth. rclone's rules: with authorized keys and no --user, any user name
// may log in with an authorized key; with --user, only that name may.
import { AUTH_FAILED } from './authenticator.js';
import type { AuthMethod, AuthResult, Authenticator, PublicKeyCredential } from './authenticator.js';
import type { AuthorizedKey } from './authorized-keys.js';
import { digestEquals, digestOf, safeEqual } from './constant-time.js';

export interface StaticAuthOptions {
  readonly user?: string;
  readonly password?: string;
  readonly authorizedKeys?: readonly AuthorizedKey[];
  readonly noAuth?: boolean;
  /** Every session is read-only on top of the share's own flag. */
  readonly readOnly?: boolean;
  /** Minimum time a failed password check takes, the same for unknown users and wrong passwords. */
  readonly failureDelayMs?: number;
}

export const DEFAULT_FAILURE_DELAY_MS = 300;

export function createStaticAuthenticator(options: StaticAuthOptions): Authenticator {
  const user = options.user === '' ? undefined : options.user;
  const password = options.password === '' ? undefined : options.password;
  if (password !== undefined && user === undefined) {
    throw new Error('A password needs a user name: give --user together with --pass');
  }
  const keys = options.authorizedKeys ?? [];
  const noAuth = options.noAuth ?? false;
  const methods: AuthMethod[] = [];
  if (noAuth) methods.push('none');
  if (keys.length > 0) methods.push('publickey');
  if (user !== undefined && password !== undefined) methods.push('password');
  if (methods.length === 0) {
    throw new Error('No authentication configured: use --user and --pass, --authorized-keys, or --no-auth');
  }
  const readOnly = options.readOnly ?? false;
  const delayMs = options.failureDelayMs ?? DEFAULT_FAILURE_DELAY_MS;
  // Digests computed once; comparisons then always hash the candidate, whatever it is.
  const userDigest = user === undefined ? undefined : digestOf(user);
  const passwordDigest = password === undefined ? undefined : digestOf(password);
  const keyDigests = keys.map((k) => digestOf(k.blob));
  const success = (name: string): AuthResult => ({ ok: true, user: name, root: '/', readOnly });

  return {
    methods,
    async password(name, candidate) {
      const started = Date.now();
      // Both comparisons always run (no short circuit) so an unknown user costs what a wrong password does.
      const userOk = userDigest !== undefined && digestEquals(userDigest, name);
      const passOk = passwordDigest !== undefined && digestEquals(passwordDigest, candidate);
      if (userOk && passOk) return success(name);
      await sleep(started + delayMs - Date.now());
      return AUTH_FAILED;
    },
    async publicKey(name, key: PublicKeyCredential) {
      if (keys.length === 0) return AUTH_FAILED;
      const userOk = user === undefined || safeEqual(user, name);
      let found = false;
      for (const digest of keyDigests) {
        if (digestEquals(digest, key.data)) found = true;
      }
      return userOk && found ? success(name) : AUTH_FAILED;
    },
    async noAuth(name) {
      return noAuth ? success(name) : AUTH_FAILED;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
