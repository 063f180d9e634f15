// The SSH algorithms Wharf offers, set explicitly: ssh2's defaults still allow SHA-1 (ssh-rsa host
// signatures, hmac-sha1) and zlib before authentication. Every cipher, kex and MAC listed here is
// proven against OpenSSH's client in test/integration/ciphers.test.ts; anything that fails is removed.
import { createRequire } from 'node:module';
import ssh2 from 'ssh2';
import type { Algorithms, EncryptedPrivateKey, ParsedKey } from 'ssh2';
import type { HostKey } from './ssh-private-key.js';

const { utils } = ssh2;

export const SSH_KEX = [
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group14-sha256',
  // Not diffie-hellman-group-exchange-sha256: ssh2's server does not implement group exchange and
  // disconnects a client that picks it ("Group exchange not implemented for server").
] as const;

export const SSH_CIPHERS = [
  'aes128-gcm@openssh.com',
  'aes256-gcm@openssh.com',
  'chacha20-poly1305@openssh.com',
  'aes128-ctr',
  'aes192-ctr',
  'aes256-ctr',
] as const;

export const SSH_MACS = [
  'hmac-sha2-256-etm@openssh.com',
  'hmac-sha2-512-etm@openssh.com',
  'hmac-sha2-256',
  'hmac-sha2-512',
] as const;

/** Host-key signature algorithms; RSA keys sign with SHA-2 only (never `ssh-rsa`, which is SHA-1). */
export const SSH_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
] as const;

export function sshAlgorithms(): Algorithms {
  return {
    kex: [...SSH_KEX],
    cipher: [...SSH_CIPHERS],
    hmac: [...SSH_MACS],
    compress: ['none'],
    serverHostKey: [...SSH_HOST_KEY_ALGORITHMS],
  };
}

/**
 * Host keys as ssh2's server should receive them. ssh2 always adds `ssh-rsa` (SHA-1) for an RSA
 * key, whatever `serverHostKey` says; handing it the key twice under the names `rsa-sha2-512` and
 * `rsa-sha2-256` makes it offer exactly those. The views inherit everything else from the parsed
 * key (wire blob, signing), and ssh2 signs with the hash the negotiated name implies.
 */
export function hostKeysForSsh2(keys: readonly HostKey[]): EncryptedPrivateKey[] {
  // ssh2 takes an already-parsed key only in the `{ key }` form (it re-parses bare values).
  const out: EncryptedPrivateKey[] = [];
  for (const key of keys) {
    const parsed = utils.parseKey(key.data);
    if (parsed instanceof Error) throw new Error(`Host key ${key.fingerprint}: ${parsed.message}`);
    const single = Array.isArray(parsed) ? parsed[0] : parsed;
    if (single === undefined) throw new Error(`Host key ${key.fingerprint}: no key found`);
    if (single.type === 'ssh-rsa') {
      for (const name of ['rsa-sha2-512', 'rsa-sha2-256']) {
        out.push({ key: Object.create(single, { type: { value: name, enumerable: true } }) as ParsedKey });
      }
    } else {
      out.push({ key: single });
    }
  }
  return out;
}

export interface CryptoBindingInfo {
  readonly native: boolean;
  readonly openssl: string;
}

/**
 * Whether ssh2 loaded its native crypto binding (about 3x the throughput). ssh2 records this as
 * `bindingAvailable` in lib/protocol/crypto.js, the module that tries to load the binding; reading
 * it there reflects the real outcome rather than whether the file exists.
 */
export function cryptoBindingInfo(): CryptoBindingInfo {
  let native = false;
  try {
    const require = createRequire(import.meta.url);
    const crypto = require('ssh2/lib/protocol/crypto.js') as { bindingAvailable?: unknown };
    native = crypto.bindingAvailable === true;
  } catch {
    native = false;
  }
  return { native, openssl: process.versions.openssl ?? 'unknown' };
}
