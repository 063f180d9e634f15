// Wraps any Authenticator with the lockout: a banned address is refused whatever it sends (with
// the same reply and delay as a wrong password, so the ban is not an oracle), and every failed
// password counts against the address. Failed key lookups do not count: clients offer each key
// they hold to see which one is wanted, and a key cannot be guessed.
import { AUTH_FAILED } from './authenticator.js';
import type { Authenticator } from './authenticator.js';
import type { LoginLockout } from './lockout.js';
import { DEFAULT_FAILURE_DELAY_MS } from './static-authenticator.js';
import { padFailure } from './timing.js';

export interface GuardOptions {
  /** Delay of a refusal for a banned address; use the wrapped authenticator's failure delay. */
  readonly failureDelayMs?: number;
  /** Told about each failed password and each refusal of a banned address (for logs). */
  readonly onRefused?: (ip: string, reason: 'wrong-password' | 'banned', bannedNow: boolean) => void;
}

export function guardAuthenticator(inner: Authenticator, lockout: LoginLockout, options: GuardOptions = {}): Authenticator {
  const delayMs = options.failureDelayMs ?? DEFAULT_FAILURE_DELAY_MS;
  const refuseBanned = async (ip: string, started: number, pad: boolean) => {
    options.onRefused?.(ip, 'banned', false);
    if (pad) await padFailure(started, delayMs);
    return AUTH_FAILED;
  };
  return {
    methods: inner.methods,
    async password(user, password, ip) {
      const started = Date.now();
      if (lockout.isBanned(ip)) return refuseBanned(ip, started, true);
      const result = await inner.password(user, password, ip);
      if (result.ok) {
        // Banned while this check ran (a parallel guess tipped it over): still refused.
        if (!lockout.isBanned(ip)) return result;
        return refuseBanned(ip, started, true);
      }
      const bannedNow = lockout.recordFailure(ip);
      options.onRefused?.(ip, 'wrong-password', bannedNow);
      return result;
    },
    async publicKey(user, key, ip) {
      if (lockout.isBanned(ip)) return refuseBanned(ip, Date.now(), false);
      const result = await inner.publicKey(user, key, ip);
      return result.ok && lockout.isBanned(ip) ? AUTH_FAILED : result;
    },
    async noAuth(user, ip) {
      if (lockout.isBanned(ip)) return refuseBanned(ip, Date.now(), false);
      return inner.noAuth(user, ip);
    },
  };
}
