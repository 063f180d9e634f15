// The file cache of one Vfs (rclone vfs/vfscache/cache.go): its folder (locked by this instance),
// the items by share path, the upload queue and the cleaner. Items are stored flat under random
// ids, so a rename only rewrites metadata. The Vfs calls in here on open, close, stat, listing,
// rename and remove; everything else about an item lives in CacheItem.
import { randomBytes } from 'node:crypto';
import { mkdir, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { CacheMode } from '../../../src-shared/cache-mode.js';
import type { Logger } from '../../../src-shared/logger.js';
import type { Backend } from '../backend/backend.js';
import { isUnreachable, isVfsError } from '../errors.js';
import type { VfsEntry } from '../types.js';
import { CacheItem } from './cache-item.js';
import type { ItemStore, RemoteState } from './cache-item.js';
import { loadCacheFolder, META_SUFFIX } from './cache-load.js';
import { listingOverlay, shownTime, synthesizeEntry } from './cache-overlay.js';
import type { ListingOverlay } from './cache-overlay.js';
import { acquireCacheLock } from './cache-lock.js';
import type { CacheLock } from './cache-lock.js';
import type { VfsCacheOptions } from './cache-options.js';
import type { CacheStats } from './cache-stats.js';
import { chooseEvictions } from './cleaner.js';
import { uploadItem, UploadTempNames } from './upload.js';
import { Writeback } from './writeback.js';

export interface VfsCacheConfig {
  readonly backend: Backend;
  readonly mode: CacheMode;
  readonly options: VfsCacheOptions;
  readonly logger: Logger;
}

/** The folder of one share's cache: `<cacheDir>/vfs/<name>`, the name made safe for any disk. */
export function cacheFolder(options: Pick<VfsCacheOptions, 'cacheDir' | 'cacheName'>): string {
  const safe = options.cacheName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 80) || 'default';
  return path.join(options.cacheDir, 'vfs', safe);
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : `${root}/`);
}

export class VfsCache implements ItemStore {
  readonly backend: Backend;
  readonly logger: Logger;
  readonly mode: CacheMode;
  readonly dir: string;
  private readonly dataDir: string;
  private readonly metaDir: string;
  private readonly items = new Map<string, CacheItem>();
  /** Items whose upload must not start now (a rename of them is under way). */
  private readonly paused = new Set<CacheItem>();
  /** Upload temp files (share paths), hidden from listings; see `UploadTempNames`. */
  private readonly uploadTemps = new UploadTempNames();
  private readonly writeback: Writeback;
  private cleaner: NodeJS.Timeout | undefined;
  private seq = 0;
  private closed = false;

  private constructor(
    private readonly config: VfsCacheConfig,
    private readonly lock: CacheLock,
  ) {
    this.backend = config.backend;
    this.logger = config.logger;
    this.mode = config.mode;
    this.dir = path.dirname(lock.file);
    this.dataDir = path.join(this.dir, 'data');
    this.metaDir = path.join(this.dir, 'meta');
    this.writeback = new Writeback({
      delayMs: config.options.writeBackMs,
      transfers: config.options.transfers,
      logger: config.logger,
      upload: (item, signal, progress) => this.upload(item, signal, progress),
      canStart: (item) => item.writers === 0 && !this.paused.has(item) && !item.removed,
    });
  }

  /** Opens (creating if needed) and locks the cache folder, then queues what a crash left dirty. */
  static async open(config: VfsCacheConfig): Promise<VfsCache> {
    const dir = cacheFolder(config.options);
    await mkdir(path.join(dir, 'data'), { recursive: true });
    await mkdir(path.join(dir, 'meta'), { recursive: true });
    const lock = await acquireCacheLock(dir);
    const cache = new VfsCache(config, lock);
    try {
      await cache.load();
    } catch (err) {
      await lock.release();
      throw err;
    }
    cache.startCleaner();
    return cache;
  }

  dataPath(id: string): string {
    return path.join(this.dataDir, id);
  }

  metaPath(id: string): string {
    return path.join(this.metaDir, `${id}${META_SUFFIX}`);
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  lookup(path: string): CacheItem | undefined {
    return this.items.get(path);
  }

  /** The item for a path, created empty (and not yet saved) when there is none. */
  itemFor(path: string, createMode: number | null): CacheItem {
    let item = this.items.get(path);
    if (!item) {
      const now = Date.now();
      item = new CacheItem(this, randomBytes(8).toString('hex'), {
        v: 1,
        path,
        size: 0,
        mtimeMs: now,
        atimeMs: now,
        ranges: [],
        dirty: false,
        remote: null,
        mode: createMode,
        seq: 0,
      });
      this.items.set(path, item);
    }
    return item;
  }

  /** A handle starts using the item: the data file is opened and checked against the remote. */
  async attach(item: CacheItem, writer: boolean, remote: RemoteState): Promise<void> {
    item.opens += 1;
    if (writer) item.writers += 1;
    item.touch();
    try {
      await item.acquire();
    } catch (err) {
      this.detachCounts(item, writer);
      if (item.opens === 0 && !item.dirty) this.forgetItem(item);
      throw err;
    }
    try {
      await item.reconcile(remote);
    } catch (err) {
      await this.detach(item, writer).catch(() => undefined);
      throw err;
    }
  }

  /**
   * A handle is done with the item. The last one out queues a dirty item for upload (minimal mode
   * uploads at once and reports the result), or lets go of a clean one outside full mode.
   */
  async detach(item: CacheItem, writer: boolean): Promise<void> {
    this.detachCounts(item, writer);
    item.touch();
    try {
      if (item.opens > 0 || item.removed) return;
      if (item.dirty) {
        // Fetch what the upload will need while the remote is in reach (rclone does the same).
        await item.ensure(0, item.size).catch((err: unknown) => {
          this.logger.warn(`vfs cache: ${item.path}: could not fetch the unchanged parts yet: ${String(err)}`);
        });
        if (this.mode === 'minimal') {
          // Minimal mode uploads on close and reports the outcome; a failed upload is not retried.
          const error = await this.writeback.uploadNow(item);
          if (error !== undefined) {
            await this.discardItem(item);
            throw error;
          }
        } else {
          this.writeback.schedule(item);
        }
      }
      await item.save(false);
    } finally {
      await item.release();
      if (item.opens === 0 && !item.removed && !item.dirty && this.mode !== 'full' && !this.writeback.isQueued(item)) {
        await this.discardItem(item);
      }
    }
  }

  /**
   * Called before a handle changes the item's data: an upload reading it must stop first. Returns
   * undefined when nothing needs waiting for (the common case), so writes keep their order.
   */
  beforeModify(item: CacheItem): Promise<void> | undefined {
    return this.writeback.isUploading(item) ? this.writeback.cancel(item) : undefined;
  }

  /** What stat shows for `path`: a file being changed here shows the cache's size and time. */
  overlay(path: string, entry: VfsEntry | undefined): VfsEntry | undefined {
    const item = this.items.get(path);
    if (!item || !(item.dirty || item.writers > 0)) return entry;
    if (entry && entry.type !== 'file') return entry;
    return entry ? { ...entry, size: item.size, mtimeMs: this.shownTime(item.mtimeMs) } : this.synthesize(item);
  }

  /**
   * The entry to show when the remote failed to stat `path`: a cached file is shown from the cache
   * when the remote is out of reach, and a file not uploaded yet even when the remote lost it.
   */
  fallbackEntry(path: string, error: unknown): VfsEntry | undefined {
    const item = this.items.get(path);
    if (!item || item.removed) return undefined;
    if (isUnreachable(error)) return this.synthesize(item);
    if (isVfsError(error) && error.code === 'ENOENT' && item.dirty) return this.synthesize(item);
    return undefined;
  }

  /** Patches listings of `dir`: sizes of changed files, their entries if missing, no upload temps. */
  listingOverlay(dir: string): ListingOverlay {
    return listingOverlay(this.items.values(), (p) => this.uploadTemps.hides(p), dir, this.precision());
  }

  /**
   * Before a rename, removal or copy that involves these paths (and what is below them): their
   * uploads stop and stay paused until `resume`, so none can recreate a file being moved away.
   */
  async hold(...paths: string[]): Promise<void> {
    const involved = [...this.items.values()].filter((i) => paths.some((p) => within(i.path, p)));
    for (const item of involved) this.paused.add(item);
    await Promise.all(involved.map((item) => this.writeback.cancel(item)));
  }

  /** Lets held uploads go again (after the remote operation, whatever its outcome). */
  resume(...paths: string[]): void {
    for (const item of [...this.paused]) {
      if (!paths.some((p) => within(item.path, p))) continue;
      this.paused.delete(item);
      if (item.dirty && item.opens === 0 && !item.removed) this.writeback.schedule(item);
    }
  }

  /** The remote renamed `from` to `to`: cached files follow, anything they replaced goes. */
  async moved(from: string, to: string): Promise<void> {
    const moving = [...this.items.values()].filter((i) => within(i.path, from));
    for (const item of [...this.items.values()]) {
      if (within(item.path, to) && !moving.includes(item)) await this.discardItem(item);
    }
    for (const item of moving) this.items.delete(item.path);
    for (const item of moving) {
      const next = to + item.path.slice(from.length);
      this.items.set(next, item);
      await item.rename(next);
    }
  }

  /** The file was removed (or replaced by a copy): its item goes. True when it held unsent changes. */
  async discardPath(path: string): Promise<boolean> {
    const item = this.items.get(path);
    if (!item) return false;
    const dirty = item.dirty;
    await this.discardItem(item);
    return dirty;
  }

  async evict(): Promise<void> {
    const o = this.config.options;
    let free: number | undefined;
    if (o.cacheMinFreeSpace !== 'off') {
      const fs = await statfs(this.dir).catch(() => undefined);
      free = fs ? fs.bavail * fs.bsize : undefined;
    }
    const candidates = [...this.items.values()].map((item) => ({
      item,
      atimeMs: item.atimeMs,
      bytes: item.presentBytes,
      pinned: this.isPinned(item),
    }));
    const victims = chooseEvictions(candidates, { maxAge: o.cacheMaxAgeMs, maxSize: o.cacheMaxSize, minFreeSpace: o.cacheMinFreeSpace }, Date.now(), free);
    await this.evictItems(victims.map((v) => v.item));
  }

  /**
   * Drops every cached file that is not open, dirty or queued for upload (the app's "clear cache"),
   * whatever the limits say. Returns how many files were dropped.
   */
  async clear(): Promise<number> {
    return this.evictItems([...this.items.values()].filter((item) => !this.isPinned(item)));
  }

  getStats(): CacheStats {
    let bytesUsed = 0;
    let dirtyFiles = 0;
    for (const item of this.items.values()) {
      bytesUsed += item.presentBytes;
      if (item.dirty) dirtyFiles += 1;
    }
    const wb = this.writeback.stats();
    return {
      dir: this.dir,
      bytesUsed,
      files: this.items.size,
      dirtyFiles,
      uploadsQueued: wb.queued,
      uploadsInProgress: wb.inProgress,
      uploads: wb.uploads,
    };
  }

  /** Uploads everything pending (one attempt each), saves every record and unlocks the folder. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.cleaner) clearInterval(this.cleaner);
    for (const item of this.items.values()) {
      if (item.dirty && item.opens === 0 && !this.writeback.isQueued(item)) this.writeback.schedule(item, 0);
    }
    this.writeback.stop();
    await this.writeback.flush();
    for (const item of this.items.values()) await item.save(true).catch(() => undefined);
    await this.lock.release();
  }

  private detachCounts(item: CacheItem, writer: boolean): void {
    item.opens -= 1;
    if (writer) item.writers -= 1;
  }

  private async upload(item: CacheItem, signal: AbortSignal, progress: (bytes: number) => void): Promise<void> {
    const { generation, fingerprint } = await uploadItem(this.backend, item, signal, progress, this.uploadTemps);
    this.logger.info(`vfs cache: uploaded ${item.path} (${item.size} bytes)`);
    const clean = await item.markUploaded(generation, fingerprint);
    // Only full mode keeps files once they are uploaded. (No queue cancel here: this is the upload.)
    if (clean && item.opens === 0 && this.mode !== 'full') {
      this.forgetItem(item);
      await item.discard();
    }
  }

  /** Open, dirty or queued for upload: never evicted. */
  private isPinned(item: CacheItem): boolean {
    return item.inUse || item.dirty || this.writeback.isQueued(item);
  }

  /**
   * Discards the chosen items one by one. Each is checked again just before it goes: a client may
   * have opened or changed it while an earlier one was being removed, or it may be gone already.
   */
  private async evictItems(items: readonly CacheItem[]): Promise<number> {
    let dropped = 0;
    for (const item of items) {
      if (this.items.get(item.path) !== item || this.isPinned(item)) continue;
      this.logger.debug(`vfs cache: evicting ${item.path}`);
      await this.discardItem(item);
      dropped += 1;
    }
    return dropped;
  }

  private async discardItem(item: CacheItem): Promise<void> {
    this.forgetItem(item);
    this.paused.delete(item);
    await this.writeback.cancel(item);
    await item.discard();
  }

  private forgetItem(item: CacheItem): void {
    if (this.items.get(item.path) === item) this.items.delete(item.path);
  }

  private synthesize(item: CacheItem): VfsEntry {
    return synthesizeEntry(item, this.precision());
  }

  private shownTime(ms: number): number {
    return shownTime(ms, this.precision());
  }

  private precision(): number {
    return this.backend.features.modTimePrecisionMs ?? 1;
  }

  private async load(): Promise<void> {
    const { items, maxSeq } = await loadCacheFolder(this.dataDir, this.metaDir, this.mode === 'full', this.logger);
    this.seq = maxSeq;
    for (const { id, meta } of items) {
      const item = new CacheItem(this, id, meta);
      this.items.set(meta.path, item);
      if (meta.dirty) {
        this.logger.info(`vfs cache: ${meta.path} has changes not uploaded yet: queued`);
        this.writeback.schedule(item);
      }
    }
  }

  private startCleaner(): void {
    const run = () => {
      this.evict().catch((err: unknown) => this.logger.warn(`vfs cache: eviction failed: ${String(err)}`));
    };
    run();
    const every = this.config.options.cachePollIntervalMs;
    if (every !== 'off' && every > 0) {
      this.cleaner = setInterval(run, every);
      this.cleaner.unref();
    }
  }
}
