// A share's users and keys: every change goes through the share's UserStore (hashes, validation,
// ending sessions whose access was taken away) and is then saved with the share.
import type { KeyImportResult, User } from '../../../src-shared/contract/index.js';
import { generatePassword, UserStoreError } from '../../servers/index.js';
import type { UserStore } from '../../servers/index.js';
import { CoreError, invalid, notFound } from '../core-error.js';
import type { ShareRuntime } from '../shares/share-runtime.js';
import type { ShareService } from '../shares/share-service.js';

export interface NewUserInput {
  readonly name: string;
  readonly password?: string;
  readonly generatePassword: boolean;
  readonly root: string;
  readonly readOnly: boolean;
}

export class UserService {
  constructor(private readonly shares: ShareService) {}

  list(shareId: string): User[] {
    const runtime = this.shares.runtime(shareId);
    return this.store(runtime).list().map((view) => toUser(view, runtime));
  }

  /** Adds a user; a generated password is returned (this once) and never stored as text. */
  async add(shareId: string, input: NewUserInput): Promise<{ user: User; password: string | null }> {
    if (input.generatePassword && input.password !== undefined) throw invalid('Give a password or ask for one to be generated, not both');
    const runtime = this.shares.runtime(shareId);
    const password = input.generatePassword ? generatePassword() : input.password;
    const view = await this.change(runtime, (store) =>
      store.add({ name: input.name, password, root: input.root, readOnly: input.readOnly }),
    );
    // A share that could not start for want of users may start now.
    await this.shares.ensureRunning(shareId);
    return { user: toUser(view, runtime), password: input.generatePassword ? (password ?? null) : null };
  }

  async update(shareId: string, name: string, patch: { root?: string; readOnly?: boolean; enabled?: boolean }): Promise<User> {
    const runtime = this.shares.runtime(shareId);
    const view = await this.change(runtime, (store) => store.update(name, patch));
    if (view.enabled) await this.shares.ensureRunning(shareId);
    return toUser(view, runtime);
  }

  async setPassword(shareId: string, name: string, password: string): Promise<User> {
    const runtime = this.shares.runtime(shareId);
    await this.change(runtime, (store) => store.setPassword(name, password));
    await this.shares.ensureRunning(shareId);
    return this.one(runtime, name);
  }

  async resetPassword(shareId: string, name: string): Promise<string> {
    const runtime = this.shares.runtime(shareId);
    const password = await this.change(runtime, (store) => store.resetPassword(name));
    await this.shares.ensureRunning(shareId);
    return password;
  }

  async clearPassword(shareId: string, name: string): Promise<User> {
    const runtime = this.shares.runtime(shareId);
    await this.change(runtime, (store) => store.clearPassword(name));
    return this.one(runtime, name);
  }

  async remove(shareId: string, name: string): Promise<void> {
    const runtime = this.shares.runtime(shareId);
    const removed = await this.change(runtime, (store) => store.remove(name));
    if (!removed) throw notFound(`There is no user "${name}"`);
    // A new user of the same name must not inherit the old one's last login.
    if (runtime.record.lastLogins?.[name] !== undefined) {
      this.shares.saveChange(shareId, (r) => ({ ...r, lastLogins: withoutKey(r.lastLogins ?? {}, name) }));
    }
  }

  async addKeys(shareId: string, name: string, text: string): Promise<KeyImportResult> {
    const runtime = this.shares.runtime(shareId);
    const result = await this.change(runtime, (store) => store.addKeys(name, text));
    if (result.keys.length > 0) await this.shares.ensureRunning(shareId);
    return {
      added: result.keys.map((k) => ({ type: k.type, fingerprint: k.fingerprint, comment: k.comment })),
      errors: result.errors.map((e) => ({ line: e.line, reason: e.reason })),
    };
  }

  async removeKey(shareId: string, name: string, fingerprint: string): Promise<void> {
    const runtime = this.shares.runtime(shareId);
    const removed = await this.change(runtime, (store) => store.removeKey(name, fingerprint));
    if (!removed) throw notFound(`User "${name}" has no key ${fingerprint}`);
  }

  private store(runtime: ShareRuntime): UserStore {
    if (!runtime.users) throw invalid(capitalize(runtime.usersError ?? 'the users of this share could not be loaded'));
    return runtime.users;
  }

  private one(runtime: ShareRuntime, name: string): User {
    const view = this.store(runtime).get(name);
    if (!view) throw notFound(`There is no user "${name}"`);
    return toUser(view, runtime);
  }

  /** Runs a change on the store, then saves the share's users; store errors become CoreErrors. */
  private async change<T>(runtime: ShareRuntime, op: (store: UserStore) => T | Promise<T>): Promise<T> {
    const store = this.store(runtime);
    let result: T;
    try {
      result = await op(store);
    } catch (err) {
      throw err instanceof UserStoreError ? fromStoreError(err) : err;
    }
    const users = store.toRecords().map((u) => ({ ...u, keys: [...u.keys] }));
    this.shares.saveChange(runtime.id, (r) => ({ ...r, users }));
    this.shares.announce();
    return result;
  }
}

function toUser(view: ReturnType<UserStore['list']>[number], runtime: ShareRuntime): User {
  const lastLogin = runtime.record.lastLogins?.[view.name];
  return {
    name: view.name,
    hasPassword: view.hasPassword,
    keys: view.keys.map((k) => ({ type: k.type, fingerprint: k.fingerprint, comment: k.comment })),
    root: view.root,
    readOnly: view.readOnly,
    enabled: view.enabled,
    lastLogin: lastLogin ?? null,
  };
}

function withoutKey(map: Readonly<Record<string, number>>, key: string): Record<string, number> {
  return Object.fromEntries(Object.entries(map).filter(([k]) => k !== key));
}

function fromStoreError(err: UserStoreError): CoreError {
  if (/already exists/.test(err.message)) return new CoreError('conflict', err.message);
  if (/^There is no user/.test(err.message)) return new CoreError('not-found', err.message);
  return new CoreError('invalid', err.message);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
