// The Vfs verbs that must see the file cache: a file changed here but not uploaded yet shows its
// cached size and time, survives in listings, follows renames and goes with removals; its pending
// upload is held while the remote operation runs, so it cannot recreate what was just moved away.
// With no cache (undefined) each helper is just the plain backend call.
import type { Backend } from '../backend/backend.js';
import { isVfsError, VfsError } from '../errors.js';
import type { VfsHandle } from '../handle.js';
import type { CacheMode } from '../../../src-shared/cache-mode.js';
import type { HashType, OpenFlags, SetAttrs, VfsEntry } from '../types.js';
import type { VfsCache } from './vfs-cache.js';
import { createHash } from 'node:crypto';

const BLOCK = 1024 * 1024;
const READ: OpenFlags = { read: true, write: false, append: false, create: false, truncate: false, exclusive: false };
const WRITE: OpenFlags = { read: false, write: true, append: false, create: false, truncate: false, exclusive: false };
const WRITE_NEW: OpenFlags = { read: false, write: true, append: false, create: true, truncate: true, exclusive: false };

export async function statThroughCache(cache: VfsCache | undefined, path: string, get: () => Promise<VfsEntry>): Promise<VfsEntry> {
  if (!cache) return get();
  let entry: VfsEntry;
  try {
    entry = await get();
  } catch (err) {
    const fallback = cache.fallbackEntry(path, err);
    if (fallback) return fallback;
    throw err;
  }
  return cache.overlay(path, entry) ?? entry;
}

export async function* listThroughCache(
  cache: VfsCache | undefined,
  path: string,
  listing: AsyncIterable<readonly VfsEntry[]>,
): AsyncIterable<readonly VfsEntry[]> {
  if (!cache) {
    yield* listing;
    return;
  }
  const overlay = cache.listingOverlay(path);
  for await (const batch of listing) yield overlay.patch(batch);
  const rest = overlay.rest();
  if (rest.length > 0) yield rest;
}

export async function removeThroughCache(cache: VfsCache | undefined, backend: Backend, path: string): Promise<void> {
  if (!cache) return backend.remove(path);
  await cache.hold(path);
  try {
    try {
      await backend.remove(path);
    } catch (err) {
      // Never uploaded (its empty remote copy lost): removing it from the cache is all there is.
      if (!(isVfsError(err) && err.code === 'ENOENT' && cache.lookup(path)?.dirty)) throw err;
    }
    await cache.discardPath(path);
  } finally {
    cache.resume(path);
  }
}

export async function renameThroughCache(
  cache: VfsCache | undefined,
  from: string,
  to: string,
  rename: () => Promise<void>,
): Promise<void> {
  if (!cache) return rename();
  await cache.hold(from, to);
  try {
    await rename();
    await cache.moved(from, to);
  } finally {
    cache.resume(from, to);
  }
}

/**
 * A cached file's attributes change through a handle on its item (size and times live there). In
 * writes and full mode a size change always goes through the cache, as rclone: a remote without
 * random access cannot change a file's size in place.
 */
export async function setAttrsThroughCache(
  cache: VfsCache | undefined,
  mode: CacheMode,
  backend: Backend,
  path: string,
  attrs: SetAttrs,
  followLinks: boolean,
  open: (path: string, flags: OpenFlags) => Promise<VfsHandle>,
): Promise<void> {
  const viaCache =
    cache !== undefined &&
    followLinks &&
    (cache.lookup(path) !== undefined || (attrs.size !== undefined && (mode === 'writes' || mode === 'full')));
  if (!viaCache) return backend.setAttrs(path, attrs, followLinks);
  const handle = await open(path, WRITE);
  try {
    await handle.setAttrs(attrs);
  } finally {
    await handle.close();
  }
}

/**
 * Server-side copy copies what the remote has; a source with changes not uploaded yet is copied
 * through the cache instead, and a cached target is dropped since the copy replaced it.
 */
export async function copyThroughCache(
  cache: VfsCache | undefined,
  backend: Backend,
  from: string,
  to: string,
  overwrite: boolean,
  open: (path: string, flags: OpenFlags) => Promise<VfsHandle>,
): Promise<void> {
  if (!cache) return backend.copy(from, to, overwrite);
  await cache.hold(to);
  try {
    if (cache.lookup(from)?.dirty) {
      if (!overwrite) {
        const there = await backend.lstat(to).catch(() => undefined);
        if (there || cache.lookup(to)?.dirty) throw new VfsError('EEXIST');
      }
      await streamCopy(open, from, to);
      return;
    }
    await backend.copy(from, to, overwrite);
    await cache.discardPath(to);
  } finally {
    cache.resume(to);
  }
}

/** A checksum of changes not uploaded yet must come from the cache, not the remote. */
export async function hashThroughCache(
  cache: VfsCache | undefined,
  backend: Backend,
  path: string,
  type: HashType,
  open: (path: string, flags: OpenFlags) => Promise<VfsHandle>,
): Promise<string> {
  if (!cache?.lookup(path)?.dirty) return backend.hash(path, type);
  const hash = createHash(type);
  const handle = await open(path, READ);
  try {
    for (let at = 0; ; ) {
      const block = await handle.read(at, BLOCK);
      if (block.length === 0) break;
      hash.update(block);
      at += block.length;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

async function streamCopy(open: (path: string, flags: OpenFlags) => Promise<VfsHandle>, from: string, to: string): Promise<void> {
  const source = await open(from, READ);
  try {
    const target = await open(to, WRITE_NEW);
    try {
      for (let at = 0; ; ) {
        const block = await source.read(at, BLOCK);
        if (block.length === 0) break;
        await target.write(at, block);
        at += block.length;
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
