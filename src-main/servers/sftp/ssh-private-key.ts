// Host private keys in the formats people have: OpenSSH and PEM (PKCS#1, SEC1), which ssh2 reads,
// and PKCS#8 (what `rclone serve sftp` generates), which ssh2 cannot read and is converted here.
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { fingerprintOf, isSupportedKeyType } from '../auth/index.js';
import type { KeyType } from '../auth/index.js';

const { utils } = ssh2;

export interface HostKey {
  readonly type: KeyType;
  /** `SHA256:...` of the public key, as OpenSSH prints it. */
  readonly fingerprint: string;
  /** The private key in a format ssh2 parses (OpenSSH or PEM). */
  readonly data: Buffer;
  /** `type base64 comment`, as in a `.pub` file. */
  readonly publicKey: string;
}

/** Parses a private key; errors say what is wrong, prefixed with `label` (e.g. the file name). */
export function parseHostKey(input: string | Buffer, label: string): HostKey {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).trim();
  if (/^-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) {
    throw new Error(`${label}: the key is encrypted with a passphrase; a host key must be unencrypted`);
  }
  const data = /^-----BEGIN PRIVATE KEY-----/.test(text) ? Buffer.from(pkcs8ToSsh2(text, label)) : Buffer.from(text);
  const parsed = utils.parseKey(data);
  if (parsed instanceof Error) {
    if (/passphrase|encrypted/i.test(parsed.message)) {
      throw new Error(`${label}: the key is encrypted with a passphrase; a host key must be unencrypted`);
    }
    throw new Error(`${label}: not a private key (${parsed.message})`);
  }
  const key: ParsedKey | undefined = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined) throw new Error(`${label}: no key found`);
  // ssh2 types say string; it returns null for public keys.
  if ((key.getPrivatePEM() as string | null) === null) {
    throw new Error(`${label}: this is a public key; give the private key file instead`);
  }
  if (!isSupportedKeyType(key.type)) {
    throw new Error(`${label}: ${key.type} host keys are not supported; use ed25519, ecdsa or rsa`);
  }
  const blob = key.getPublicSSH();
  return {
    type: key.type,
    fingerprint: fingerprintOf(blob),
    data,
    publicKey: `${key.type} ${blob.toString('base64')}${key.comment ? ` ${key.comment}` : ''}`,
  };
}

function pkcs8ToSsh2(pem: string, label: string): string {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error(`${label}: not a valid PKCS#8 private key`);
  }
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }).toString();
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }).toString();
    case 'ed25519':
      return ed25519ToOpenSsh(key);
    default:
      throw new Error(`${label}: ${key.asymmetricKeyType ?? 'unknown'} keys are not supported; use ed25519, ecdsa or rsa`);
  }
}

/** Writes an unencrypted `openssh-key-v1` container for an ed25519 key (OpenSSH PROTOCOL.key). */
function ed25519ToOpenSsh(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const pub = Buffer.from(jwk.x ?? '', 'base64url');
  const type = Buffer.from('ssh-ed25519');
  const publicBlob = Buffer.concat([sshString(type), sshString(pub)]);
  const check = randomBytes(4);
  const body = Buffer.concat([check, check, sshString(type), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(Buffer.alloc(0))]);
  const padLength = (8 - (body.length % 8)) % 8;
  const padding = Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1));
  const none = Buffer.from('none');
  const container = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString(none),
    sshString(none),
    sshString(Buffer.alloc(0)),
    uint32(1),
    sshString(publicBlob),
    sshString(Buffer.concat([body, padding])),
  ]);
  const lines = container.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function sshString(data: Buffer): Buffer {
  return Buffer.concat([uint32(data.length), data]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}
