// The Authenticator over a share's UserStore. A password check always runs scrypt: against the
// user's hash, or against a dummy hash of the same cost when the user is unknown, disabled or has
// no password, and every failure is padded to the same minimum time, so a client cannot tell an
// unknown user from a wrong password by the reply or by the clock.
import { AUTH_FAILED } from './authenticator.js';
import type { AuthResult, Authenticator, PublicKeyCredential } from './authenticator.js';
import { digestEquals } from './constant-time.js';
import { DEFAULT_SCRYPT_PARAMS, MAX_PASSWORD_LENGTH, hashPassword, verifyPassword } from './password-hash.js';
import type { ScryptParams } from './password-hash.js';
import { DEFAULT_FAILURE_DELAY_MS } from './static-authenticator.js';
import { padFailure } from './timing.js';
import type { StoredUser, UserStore } from './user-store.js';

export interface UserAuthenticatorOptions {
  /** Minimum time a failed password check takes (the same for every kind of failure). */
  readonly failureDelayMs?: number;
  /** Cost of the dummy hash; use the store's cost so unknown users take as long as known ones. */
  readonly scrypt?: ScryptParams;
}

export function createUserAuthenticator(store: UserStore, options: UserAuthenticatorOptions = {}): Authenticator {
  const delayMs = options.failureDelayMs ?? DEFAULT_FAILURE_DELAY_MS;
  // Computed once, up front: the first unknown-user attempt must not be slower than the rest.
  const dummyHash = hashPassword('wharf-dummy-password', options.scrypt ?? DEFAULT_SCRYPT_PARAMS);
  dummyHash.catch(() => undefined);

  const success = (user: StoredUser): AuthResult => ({
    ok: true,
    user: user.name,
    root: user.root,
    readOnly: user.readOnly,
    valid: () => {
      const now = store.lookup(user.name);
      return now !== undefined && now.enabled && now.access === user.access;
    },
  });

  return {
    methods: ['password', 'publickey'],

    async password(name, candidate) {
      const started = Date.now();
      const user = store.lookup(name);
      const usable = user !== undefined && user.enabled && user.passwordHash !== undefined;
      const hash = usable && user.passwordHash !== undefined ? user.passwordHash : await dummyHash;
      // An overlong password still costs one scrypt run, then fails.
      const tooLong = candidate.length > MAX_PASSWORD_LENGTH;
      const matches = await verifyPassword(tooLong ? candidate.slice(0, MAX_PASSWORD_LENGTH) : candidate, hash);
      // Re-read after the (slow) check: a password changed or an account disabled meanwhile wins.
      const now = store.lookup(name);
      if (usable && matches && !tooLong && now !== undefined && now.enabled && now.passwordHash === hash && now.access === user.access) {
        return success(now);
      }
      await padFailure(started, delayMs);
      return AUTH_FAILED;
    },

    async publicKey(name, key: PublicKeyCredential) {
      const user = store.lookup(name);
      if (user === undefined || !user.enabled) return AUTH_FAILED;
      let found = false;
      // Every stored key is compared (no early exit), each in constant time.
      for (const stored of user.keys) {
        if (digestEquals(stored.digest, key.data) && stored.type === key.algo) found = true;
      }
      return found ? success(user) : AUTH_FAILED;
    },

    async noAuth() {
      return AUTH_FAILED;
    },
  };
}
