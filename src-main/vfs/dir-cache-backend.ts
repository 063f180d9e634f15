// A Backend in front of another that serves listings and lstat results from the directory cache
// and drops cached entries on every change made through it: mutations, and writes through files
// it opened (the file cache's uploads included, since they go through here too). With a watcher
// (local shares), data about a directory is kept only while that directory is watched.
import type { Logger } from '../../src-shared/logger.js';
import type { Backend, BackendFile } from './backend/backend.js';
import { LocalBackend } from './backend/local-backend.js';
import { VfsError } from './errors.js';
import { writeBuffers } from './handle.js';
import type { DirCache } from './dir-cache.js';
import { parentPath } from './share-path.js';
import type { HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from './types.js';
import { LocalDirWatcher } from './watch.js';
import type { DirWatcher } from './watch.js';

/** Folders waiting for their watch to come live before they are read again. */
const MAX_TO_WARM = 64;

/** Entries per batch when a listing is served from the cache (OpenSSH's READDIR size). */
const BATCH = 100;

/** A file opened for writing: each change drops the cached view of its path. */
class InvalidatingFile implements BackendFile {
  constructor(
    private readonly inner: BackendFile,
    private readonly changed: () => void,
  ) {}

  read(position: number, length: number): Promise<Buffer> {
    return this.inner.read(position, length);
  }

  async write(position: number, data: Buffer): Promise<void> {
    try {
      await this.inner.write(position, data);
    } finally {
      this.changed();
    }
  }

  async writev(position: number, data: readonly Buffer[]): Promise<void> {
    try {
      await writeBuffers(this.inner, position, data);
    } finally {
      this.changed();
    }
  }

  stat(): Promise<VfsEntry> {
    return this.inner.stat();
  }

  async truncate(size: number): Promise<void> {
    try {
      await this.inner.truncate(size);
    } finally {
      this.changed();
    }
  }

  async setAttrs(attrs: SetAttrs): Promise<void> {
    try {
      await this.inner.setAttrs(attrs);
    } finally {
      this.changed();
    }
  }

  sync(): Promise<void> {
    return this.inner.sync();
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      this.changed();
    }
  }
}

export class DirCacheBackend implements Backend {
  readonly kind: Backend['kind'];
  readonly features: Backend['features'];
  /** Folders whose listing started their watch, to be read again once it is live (see `watching`). */
  private readonly toWarm = new Set<string>();

  constructor(
    readonly inner: Backend,
    private readonly cache: DirCache,
    private readonly watcher?: DirWatcher,
  ) {
    this.kind = inner.kind;
    this.features = inner.features;
  }

  async lstat(path: string): Promise<VfsEntry> {
    const known = this.cache.lookup(path);
    if (known === 'absent') throw new VfsError('ENOENT');
    if (known !== undefined) return known.entry;
    const keep = this.trusted(path === '/' ? '/' : parentPath(path));
    const flight = this.cache.begin('stat', path);
    try {
      const entry = await this.inner.lstat(path);
      if (keep) this.cache.storeStat(path, entry, flight);
      return entry;
    } finally {
      this.cache.end(flight);
    }
  }

  async stat(path: string): Promise<VfsEntry> {
    // What the cache knows of a non-link is its stat too. A link is followed every time: its
    // target may change behind it.
    const known = this.cache.lookup(path);
    if (known === 'absent') throw new VfsError('ENOENT');
    if (known !== undefined) return known.entry.type === 'symlink' ? this.inner.stat(path) : known.entry;
    // A miss asks both at once (one round trip on a remote): the lstat, kept, tells next time
    // whether this path is a link, which a stat alone cannot.
    const [entry] = await Promise.all([this.inner.stat(path), this.lstat(path).catch(() => undefined)]);
    return entry;
  }

  async *list(path: string): AsyncIterable<readonly VfsEntry[]> {
    const cached = this.cache.listing(path);
    if (cached !== undefined) {
      for (let i = 0; i < cached.entries.length; i += BATCH) yield cached.entries.slice(i, i + BATCH);
      return;
    }
    // A folder not watched yet starts being watched after this listing, not during it: chokidar's
    // first pass reads the whole folder too, and would compete with the listing the client waits for.
    const keep = this.cache.enabled && this.trusted(path, false);
    const flight = this.cache.begin('list', path);
    const all: VfsEntry[] = [];
    let complete = false;
    try {
      for await (const batch of this.inner.list(path)) {
        if (keep) all.push(...batch);
        yield batch;
      }
      complete = true;
    } finally {
      // A listing the consumer stopped early is incomplete: never stored.
      if (keep && complete) this.cache.storeListing(path, all, flight);
      this.cache.end(flight);
      if (!keep && this.cache.enabled && !this.trusted(path) && complete) this.noteToWarm(path);
    }
  }

  /**
   * The watcher now reports changes in `dir`. A folder whose listing started the watch is read
   * once more in the background, so the client's next listing comes from the cache: the first
   * listing could not be kept (it ran before the watch), and a client that lists a folder tends to
   * list it again. Only folders listed through the share are read, never ones a lookup touched.
   */
  watching(dir: string): void {
    if (!this.toWarm.delete(dir) || this.cache.listing(dir) !== undefined) return;
    void (async () => {
      try {
        for await (const batch of this.list(dir)) void batch;
      } catch {
        // Gone or unreadable now: the next listing says so itself.
      }
    })();
  }

  private noteToWarm(dir: string): void {
    // Bounded: a watch that never comes live must not leave its folder here for ever.
    if (this.toWarm.size >= MAX_TO_WARM) this.toWarm.clear();
    this.toWarm.add(dir);
  }

  async open(path: string, flags: OpenFlags, mode: number): Promise<BackendFile> {
    if (!flags.write && !flags.create && !flags.truncate) return this.inner.open(path, flags, mode);
    let file: BackendFile;
    try {
      file = await this.inner.open(path, flags, mode);
    } finally {
      this.changed(path, false);
    }
    return new InvalidatingFile(file, () => this.changed(path, false));
  }

  mkdir(path: string, mode: number): Promise<void> {
    return this.changing([path], () => this.inner.mkdir(path, mode), true);
  }

  rmdir(path: string): Promise<void> {
    return this.changing([path], () => this.inner.rmdir(path), true);
  }

  remove(path: string): Promise<void> {
    return this.changing([path], () => this.inner.remove(path), true);
  }

  rename(from: string, to: string, overwrite: boolean): Promise<void> {
    return this.changing([from, to], () => this.inner.rename(from, to, overwrite), true);
  }

  setAttrs(path: string, attrs: SetAttrs, followLinks: boolean): Promise<void> {
    return this.changing([path], () => this.inner.setAttrs(path, attrs, followLinks), false);
  }

  readlink(path: string): Promise<string> {
    return this.inner.readlink(path);
  }

  symlink(target: string, linkPath: string): Promise<void> {
    return this.changing([linkPath], () => this.inner.symlink(target, linkPath), false);
  }

  link(existingPath: string, newPath: string): Promise<void> {
    // The existing file's link count changes too.
    return this.changing([existingPath, newPath], () => this.inner.link(existingPath, newPath), false);
  }

  copy(from: string, to: string, overwrite: boolean): Promise<void> {
    return this.changing([to], () => this.inner.copy(from, to, overwrite), false);
  }

  statfs(path: string): Promise<StatFs> {
    return this.inner.statfs(path);
  }

  hash(path: string, type: HashType): Promise<string> {
    return this.inner.hash(path, type);
  }

  async close(): Promise<void> {
    this.cache.clear();
    try {
      await this.watcher?.close();
    } finally {
      await this.inner.close();
    }
  }

  /** Runs a mutation; whatever the outcome (a failure may have done part), drops what it touches. */
  private async changing(paths: readonly string[], op: () => Promise<void>, tree: boolean): Promise<void> {
    try {
      await op();
    } finally {
      for (const p of paths) this.changed(p, tree);
    }
  }

  /** Drops what the cache shows of `path` (and below it with `tree`); tells the watcher. */
  private changed(path: string, tree: boolean): void {
    if (tree) this.cache.invalidateTree(path);
    else this.cache.invalidate(path);
    if (path !== '/') this.watcher?.changedHere(parentPath(path));
  }

  /**
   * Whether data about `dir`'s entries may be kept: always without a watcher, else once watched.
   * Starts watching `dir` unless told not to.
   */
  private trusted(dir: string, start = true): boolean {
    if (!this.cache.enabled) return false;
    return this.watcher === undefined || this.watcher.ensure(dir, start);
  }
}

/**
 * The backend a Vfs uses: `backend` behind the directory cache when it is on, with a watcher of
 * changes on disk for local shares when change notification is on (poll interval not 0).
 */
export function withDirCache(
  backend: Backend,
  cache: DirCache,
  options: { readonly dirCacheTimeMs: number; readonly pollIntervalMs: number },
  logger: Logger,
): Backend {
  if (options.dirCacheTimeMs <= 0) return backend;
  const watcher =
    backend instanceof LocalBackend && options.pollIntervalMs > 0
      ? new LocalDirWatcher(
          backend.root,
          {
            changed: (p) => cache.invalidate(p),
            changedTree: (p) => cache.invalidateTree(p),
            changedChildren: (dir) => cache.invalidateChildren(dir),
            // Called back only after `front` exists (a watch comes live asynchronously).
            watching: (dir) => front.watching(dir),
          },
          logger,
        )
      : undefined;
  const front = new DirCacheBackend(backend, cache, watcher);
  return front;
}
