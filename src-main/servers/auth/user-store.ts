// The users of one share, in memory, loaded from and saved as plain records (core persists them).
// Passwords go in as text and are kept only as scrypt hashes; keys are validated on the way in.
// Every change that takes access away (delete, disable, a new root, becoming read-only) is
// announced, so the session registry can end the user's open sessions, and bumps the user's
// access generation, so a login decided just before the change cannot open a session after it.
import { parsePublicKeyLine } from './authorized-keys.js';
import type { AuthorizedKey, KeyType } from './authorized-keys.js';
import { digestOf } from './constant-time.js';
import { generatePassword } from './generate-password.js';
import { importKeys, importKeysFromFile } from './key-import.js';
import type { KeyImport } from './key-import.js';
import { hashPassword, isPasswordHash } from './password-hash.js';
import type { ScryptParams } from './password-hash.js';
import { UserStoreError, checkNewPassword, checkUserName, checkUserRoot } from './user-model.js';
import type { UserKeyInfo, UserRecord, UserView } from './user-model.js';

/** A key ready for login checks: the blob's digest is what gets compared, in constant time. */
export interface StoredKey extends UserKeyInfo {
  readonly blob: Buffer;
  readonly digest: Buffer;
}

/** One user as the authenticator sees it. Immutable: every change replaces the object. */
export interface StoredUser {
  readonly name: string;
  readonly passwordHash: string | undefined;
  readonly keys: readonly StoredKey[];
  readonly root: string;
  readonly readOnly: boolean;
  readonly enabled: boolean;
  /** Bumped whenever access is taken away; a login remembers the value it was decided with. */
  readonly access: number;
}

export type UserChangeKind = 'added' | 'updated' | 'removed';

export interface UserChange {
  readonly kind: UserChangeKind;
  readonly name: string;
  /** Deleted, disabled, moved to another root or made read-only: open sessions must end. */
  readonly accessRevoked: boolean;
}

export type UserChangeListener = (change: UserChange) => void;

export interface NewUser {
  readonly name: string;
  /** Plain text; hashed before it is kept. */
  readonly password?: string;
  readonly root?: string;
  readonly readOnly?: boolean;
  readonly enabled?: boolean;
}

export interface UserPatch {
  readonly root?: string;
  readonly readOnly?: boolean;
  readonly enabled?: boolean;
}

export interface UserStoreOptions {
  /** scrypt cost for new hashes (tests may lower it; stored hashes keep their own). */
  readonly scrypt?: ScryptParams;
}

export class UserStore {
  private readonly users = new Map<string, StoredUser>();
  private readonly listeners = new Set<UserChangeListener>();
  private nextAccess = 1;

  constructor(private readonly options: UserStoreOptions = {}) {}

  /** Loads saved records; a record that is not valid stops the load with a message naming the user. */
  static fromRecords(records: readonly UserRecord[], options: UserStoreOptions = {}): UserStore {
    const store = new UserStore(options);
    for (const [i, record] of records.entries()) {
      const label = typeof record?.name === 'string' ? `user "${record.name.slice(0, 64)}"` : `user #${i + 1}`;
      try {
        store.insert(store.fromRecord(record));
      } catch (err) {
        throw new UserStoreError(`${label}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return store;
  }

  toRecords(): UserRecord[] {
    return [...this.users.values()].map((u) => ({
      name: u.name,
      ...(u.passwordHash === undefined ? {} : { passwordHash: u.passwordHash }),
      keys: u.keys.map((k) => ({ type: k.type, data: k.blob.toString('base64'), comment: k.comment })),
      root: u.root,
      readOnly: u.readOnly,
      enabled: u.enabled,
    }));
  }

  list(): UserView[] {
    return [...this.users.values()].map(view);
  }

  get(name: string): UserView | undefined {
    const user = this.users.get(name);
    return user && view(user);
  }

  /** The login view of a user, by exact name. */
  lookup(name: string): StoredUser | undefined {
    return this.users.get(name);
  }

  get size(): number {
    return this.users.size;
  }

  async add(input: NewUser): Promise<UserView> {
    const name = checkUserName(input.name);
    this.checkFree(name);
    const root = checkUserRoot(input.root);
    const password = input.password === undefined ? undefined : checkNewPassword(input.password);
    const passwordHash = password === undefined ? undefined : await hashPassword(password, this.options.scrypt);
    // Another add may have taken the name while the hash was being computed.
    this.checkFree(name);
    const user: StoredUser = {
      name,
      passwordHash,
      keys: [],
      root,
      readOnly: input.readOnly ?? false,
      enabled: input.enabled ?? true,
      access: this.nextAccess++,
    };
    this.insert(user);
    this.emit({ kind: 'added', name, accessRevoked: false });
    return view(user);
  }

  async setPassword(name: string, password: string): Promise<void> {
    checkNewPassword(password);
    this.require(name);
    const passwordHash = await hashPassword(password, this.options.scrypt);
    this.replace(this.require(name), { passwordHash }, false);
  }

  /** Sets a generated password and returns it: the only time it is ever available as text. */
  async resetPassword(name: string): Promise<string> {
    const password = generatePassword();
    await this.setPassword(name, password);
    return password;
  }

  /** Removes the password: the user can then log in only with a key. */
  clearPassword(name: string): void {
    this.replace(this.require(name), { passwordHash: undefined }, false);
  }

  update(name: string, patch: UserPatch): UserView {
    const user = this.require(name);
    const root = patch.root === undefined ? user.root : checkUserRoot(patch.root);
    const readOnly = patch.readOnly ?? user.readOnly;
    const enabled = patch.enabled ?? user.enabled;
    const revoked = (user.enabled && !enabled) || root !== user.root || (!user.readOnly && readOnly);
    return view(this.replace(user, { root, readOnly, enabled }, revoked));
  }

  remove(name: string): boolean {
    if (!this.users.delete(name)) return false;
    this.emit({ kind: 'removed', name, accessRevoked: true });
    return true;
  }

  /** Adds every usable key in `text` (pasted or read from a file); the rest come back as per-line errors. */
  addKeys(name: string, text: string): KeyImport {
    const user = this.require(name);
    const result = importKeys(text, new Set(user.keys.map((k) => k.fingerprint)));
    if (result.keys.length > 0) this.addParsed(name, result.keys);
    return result;
  }

  /** Adds every usable key in a file (authorized_keys or .pub); throws KeyImportError when it cannot be read. */
  async addKeysFromFile(name: string, file: string): Promise<KeyImport> {
    this.require(name);
    const result = await importKeysFromFile(file, this.fingerprints(name));
    // Re-checked against the keys the user has now: the file was read asynchronously.
    const have = this.fingerprints(name);
    const fresh = result.keys.filter((k) => !have.has(k.fingerprint));
    if (fresh.length > 0) this.addParsed(name, fresh);
    return { keys: fresh, errors: result.errors };
  }

  removeKey(name: string, fingerprint: string): boolean {
    const user = this.require(name);
    const keys = user.keys.filter((k) => k.fingerprint !== fingerprint);
    if (keys.length === user.keys.length) return false;
    this.replace(user, { keys }, false);
    return true;
  }

  onChange(listener: UserChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fingerprints(name: string): Set<string> {
    return new Set(this.require(name).keys.map((k) => k.fingerprint));
  }

  private addParsed(name: string, keys: readonly AuthorizedKey[]): void {
    const user = this.require(name);
    this.replace(user, { keys: [...user.keys, ...keys.map(storedKey)] }, false);
  }

  private checkFree(name: string): void {
    const lower = name.toLowerCase();
    for (const existing of this.users.keys()) {
      if (existing.toLowerCase() === lower) {
        throw new UserStoreError(existing === name ? `A user "${name}" already exists` : `A user "${existing}" already exists (names differing only in case would be confused)`);
      }
    }
  }

  private require(name: string): StoredUser {
    const user = this.users.get(name);
    if (!user) throw new UserStoreError(`There is no user "${name.slice(0, 64)}"`);
    return user;
  }

  private insert(user: StoredUser): void {
    this.checkFree(user.name);
    this.users.set(user.name, user);
  }

  private replace(user: StoredUser, changes: Partial<Omit<StoredUser, 'name' | 'access'>>, revoked: boolean): StoredUser {
    // Re-read: the user may have been removed or changed while a password was being hashed.
    const current = this.users.get(user.name);
    if (current === undefined) throw new UserStoreError(`There is no user "${user.name}"`);
    const next: StoredUser = { ...current, ...changes, access: revoked ? this.nextAccess++ : current.access };
    this.users.set(user.name, next);
    this.emit({ kind: 'updated', name: user.name, accessRevoked: revoked });
    return next;
  }

  private emit(change: UserChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's failure must not undo or block the change itself.
      }
    }
  }

  private fromRecord(record: UserRecord): StoredUser {
    if (typeof record !== 'object' || record === null) throw new UserStoreError('not a user record');
    const name = checkUserName(record.name);
    const root = checkUserRoot(record.root);
    if (record.passwordHash !== undefined && (typeof record.passwordHash !== 'string' || !isPasswordHash(record.passwordHash))) {
      throw new UserStoreError('the stored password is not an scrypt hash');
    }
    if (!Array.isArray(record.keys)) throw new UserStoreError('keys must be a list');
    const keys: StoredKey[] = [];
    for (const k of record.keys as readonly unknown[]) {
      const key = k as Partial<{ type: unknown; data: unknown; comment: unknown }>;
      const parsed = parsePublicKeyLine(`${String(key?.type)} ${String(key?.data)}`);
      if ('reason' in parsed) throw new UserStoreError(`a stored key is not valid: ${parsed.reason}`);
      const comment = typeof key.comment === 'string' ? key.comment : '';
      if (!keys.some((s) => s.fingerprint === parsed.fingerprint)) keys.push(storedKey({ ...parsed, comment }));
    }
    for (const flag of ['readOnly', 'enabled'] as const) {
      if (record[flag] !== undefined && typeof record[flag] !== 'boolean') throw new UserStoreError(`${flag} must be true or false`);
    }
    return {
      name,
      passwordHash: record.passwordHash,
      keys,
      root,
      readOnly: record.readOnly ?? false,
      enabled: record.enabled ?? true,
      access: this.nextAccess++,
    };
  }
}

function storedKey(key: { type: KeyType; blob: Buffer; comment: string; fingerprint: string }): StoredKey {
  return { type: key.type, blob: key.blob, comment: key.comment, fingerprint: key.fingerprint, digest: digestOf(key.blob) };
}

function view(user: StoredUser): UserView {
  return {
    name: user.name,
    hasPassword: user.passwordHash !== undefined,
    keys: user.keys.map((k) => ({ type: k.type, fingerprint: k.fingerprint, comment: k.comment })),
    root: user.root,
    readOnly: user.readOnly,
    enabled: user.enabled,
  };
}
