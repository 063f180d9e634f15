// Shares: list, create, change (restarting what the change affects), remove, and turning each
// protocol on or off. Every change is saved before it takes effect and announced afterwards.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  ParsedPayloadOf,
  ServerStatus,
  Share,
  SharePatch,
  ShareProtocol,
  ShareSettings,
} from '../../../src-shared/contract/index.js';
import { shareSettingsSchema } from '../../../src-shared/contract/index.js';
import type { CoreContext } from '../core-context.js';
import { conflict, invalid, notFound } from '../core-error.js';
import type { ShareRecord } from '../settings/settings-schema.js';
import { StartError } from './listen-error.js';
import { normalizeLocalPath } from './local-path.js';
import { checkFolder, openShareBackend, shareVfsOptions } from './share-backend.js';
import type { RemoteTarget } from './share-backend.js';
import { ShareRuntime } from './share-runtime.js';
import type { RuntimeDeps } from './share-runtime.js';
import { shareView } from './share-view.js';

export class ShareService {
  private readonly deps: RuntimeDeps;
  /** The tail of each share's queue of settings changes. */
  private readonly updates = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly remoteTarget: (name: string) => RemoteTarget | undefined,
  ) {
    this.deps = {
      logger: ctx.logger,
      hostKeys: ctx.hostKeys,
      scrypt: ctx.scrypt,
      now: ctx.now,
      openBackend: (record) => openShareBackend(record, this.remoteTarget, ctx.logger),
      vfsOptions: (record) =>
        shareVfsOptions(record, { app: ctx.repo.document.app, cacheDir: ctx.cacheDir, platform: ctx.platform }),
      transfers: (shareId) => ctx.transfers.observer(shareId),
      onLogin: (shareId, user, at) => this.recordLogin(shareId, user, at),
      onStatus: (shareId, protocol, status) => {
        ctx.events.emit('status', { shareId, protocol, status });
        this.announce();
      },
    };
  }

  /** Builds the runtimes of the stored shares (nothing starts yet). */
  load(): void {
    for (const record of this.ctx.repo.document.shares) this.ctx.runtimes.set(record.id, new ShareRuntime(record, this.deps));
  }

  /** Starts every server the person left on (resume sharing on launch). */
  async resume(): Promise<void> {
    const starts: Promise<unknown>[] = [];
    for (const runtime of this.ctx.runtimes.values()) {
      for (const protocol of ['sftp', 'ftp'] as const) {
        if (runtime.record[protocol].enabled) starts.push(runtime.start(protocol).catch(() => undefined));
      }
    }
    await Promise.all(starts);
  }

  list(): Share[] {
    return [...this.ctx.runtimes.values()].map(shareView);
  }

  get(id: string): Share {
    return shareView(this.runtime(id));
  }

  runtime(id: string): ShareRuntime {
    const runtime = this.ctx.runtimes.get(id);
    if (!runtime) throw notFound('There is no such share (it may have been removed)');
    return runtime;
  }

  async create(input: ParsedPayloadOf<'shares:create'>): Promise<Share> {
    const settings = await this.checkSettings(input, undefined);
    const record: ShareRecord = { id: randomUUID(), ...settings, users: [] };
    this.ctx.repo.update((doc) => ({ ...doc, shares: [...doc.shares, record] }));
    const runtime = new ShareRuntime(record, this.deps);
    this.ctx.runtimes.set(record.id, runtime);
    this.announce();
    await runtime.apply(record);
    return shareView(runtime);
  }

  /** Changes a share's settings; changes to one share are applied one after the other. */
  update(id: string, patch: SharePatch): Promise<Share> {
    const previous = this.updates.get(id) ?? Promise.resolve();
    const run = previous.then(() => this.updateNow(id, patch));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.updates.set(id, settled);
    void settled.then(() => {
      if (this.updates.get(id) === settled) this.updates.delete(id);
    });
    return run;
  }

  private async updateNow(id: string, patch: SharePatch): Promise<Share> {
    const runtime = this.runtime(id);
    const before = runtime.record;
    const merged = {
      ...before,
      ...definedOnly(patch),
      sftp: { ...before.sftp, ...definedOnly(patch.sftp ?? {}) },
      ftp: { ...before.ftp, ...definedOnly(patch.ftp ?? {}) },
    };
    const { id: _id, users, lastLogins: _logins, ...rest } = merged;
    const settings = await this.checkSettings(rest, id);
    // Logins recorded while the settings were being checked are kept.
    const lastLogins = runtime.record.lastLogins;
    const record: ShareRecord = { id, ...settings, users, ...(lastLogins ? { lastLogins } : {}) };
    // Saved first, settings only: the stored users stay as the user service last saved them. The
    // runtime takes the record in apply(), where it compares it with the old one.
    this.ctx.repo.update((doc) => ({ ...doc, shares: doc.shares.map((s) => (s.id === id ? { ...s, ...settings } : s)) }));
    await runtime.apply(record);
    this.announce();
    return shareView(runtime);
  }

  async remove(id: string): Promise<void> {
    const runtime = this.runtime(id);
    await runtime.close();
    this.ctx.repo.update((doc) => ({ ...doc, shares: doc.shares.filter((s) => s.id !== id) }));
    this.ctx.runtimes.delete(id);
    this.announce();
  }

  /** Turns a protocol on (kept on across launches) and waits for it to run or fail. */
  async start(id: string, protocol: ShareProtocol): Promise<ServerStatus> {
    const runtime = this.runtime(id);
    this.setEnabled(runtime, protocol, true);
    await runtime.start(protocol).catch((err: unknown) => {
      if (!(err instanceof StartError)) throw err;
    });
    return runtime.status(protocol);
  }

  async stop(id: string, protocol: ShareProtocol): Promise<ServerStatus> {
    const runtime = this.runtime(id);
    this.setEnabled(runtime, protocol, false);
    await runtime.stop(protocol);
    return runtime.status(protocol);
  }

  /** Starts the servers that should run but do not (after users were added, for instance). */
  async ensureRunning(id: string): Promise<void> {
    const runtime = this.runtime(id);
    for (const protocol of ['sftp', 'ftp'] as const) {
      if (runtime.record[protocol].enabled && !runtime.listening(protocol)) await runtime.start(protocol).catch(() => undefined);
    }
  }

  /**
   * Saves when a user last logged in. Only the share's own users are recorded: names an auth proxy
   * accepts are not accounts here, and recording them would grow the settings file without end.
   */
  private recordLogin(shareId: string, user: string, at: number): void {
    const runtime = this.ctx.runtimes.get(shareId);
    if (!runtime?.users?.get(user)) return;
    try {
      this.saveChange(shareId, (r) => ({ ...r, lastLogins: { ...r.lastLogins, [user]: at } }));
    } catch (err) {
      this.ctx.logger.warn(`users: could not save the last login of "${user}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Saves one part of a share (its users, a server's enabled flag or port) without touching its
   * servers. The change is applied to the stored record and to the runtime's separately, so
   * concurrent changes to other parts (an update waiting for its restart) are not undone.
   */
  saveChange(id: string, change: (record: ShareRecord) => ShareRecord): void {
    this.ctx.repo.update((doc) => ({ ...doc, shares: doc.shares.map((s) => (s.id === id ? change(s) : s)) }));
    const runtime = this.ctx.runtimes.get(id);
    if (runtime) runtime.record = change(runtime.record);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.ctx.runtimes.values()].map((r) => r.close()));
  }

  announce(): void {
    this.ctx.events.emit('shares', this.list());
  }

  private setEnabled(runtime: ShareRuntime, protocol: ShareProtocol, enabled: boolean): void {
    if (runtime.record[protocol].enabled === enabled) return;
    this.saveChange(runtime.id, (r) => ({ ...r, [protocol]: { ...r[protocol], enabled } }));
  }

  /** Validates a share's settings as a whole: unique name, a usable source. */
  private async checkSettings(input: unknown, id: string | undefined): Promise<ShareSettings> {
    const parsed = shareSettingsSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'share'}: ${i.message}`).join('; '));
    let settings = parsed.data;
    const lower = settings.name.toLowerCase();
    for (const other of this.ctx.runtimes.values()) {
      if (other.id !== id && other.record.name.toLowerCase() === lower) throw conflict(`A share named "${other.record.name}" already exists`);
    }
    if (settings.authProxy !== null) {
      const program = settings.authProxy.trim();
      const p = this.ctx.platform === 'win32' ? path.win32 : path.posix;
      if (!p.isAbsolute(program)) throw invalid('The auth proxy must be given as the full path of a program');
      settings = { ...settings, authProxy: program };
    }
    if (settings.source.kind === 'local') {
      const folder = normalizeLocalPath(settings.source.path, undefined, this.ctx.platform);
      try {
        await checkFolder(folder);
      } catch (err) {
        throw invalid(capitalize((err as Error).message));
      }
      settings = { ...settings, source: { kind: 'local', path: folder } };
    } else if (!this.remoteTarget(settings.source.remote)) {
      throw notFound(`There is no remote named "${settings.source.remote}"`);
    }
    return settings;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
