// rclone's "obscured" passwords (`rclone obscure`, `pass=` in connection strings and config files):
// AES-256-CTR under a key fixed in rclone's source, a random 16-byte IV in front, then base64url
// without padding. It only keeps passwords from being read over a shoulder; anyone can reveal them.
import { createCipheriv, randomBytes } from 'node:crypto';

/** rclone's fixed key (fs/config/obscure): the format is only compatible with exactly this key. */
const OBSCURE_KEY = Buffer.from([
  0x9c, 0x93, 0x5b, 0x48, 0x73, 0x0a, 0x55, 0x4d, 0x6b, 0xfd, 0x7c, 0x63, 0xc8, 0x86, 0xa9, 0x2b, 0xd3, 0x90, 0x19,
  0x8e, 0xb8, 0x12, 0x8a, 0xfb, 0xf4, 0xde, 0x16, 0x2b, 0x8b, 0x95, 0xf6, 0x38,
]);

const IV_LENGTH = 16;

/** Unpadded base64url, as Go's RawURLEncoding writes it; a length of 4n+1 cannot be produced. */
const RAW_URL_BASE64 = /^[A-Za-z0-9_-]*$/;

export class ObscureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObscureError';
  }
}

function ctr(iv: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-ctr', OBSCURE_KEY, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Obscures `plain` as rclone does; a fresh random IV each time, so outputs differ per call. */
export function obscure(plain: string, iv: Buffer = randomBytes(IV_LENGTH)): string {
  if (iv.length !== IV_LENGTH) throw new ObscureError('the IV must be 16 bytes');
  return Buffer.concat([iv, ctr(iv, Buffer.from(plain, 'utf8'))]).toString('base64url');
}

/** Reveals an obscured value; throws ObscureError (never echoing the input) when it is not one. */
export function reveal(obscured: string): string {
  // node's base64url decoder skips characters it does not know: check the alphabet strictly first.
  if (!RAW_URL_BASE64.test(obscured) || obscured.length % 4 === 1) {
    throw new ObscureError('the value is not in rclone\'s obscured form (base64 decode failed) - is it obscured?');
  }
  const raw = Buffer.from(obscured, 'base64url');
  if (raw.length < IV_LENGTH) {
    throw new ObscureError('the value is too short for rclone\'s obscured form - is it obscured?');
  }
  return ctr(raw.subarray(0, IV_LENGTH), raw.subarray(IV_LENGTH)).toString('utf8');
}
