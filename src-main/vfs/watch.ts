// Notices changes that others make on disk under a local share, so the directory cache can drop
// what they touch. Only directories the cache holds something about are watched, lazily, one
// chokidar watcher per directory (depth 0, no initial scan events, children not watched one by
// one): its raw events arrive straight from the OS watch, before any further I/O. A directory
// counts as watched only once its watcher is ready; until then the cache does not keep its data.
// A directory that changes faster than a cache can help (an upload of many files) loses its watch
// and rests unwatched until changes through the share stop for a while: chokidar re-reads the
// whole directory after each burst of changes (names only, see skipChildStats; it used to lstat
// every entry too), which made every file created in a growing folder cost a pass over all of it.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { FSWatcher } from 'chokidar';
import type { Logger } from '../../src-shared/logger.js';

export interface WatchEvents {
  /** The entry at this share path changed. */
  changed(path: string): void;
  /** This share path may have been removed or replaced, with everything below it. */
  changedTree(path: string): void;
  /** Something in this directory changed, the OS did not say what. */
  changedChildren(dir: string): void;
  /** Changes in this directory are reported from now on. */
  watching?(dir: string): void;
}

export interface DirWatcher {
  /** True when changes in `dir` are reported now; otherwise starts watching it (unless `start` is false) and answers false. */
  ensure(dir: string, start?: boolean): boolean;
  /** Something in `dir` was changed through the share: a resting directory rests longer. */
  changedHere(dir: string): void;
  close(): Promise<void>;
}

interface Watch {
  readonly watcher: FSWatcher;
  ready: boolean;
  /** Inode of the watched directory: a replaced directory needs a new watch. */
  ino: number | undefined;
  /** Events since `windowStart` (churn detection). */
  events: number;
  windowStart: number;
  /** An lstat of the directory is on its way: later events need no other. */
  rechecking: boolean;
}

export interface WatchLimits {
  /** Most directories watched at once; the least recently used go first. */
  readonly maxDirs?: number;
  /** More events than this within `churnWindowMs` and the directory is left unwatched... */
  readonly churnEvents?: number;
  readonly churnWindowMs?: number;
  /** ...until no change went through the share into it for this long. */
  readonly restMs?: number;
  readonly now?: () => number;
}

const DEFAULT_MAX_DIRS = 1000;
const DEFAULT_CHURN_EVENTS = 64;
const DEFAULT_CHURN_WINDOW_MS = 1000;
const DEFAULT_REST_MS = 5000;

/**
 * chokidar lists a watched directory when the watch starts and again after every burst of
 * changes, lstat()ing each entry before its filters drop them all (every child is ignored here:
 * only the directory's raw OS events are used). This asks its listing for bare names that no
 * filter takes, so nothing is stat()ed: a watch start on a 20,000-entry folder took 290-350 ms
 * of CPU (the lstats on the thread pool, their promises on the event loop, competing with the
 * listing the client waits for), now 70-80 ms. A chokidar without the hook is used as it is.
 */
export function skipChildStats(watcher: FSWatcher): void {
  const list = watcher._readdirp;
  if (typeof list !== 'function') return;
  watcher._readdirp = (root, options) =>
    list.call(watcher, root, { ...options, alwaysStat: false, fileFilter: () => false, directoryFilter: () => false });
}

export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export class LocalDirWatcher implements DirWatcher {
  private readonly watches = new Map<string, Watch>();
  /** Directories left unwatched for churning, with the time they may be watched again. */
  private readonly resting = new Map<string, number>();
  private readonly maxDirs: number;
  private readonly churnEvents: number;
  private readonly churnWindowMs: number;
  private readonly restMs: number;
  private readonly now: () => number;
  private closed = false;

  constructor(
    /** The share's root on disk (a realpath). */
    private readonly root: string,
    private readonly events: WatchEvents,
    private readonly logger: Logger,
    limits: WatchLimits = {},
  ) {
    this.maxDirs = limits.maxDirs ?? DEFAULT_MAX_DIRS;
    this.churnEvents = limits.churnEvents ?? DEFAULT_CHURN_EVENTS;
    this.churnWindowMs = limits.churnWindowMs ?? DEFAULT_CHURN_WINDOW_MS;
    this.restMs = limits.restMs ?? DEFAULT_REST_MS;
    this.now = limits.now ?? Date.now;
  }

  ensure(dir: string, start = true): boolean {
    if (this.closed) return false;
    const restUntil = this.resting.get(dir);
    if (restUntil !== undefined) {
      if (this.now() < restUntil) return false;
      this.resting.delete(dir);
    }
    const found = this.watches.get(dir);
    if (found) {
      // Most recently used last: eviction takes the oldest.
      this.watches.delete(dir);
      this.watches.set(dir, found);
      return found.ready;
    }
    if (start) this.start(dir);
    return false;
  }

  changedHere(dir: string): void {
    if (this.resting.has(dir)) this.rest(dir);
  }

  /** Whether `dir` is resting unwatched (tests, logs). */
  isResting(dir: string): boolean {
    const until = this.resting.get(dir);
    return until !== undefined && this.now() < until;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.watches.values()];
    this.watches.clear();
    this.resting.clear();
    await Promise.all(all.map((w) => w.watcher.close().catch(() => undefined)));
  }

  private localPath(dir: string): string {
    return dir === '/' ? this.root : path.join(this.root, ...dir.slice(1).split('/'));
  }

  private start(dir: string): void {
    const local = this.localPath(dir);
    const watcher = new FSWatcher({
      depth: 0,
      ignoreInitial: true,
      // Never keep the process alive for a cache.
      persistent: false,
      followSymlinks: false,
      // Only the directory itself: its OS watch reports every child; no watch per child file.
      ignored: (p: string) => p !== local,
    });
    skipChildStats(watcher);
    watcher.add(local);
    const watch: Watch = { watcher, ready: false, ino: undefined, events: 0, windowStart: this.now(), rechecking: false };
    this.watches.set(dir, watch);
    watcher.on('raw', (event: string, name: unknown) => this.onRaw(dir, watch, event, name));
    watcher.on('error', (err: unknown) => {
      this.logger.debug(`vfs: watching ${JSON.stringify(dir)} failed: ${(err as Error).message ?? String(err)}`);
      this.drop(dir, watch);
    });
    watcher.on('ready', () => {
      // Record what was watched; only a real directory (not a link to one) is trusted.
      lstat(local).then(
        (s) => {
          if (this.watches.get(dir) !== watch) return;
          if (!s.isDirectory()) return this.drop(dir, watch);
          watch.ino = s.ino;
          watch.ready = true;
          this.events.watching?.(dir);
        },
        () => this.drop(dir, watch),
      );
    });
    while (this.watches.size > this.maxDirs) {
      const [oldDir, oldWatch] = this.watches.entries().next().value as [string, Watch];
      this.drop(oldDir, oldWatch);
    }
  }

  private onRaw(dir: string, watch: Watch, event: string, name: unknown): void {
    if (this.watches.get(dir) !== watch) return;
    if (this.churning(watch)) {
      // drop() reports the whole directory changed, this event included.
      this.drop(dir, watch);
      this.rest(dir);
      return;
    }
    if (typeof name !== 'string' || name === '' || name.includes('/') || name.includes(path.sep)) {
      // No usable name: anything in the directory may have changed.
      this.events.changedChildren(dir);
      return;
    }
    const child = childPath(dir, name);
    if (event === 'change') this.events.changed(child);
    else this.events.changedTree(child);
    if (event !== 'rename') return;
    // The OS reports the directory's own removal under its own name; a new directory at the same
    // path (often with the same inode number) needs a new watch. A child of the same name only
    // costs a re-watch.
    if (dir !== '/' && name === path.basename(this.localPath(dir))) this.drop(dir, watch);
    else this.recheck(dir, watch);
  }

  private recheck(dir: string, watch: Watch): void {
    if (watch.rechecking) return;
    watch.rechecking = true;
    lstat(this.localPath(dir)).then(
      (s) => {
        watch.rechecking = false;
        if (!s.isDirectory() || (watch.ino !== undefined && s.ino !== watch.ino)) this.drop(dir, watch);
      },
      () => this.drop(dir, watch),
    );
  }

  /** Counts one event; true once the directory changes too often to be worth watching. */
  private churning(watch: Watch): boolean {
    const now = this.now();
    if (now - watch.windowStart >= this.churnWindowMs) {
      watch.windowStart = now;
      watch.events = 0;
    }
    watch.events += 1;
    return watch.events > this.churnEvents;
  }

  private rest(dir: string): void {
    this.resting.delete(dir);
    this.resting.set(dir, this.now() + this.restMs);
    while (this.resting.size > this.maxDirs) {
      const oldest = this.resting.keys().next().value as string;
      this.resting.delete(oldest);
    }
  }

  private drop(dir: string, watch: Watch): void {
    if (this.watches.get(dir) === watch) this.watches.delete(dir);
    watch.ready = false;
    watch.watcher.close().catch(() => undefined);
    // Nothing cached below it can be trusted any more.
    this.events.changedTree(dir);
  }
}
