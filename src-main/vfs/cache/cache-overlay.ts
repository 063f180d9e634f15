// How files changed in the cache but not uploaded yet appear in stat and listings: with the cache's
// size and modification time (rounded to what the remote will store, as rclone does), and listed
// even if the remote lost them; upload temp files being written are hidden.
import { baseName, parentPath } from '../share-path.js';
import type { VfsEntry } from '../types.js';
import type { CacheItem } from './cache-item.js';

export interface ListingOverlay {
  /** One batch of the remote's listing, patched. */
  patch(batch: readonly VfsEntry[]): VfsEntry[];
  /** At the end: changed files the remote's listing did not have. */
  rest(): VfsEntry[];
}

export function shownTime(ms: number, precisionMs: number): number {
  return precisionMs > 1 ? Math.floor(ms / precisionMs) * precisionMs : ms;
}

export function synthesizeEntry(item: CacheItem, precisionMs: number): VfsEntry {
  return {
    name: baseName(item.path),
    type: 'file',
    size: item.size,
    mode: item.mode ?? 0o644,
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    atimeMs: item.atimeMs,
    mtimeMs: shownTime(item.mtimeMs, precisionMs),
    nlink: 1,
  };
}

export function listingOverlay(
  items: Iterable<CacheItem>,
  isUploadTemp: (path: string) => boolean,
  dir: string,
  precisionMs: number,
): ListingOverlay {
  const changed = new Map<string, CacheItem>();
  for (const item of items) {
    if ((item.dirty || item.writers > 0) && parentPath(item.path) === dir) changed.set(baseName(item.path), item);
  }
  const childPath = (name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);
  const seen = new Set<string>();
  return {
    patch: (batch) => {
      const out: VfsEntry[] = [];
      for (const entry of batch) {
        // Asked at patch time: an upload may have begun since the listing started.
        if (entry.name.endsWith('.partial') && isUploadTemp(childPath(entry.name))) continue;
        const item = changed.get(entry.name);
        if (item) seen.add(entry.name);
        out.push(item && entry.type === 'file' ? { ...entry, size: item.size, mtimeMs: shownTime(item.mtimeMs, precisionMs) } : entry);
      }
      return out;
    },
    rest: () =>
      [...changed].filter(([name, item]) => !seen.has(name) && item.dirty).map(([, item]) => synthesizeEntry(item, precisionMs)),
  };
}
