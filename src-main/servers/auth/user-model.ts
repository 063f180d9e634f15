// A share's users as data: what is stored (records, serialisable for the settings file), what is
// shown (views, never a hash or a key blob), and the rules for names, roots and passwords, each
// refusal with a message that says what to change.
import { resolveSharePath } from '../../vfs/index.js';
import type { KeyType } from './authorized-keys.js';
import { MAX_PASSWORD_LENGTH } from './password-hash.js';

/** A public key as stored: the type and the base64 wire blob of a `.pub` line, and its comment. */
export interface UserKeyRecord {
  readonly type: KeyType;
  readonly data: string;
  readonly comment: string;
}

/** One user as the settings file keeps it. Only the scrypt hash of the password is ever stored. */
export interface UserRecord {
  readonly name: string;
  readonly passwordHash?: string;
  readonly keys: readonly UserKeyRecord[];
  /** The user's folder inside the share, a share path ("/" is the whole share). */
  readonly root: string;
  readonly readOnly: boolean;
  readonly enabled: boolean;
}

export interface UserKeyInfo {
  readonly type: KeyType;
  /** `SHA256:...`, as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  readonly comment: string;
}

/** What the app shows about a user. */
export interface UserView {
  readonly name: string;
  readonly hasPassword: boolean;
  readonly keys: readonly UserKeyInfo[];
  readonly root: string;
  readonly readOnly: boolean;
  readonly enabled: boolean;
}

export class UserStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserStoreError';
  }
}

export const MAX_USER_NAME_LENGTH = 64;
export const MIN_PASSWORD_LENGTH = 8;

/** Letters, digits and `. _ - @ +`, not starting with `-` or `.`: safe in SSH, FTP and log lines. */
const USER_NAME = /^[A-Za-z0-9_@+][A-Za-z0-9._@+-]*$/;

export function checkUserName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw new UserStoreError('A user name is required');
  if (name.length > MAX_USER_NAME_LENGTH) throw new UserStoreError(`A user name may have at most ${MAX_USER_NAME_LENGTH} characters`);
  if (!USER_NAME.test(name)) {
    throw new UserStoreError('A user name may only contain letters, digits and . _ - @ +, and may not start with . or -');
  }
  return name;
}

/** Normalises a user's root to a share path; `..`, NUL and control characters are refused, not resolved. */
export function checkUserRoot(root: unknown): string {
  if (root === undefined || root === '') return '/';
  if (typeof root !== 'string') throw new UserStoreError('The folder must be a path inside the share');
  if (/[\u0000-\u001f\u007f]/.test(root)) throw new UserStoreError('The folder may not contain control characters');
  if (root.replace(/\\/g, '/').split('/').includes('..')) throw new UserStoreError('The folder may not contain ".."');
  try {
    return resolveSharePath(root);
  } catch (err) {
    throw new UserStoreError(`The folder is not a valid path: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function checkNewPassword(password: unknown): string {
  if (typeof password !== 'string') throw new UserStoreError('The password must be text');
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserStoreError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new UserStoreError(`A password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  if (password.includes('\0')) throw new UserStoreError('A password may not contain a NUL character');
  return password;
}
