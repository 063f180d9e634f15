// The directory cache (rclone's --dir-cache-time): complete listings of directories and lstat
// results of single paths, each served until it expires. A change drops what it touches: the
// entry's own stat and its parent's listing (`invalidate`), or a whole subtree (`invalidateTree`).
// Fetches that were running when a change landed are marked stale and never stored, so a listing
// that raced with a mutation cannot be served afterwards. The clock is injected (tests).
import { PathTree } from './dir-cache-tree.js';
import { baseName, parentPath } from './share-path.js';
import type { VfsEntry } from './types.js';

export interface DirCacheOptions {
  /** How long an entry is served (ms); 0 caches nothing. */
  readonly ttlMs: number;
  readonly now?: () => number;
  /** Most directories kept; the oldest go first. */
  readonly maxDirs?: number;
  /** Most single-path stats kept; the oldest go first. */
  readonly maxStats?: number;
}

export interface Listing {
  readonly entries: readonly VfsEntry[];
  readonly byName: ReadonlyMap<string, VfsEntry>;
  readonly expiresAt: number;
}

interface CachedStat {
  readonly entry: VfsEntry;
  readonly expiresAt: number;
}

/** A fetch in progress; `stale` once a change touched what it fetches. */
export interface Flight {
  readonly key: string;
  stale: boolean;
}

/** What the cache knows about one path: its entry, that it does not exist, or nothing. */
export type Lookup = { readonly entry: VfsEntry } | 'absent' | undefined;

const DEFAULT_MAX_DIRS = 10_000;
const DEFAULT_MAX_STATS = 100_000;

function isWithin(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

function flightPath(flight: Flight): string {
  return flight.key.slice(flight.key.indexOf(':') + 1);
}

export class DirCache {
  private readonly listings = new Map<string, Listing>();
  private readonly stats = new Map<string, CachedStat>();
  /** Fetches in progress, by key (few at a time: one per request being served). */
  private readonly flights = new Map<string, Set<Flight>>();
  private readonly tree = new PathTree();
  private readonly now: () => number;
  private readonly maxDirs: number;
  private readonly maxStats: number;

  constructor(private readonly options: DirCacheOptions) {
    this.now = options.now ?? Date.now;
    this.maxDirs = options.maxDirs ?? DEFAULT_MAX_DIRS;
    this.maxStats = options.maxStats ?? DEFAULT_MAX_STATS;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** Counts, for logs and tests. */
  get size(): { readonly dirs: number; readonly stats: number } {
    return { dirs: this.listings.size, stats: this.stats.size };
  }

  /** The fresh listing of `dir`, or undefined (an expired one is dropped). */
  listing(dir: string): Listing | undefined {
    const found = this.listings.get(dir);
    if (found === undefined) return undefined;
    if (found.expiresAt <= this.now()) {
      this.dropListing(dir);
      return undefined;
    }
    return found;
  }

  /** lstat-style knowledge of `path`: from its parent's listing, else from a cached stat. */
  lookup(path: string): Lookup {
    if (path !== '/') {
      const listing = this.listing(parentPath(path));
      if (listing !== undefined) {
        const entry = listing.byName.get(baseName(path));
        return entry === undefined ? 'absent' : { entry };
      }
    }
    const cached = this.stats.get(path);
    if (cached === undefined) return undefined;
    if (cached.expiresAt <= this.now()) {
      this.dropStat(path);
      return undefined;
    }
    return { entry: cached.entry };
  }

  /** Starts a fetch of a listing (`list:`) or a stat (`stat:`); pair with `end`. */
  begin(kind: 'list' | 'stat', path: string): Flight {
    const flight: Flight = { key: `${kind}:${path}`, stale: false };
    const same = this.flights.get(flight.key);
    if (same) same.add(flight);
    else this.flights.set(flight.key, new Set([flight]));
    return flight;
  }

  end(flight: Flight): void {
    const same = this.flights.get(flight.key);
    if (same?.delete(flight) && same.size === 0) this.flights.delete(flight.key);
  }

  storeListing(dir: string, entries: readonly VfsEntry[], flight: Flight): void {
    if (!this.enabled || flight.stale) return;
    const byName = new Map<string, VfsEntry>();
    for (const entry of entries) byName.set(entry.name, entry);
    this.dropListing(dir);
    this.listings.set(dir, { entries, byName, expiresAt: this.now() + this.options.ttlMs });
    this.tree.add(dir);
    // Stats of its children are now answered by the listing.
    for (const child of this.tree.children(dir)) this.dropStat(child);
    this.evict(this.listings, this.maxDirs, (d) => this.dropListing(d));
  }

  storeStat(path: string, entry: VfsEntry, flight: Flight): void {
    if (!this.enabled || flight.stale) return;
    this.dropStat(path);
    this.stats.set(path, { entry, expiresAt: this.now() + this.options.ttlMs });
    this.tree.add(path);
    this.evict(this.stats, this.maxStats, (p) => this.dropStat(p));
  }

  /** The entry at `path` changed (created, removed, written, attributes): drop what shows it. */
  invalidate(path: string): void {
    this.dropStat(path);
    this.markStale(`stat:${path}`);
    if (path !== '/') {
      this.dropListing(parentPath(path));
      this.markStale(`list:${parentPath(path)}`);
    }
  }

  /** `path` and everything below it changed (removed, renamed, forgotten). */
  invalidateTree(path: string): void {
    this.invalidate(path);
    for (const p of this.tree.subtree(path)) {
      this.dropListing(p);
      this.dropStat(p);
    }
    for (const flight of this.allFlights()) if (isWithin(flightPath(flight), path)) flight.stale = true;
  }

  /** Drops the listing of `dir` and the stats of its children (something in it changed). */
  invalidateChildren(dir: string): void {
    this.dropListing(dir);
    for (const child of this.tree.children(dir)) this.dropStat(child);
    for (const flight of this.allFlights()) {
      const at = flightPath(flight);
      if (flight.key === `list:${dir}` || (at !== '/' && parentPath(at) === dir)) flight.stale = true;
    }
  }

  /** Forgets everything (SIGHUP, rclone's vfs/forget without arguments). */
  clear(): void {
    this.listings.clear();
    this.stats.clear();
    this.tree.clear();
    for (const flight of this.allFlights()) flight.stale = true;
  }

  private markStale(key: string): void {
    for (const flight of this.flights.get(key) ?? []) flight.stale = true;
  }

  private *allFlights(): Iterable<Flight> {
    for (const same of this.flights.values()) yield* same;
  }

  private dropListing(dir: string): void {
    if (this.listings.delete(dir)) this.tree.remove(dir);
  }

  private dropStat(path: string): void {
    if (this.stats.delete(path)) this.tree.remove(path);
  }

  /** Keeps a map within `max` entries, dropping the oldest (maps keep insertion order). */
  private evict<V>(map: Map<string, V>, max: number, drop: (key: string) => void): void {
    while (map.size > max) {
      const oldest = map.keys().next();
      if (oldest.done) return;
      drop(oldest.value);
    }
  }
}
