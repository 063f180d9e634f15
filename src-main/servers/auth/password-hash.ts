// Passwords are stored only as scrypt hashes with a random salt, encoded with their parameters
// (`$scrypt$ln=15,r=8,p=1$SALT$HASH`, base64 without padding) so the cost can be raised later and
// old hashes still verify. Verification compares in constant time.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly ln: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/** N = 32768, r = 8: about 32 MiB and tens of milliseconds per check on this class of machine. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds for parameters read back from a stored hash, so a tampered settings file cannot make a login allocate gigabytes. */
const MAX_LN = 20;
const MAX_R = 32;
const MAX_P = 16;
/** Longest password accepted anywhere (scrypt would take more, but nobody types more). */
export const MAX_PASSWORD_LENGTH = 1024;

const ENCODED = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,88})\$([A-Za-z0-9+/]{43,88})$/;

export class PasswordHashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordHashError';
  }
}

interface Decoded {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, HASH_BYTES);
  return encode({ params, salt, hash });
}

/** True when `password` matches `encoded`; throws PasswordHashError when `encoded` is not a hash we wrote. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  const candidate = await derive(password, decoded.salt, decoded.params, decoded.hash.length);
  return timingSafeEqual(candidate, decoded.hash);
}

export function isPasswordHash(encoded: string): boolean {
  try {
    decode(encoded);
    return true;
  } catch {
    return false;
  }
}

function encode({ params, salt, hash }: Decoded): string {
  const b64 = (b: Buffer): string => b.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

function decode(encoded: string): Decoded {
  const m = ENCODED.exec(encoded);
  if (!m) throw new PasswordHashError('not an scrypt password hash');
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  checkParams(params);
  return { params, salt: Buffer.from(m[4] ?? '', 'base64'), hash: Buffer.from(m[5] ?? '', 'base64') };
}

function checkParams({ ln, r, p }: ScryptParams): void {
  const ok = (v: number, max: number): boolean => Number.isInteger(v) && v >= 1 && v <= max;
  if (!ok(ln, MAX_LN) || !ok(r, MAX_R) || !ok(p, MAX_P)) {
    throw new PasswordHashError(`scrypt parameters out of range (ln 1-${MAX_LN}, r 1-${MAX_R}, p 1-${MAX_P})`);
  }
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // node refuses when 128 * N * r reaches maxmem (32 MiB by default): give it what the parameters need.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
