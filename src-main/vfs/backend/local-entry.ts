// node:fs Stats to the engine's VfsEntry: permission bits only, times in milliseconds.
import type { Stats } from 'node:fs';
import type { EntryType, VfsEntry } from '../types.js';

export function entryType(stats: Stats): EntryType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'dir';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}

export function toEntry(name: string, stats: Stats): VfsEntry {
  return {
    name,
    type: entryType(stats),
    size: stats.size,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    atimeMs: stats.atimeMs,
    mtimeMs: stats.mtimeMs,
    nlink: stats.nlink,
  };
}

/** True when two stats describe the same file (the check that closes check-then-open races). */
export function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}
