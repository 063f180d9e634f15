// The engine's front door: path-based entry points that both protocol adapters use, and nothing
// else. It applies the share-wide rules (read-only, displayed permissions and owners, no-modtime),
// fixes up name case when asked (case-fold.ts), keeps the directory cache in front of the backend
// (dir-cache-backend.ts) and picks the handle kind for an open in one switch by cache mode.
import type { Logger } from '../../src-shared/logger.js';
import { silentLogger } from '../../src-shared/logger.js';
import type { Backend } from './backend/backend.js';
import { resolveCase, resolveTargetCase } from './case-fold.js';
import { isCaseOnlyRename, renameCaseOnly } from './case-rename.js';
import {
  copyThroughCache,
  hashThroughCache,
  listThroughCache,
  removeThroughCache,
  renameThroughCache,
  setAttrsThroughCache,
  statThroughCache,
} from './cache/cached-ops.js';
import type { VfsCacheStats } from './cache/cache-stats.js';
import { OpenFiles } from './cache/open-files.js';
import { VfsCache } from './cache/vfs-cache.js';
import { DirCache } from './dir-cache.js';
import { withDirCache } from './dir-cache-backend.js';
import { VfsError } from './errors.js';
import type { VfsHandle } from './handle.js';
import { openHandle, usesDiskCache } from './open-handle.js';
import { resolveSharePath } from './share-path.js';
import type { HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from './types.js';
import type { VfsOptions } from './vfs-options.js';

/** What a Vfs takes from its surroundings besides options (tests inject a clock). */
export interface VfsDeps {
  /** Clock for cache expiry (ms since the epoch). */
  readonly now?: () => number;
}

export class Vfs {
  private shutDown = false;
  /** The backend behind the directory cache (the one every verb uses). */
  readonly backend: Backend;
  private readonly dirCache: DirCache;
  /** The file cache, in the modes that use one (open-handle.ts `usesDiskCache`). */
  private cache: VfsCache | undefined;
  /** Settles when the file cache is ready; a cache that cannot start fails every call. */
  private readonly ready: Promise<void>;
  private readonly openFiles = new OpenFiles();

  constructor(
    backend: Backend,
    readonly options: VfsOptions,
    private readonly logger: Logger = silentLogger,
    deps: VfsDeps = {},
  ) {
    this.dirCache = new DirCache({ ttlMs: options.dirCacheTimeMs, now: deps.now });
    this.backend = withDirCache(backend, this.dirCache, options, logger);
    this.ready = this.startCache();
    this.ready.catch(() => undefined);
  }

  /**
   * Creates a Vfs and waits for its file cache: a cache folder locked by another running instance
   * (CacheLockedError) or unusable fails here, before anything is served.
   */
  static async create(backend: Backend, options: VfsOptions, logger: Logger = silentLogger, deps: VfsDeps = {}): Promise<Vfs> {
    const vfs = new Vfs(backend, options, logger, deps);
    try {
      await vfs.ready;
    } catch (err) {
      await vfs.backend.close().catch(() => undefined);
      throw err;
    }
    return vfs;
  }

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  async stat(path: string): Promise<VfsEntry> {
    await this.running();
    const p = await this.fixCase(path);
    return this.decorate(await statThroughCache(this.cache, p, () => this.backend.stat(p)));
  }

  async lstat(path: string): Promise<VfsEntry> {
    await this.running();
    const p = await this.fixCase(path);
    return this.decorate(await statThroughCache(this.cache, p, () => this.backend.lstat(p)));
  }

  async openFile(path: string, flags: OpenFlags, mode?: number): Promise<VfsHandle> {
    this.checkRunning();
    if (flags.write || flags.create || flags.truncate || flags.append) this.checkWritable();
    const createMode = (mode ?? this.options.filePerms) & ~this.options.umask & 0o7777;
    await this.ready;
    path = await this.fixCase(path);
    const { backend, options, cache, openFiles, logger } = this;
    return openHandle({ backend, options, cache, openFiles, logger, decorate: (e) => this.decorate(e) }, path, flags, createMode);
  }

  /** Streams the entries of a directory (links reported as links) in batches. */
  async *readDir(path: string): AsyncIterable<readonly VfsEntry[]> {
    await this.running();
    const p = await this.fixCase(path);
    for await (const batch of listThroughCache(this.cache, p, this.backend.list(p))) {
      yield batch.map((entry) => this.decorate(entry));
    }
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    this.checkWritable();
    await this.backend.mkdir(await this.fixCase(path), (mode ?? this.options.dirPerms) & ~this.options.umask & 0o7777);
  }

  async rmdir(path: string): Promise<void> {
    this.checkWritable();
    if (path === '/') throw new VfsError('EPERM', 'Cannot remove the root of the share');
    await this.backend.rmdir(await this.fixCase(path));
  }

  async remove(path: string): Promise<void> {
    this.checkWritable();
    await this.ready;
    await removeThroughCache(this.cache, this.backend, await this.fixCase(path));
  }

  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    this.checkWritable();
    if (from === '/' || to === '/') throw new VfsError('EPERM', 'Cannot rename the root of the share');
    const source = await this.fixCase(from);
    const target = await this.fixTargetCase(to, source);
    await this.ready;
    await renameThroughCache(this.cache, source, target, async () => {
      // `a` → `A` must work on case-insensitive storage too, where `A` "exists" as `a` itself.
      if (isCaseOnlyRename(source, target)) await renameCaseOnly(this.backend, source, target, overwrite);
      else await this.backend.rename(source, target, overwrite);
    });
  }

  async setAttrs(path: string, attrs: SetAttrs, followLinks = true): Promise<void> {
    this.checkWritable();
    const filtered = this.filterAttrs(attrs);
    await this.ready;
    const p = await this.fixCase(path);
    await setAttrsThroughCache(this.cache, this.options.cacheMode, this.backend, p, filtered, followLinks, (at, flags) =>
      this.openFile(at, flags),
    );
  }

  /** Attribute changes for an open handle, with the same share-wide filtering as setAttrs. */
  async setHandleAttrs(handle: VfsHandle, attrs: SetAttrs): Promise<void> {
    this.checkWritable();
    await handle.setAttrs(this.filterAttrs(attrs));
  }

  async readlink(path: string): Promise<string> {
    this.checkRunning();
    return this.backend.readlink(await this.fixCase(path));
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    this.checkWritable();
    if (!this.backend.features.symlinks) throw new VfsError('ENOSYS', 'Symbolic links are not supported here');
    await this.backend.symlink(target, await this.fixTargetCase(linkPath));
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    this.checkWritable();
    if (!this.backend.features.hardlinks) throw new VfsError('ENOSYS', 'Hard links are not supported here');
    await this.backend.link(await this.fixCase(existingPath), await this.fixTargetCase(newPath));
  }

  async copy(from: string, to: string, overwrite: boolean): Promise<void> {
    this.checkWritable();
    const source = await this.fixCase(from);
    const target = await this.fixTargetCase(to, source);
    await this.ready;
    await copyThroughCache(this.cache, this.backend, source, target, overwrite, (at, flags) => this.openFile(at, flags));
  }

  async statfs(path: string): Promise<StatFs> {
    await this.running();
    let fs = await this.backend.statfs(await this.fixCase(path));
    if (this.options.usedIsSize) fs = withUsed(fs, await this.usedBytes());
    return this.options.readOnly ? { ...fs, readOnly: true } : fs;
  }

  async hash(path: string, type: HashType): Promise<string> {
    this.checkRunning();
    if (this.options.noChecksum) throw new VfsError('ENOSYS', 'Checksums are disabled on this share');
    if (!this.backend.features.hashes.includes(type)) throw new VfsError('ENOSYS', `No ${type} checksums here`);
    await this.ready;
    const p = await this.fixCase(path);
    return hashThroughCache(this.cache, this.backend, p, type, (at, flags) => this.openFile(at, flags));
  }

  /**
   * Drops cached directory knowledge of a path and everything below it, or of everything (SIGHUP,
   * rclone's vfs/forget): the next lookups ask the backend again.
   */
  forget(path?: string): void {
    this.logger.debug(`vfs: forget ${path ?? 'all'}`);
    if (path === undefined) this.dirCache.clear();
    else this.dirCache.invalidateTree(resolveSharePath(path));
  }

  /** Cache size, files, uploads and open files, for the app. */
  getCacheStats(): VfsCacheStats {
    return { mode: this.options.cacheMode, cache: this.cache?.getStats(), openFiles: this.openFiles.list() };
  }

  /**
   * Drops every clean, closed cached file (never one that is open or waiting to upload). Returns how
   * many went; 0 when the share has no file cache (cache mode off).
   */
  async clearCache(): Promise<number> {
    return (await this.cache?.clear()) ?? 0;
  }

  /** Stops serving: pending uploads get one more attempt (what fails waits for the next start). */
  async shutdown(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    try {
      await this.ready.catch(() => undefined);
      await this.cache?.shutdown();
    } finally {
      await this.backend.close();
    }
  }

  private async startCache(): Promise<void> {
    if (!usesDiskCache(this.options.cacheMode, this.backend.features.randomAccess)) return;
    const { backend, logger } = this;
    this.cache = await VfsCache.open({ backend, mode: this.options.cacheMode, options: this.options, logger });
    logger.debug(`vfs cache: files are cached in ${this.cache.dir}`);
  }

  /** --vfs-used-is-size: the total size of every file in the share (a full walk, as rclone). */
  private async usedBytes(): Promise<number> {
    let total = 0;
    const dirs = ['/'];
    for (let dir = dirs.pop(); dir !== undefined; dir = dirs.pop()) {
      for await (const batch of this.readDir(dir)) {
        for (const entry of batch) {
          if (entry.type === 'file') total += entry.size;
          else if (entry.type === 'dir') dirs.push(dir === '/' ? `/${entry.name}` : `${dir}/${entry.name}`);
        }
      }
    }
    return total;
  }

  private decorate(entry: VfsEntry): VfsEntry {
    const o = this.options;
    let mode = entry.mode;
    if (o.overridePerms) {
      if (entry.type === 'dir') mode = o.dirPerms & ~o.umask;
      else if (entry.type === 'file') mode = o.filePerms & ~o.umask;
    }
    if (o.readOnly) mode &= ~0o222;
    return {
      ...entry,
      mode,
      uid: o.uid ?? entry.uid,
      gid: o.gid ?? entry.gid,
    };
  }

  private filterAttrs(attrs: SetAttrs): SetAttrs {
    checkSetAttrs(attrs);
    if (!this.options.noModTime) return attrs;
    const { atimeMs: _a, mtimeMs: _m, ...rest } = attrs;
    return rest;
  }

  /** The path with its case fixed up when --vfs-case-insensitive is on (exact names win). */
  private fixCase(path: string): Promise<string> {
    return this.options.caseInsensitive ? resolveCase(this.backend, path) : Promise.resolve(path);
  }

  /** For names about to be created or replaced: the folder is fixed up, the name only to another entry. */
  private fixTargetCase(path: string, source?: string): Promise<string> {
    return this.options.caseInsensitive ? resolveTargetCase(this.backend, path, source) : Promise.resolve(path);
  }

  private async running(): Promise<void> {
    this.checkRunning();
    await this.ready;
  }

  private checkRunning(): void {
    if (this.shutDown) throw new VfsError('ECLOSED', 'The share has been stopped');
  }

  private checkWritable(): void {
    this.checkRunning();
    if (this.options.readOnly) throw new VfsError('EROFS');
  }
}

/** Reports `used` bytes as taken: free space is what the total leaves. */
function withUsed(fs: StatFs, used: number): StatFs {
  const unit = fs.fragmentSize > 0 ? fs.fragmentSize : fs.blockSize > 0 ? fs.blockSize : 4096;
  const free = Math.max(0, fs.blocks - Math.ceil(used / unit));
  return { ...fs, blocksFree: free, blocksAvail: Math.min(fs.blocksAvail, free) };
}

/** Client-supplied attributes are checked once here, so no backend sees nonsense. */
function checkSetAttrs(attrs: SetAttrs): void {
  const { size, mode, uid, gid, atimeMs, mtimeMs } = attrs;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) throw new VfsError('EINVAL', 'Invalid size');
  if (mode !== undefined && (!Number.isInteger(mode) || mode < 0)) throw new VfsError('EINVAL', 'Invalid mode');
  for (const id of [uid, gid]) {
    if (id !== undefined && (!Number.isInteger(id) || id < 0 || id > 0xfffffffe)) {
      throw new VfsError('EINVAL', 'Invalid owner');
    }
  }
  for (const t of [atimeMs, mtimeMs]) {
    if (t !== undefined && !Number.isFinite(t)) throw new VfsError('EINVAL', 'Invalid time');
  }
}
