// The one switch that picks a handle kind for an open, by cache mode (rclone vfs/file.go File.Open
// and the --vfs-cache-mode reference). For a remote without random access:
//   off      read-only opens stream (read handle); write-only opens upload as they go (write handle),
//            which cannot seek, ignores O_APPEND and refuses to change an existing file unless it is
//            truncated; read+write opens are refused; O_RDONLY|O_TRUNC is opened write-only.
//   minimal  as off, but read+write opens (and anything on a file already in the cache) use the
//            disk-backed rw handle, uploaded when closed.
//   writes   read-only opens stream; every open that may change the file uses the rw handle.
//   full     every open uses the rw handle: reads are cached too, in sparse files.
// Wharf's deliberate difference: a backend with random access (a local disk) needs no cache to honour
// every POSIX open in off and minimal, so it gets the direct handle there.
// An open without O_WRONLY/O_RDWR reads (O_RDONLY is 0); O_TRUNC and O_CREAT mean a change may follow.
import { assertNever } from '../../src-shared/assert-never.js';
import type { CacheMode } from '../../src-shared/cache-mode.js';
import type { Logger } from '../../src-shared/logger.js';
import type { Backend } from './backend/backend.js';
import type { HandleKind } from './cache/cache-stats.js';
import { probeRemote } from './cache/open-probe.js';
import type { Probe } from './cache/open-probe.js';
import type { OpenFiles } from './cache/open-files.js';
import type { VfsCache } from './cache/vfs-cache.js';
import { DirectHandle } from './direct-handle.js';
import { notRegularFile, VfsError } from './errors.js';
import type { VfsHandle } from './handle.js';
import { ReadHandle } from './read-handle.js';
import { openRwHandle } from './rw-handle.js';
import type { OpenFlags, VfsEntry } from './types.js';
import type { VfsOptions } from './vfs-options.js';
import { WriteHandle } from './write-handle.js';

export interface OpenContext {
  readonly backend: Backend;
  readonly options: VfsOptions;
  /** Present in the modes that use the disk cache on this backend. */
  readonly cache: VfsCache | undefined;
  readonly openFiles: OpenFiles;
  readonly decorate: (entry: VfsEntry) => VfsEntry;
  readonly logger: Logger;
}

export type OpenPlan = HandleKind | 'refuse';

/** Whether a Vfs in `mode` over this backend keeps a disk cache at all. */
export function usesDiskCache(mode: CacheMode, randomAccess: boolean): boolean {
  return mode === 'writes' || mode === 'full' || (mode === 'minimal' && !randomAccess);
}

/** THE switch. `cached`: the cache already holds this file (open elsewhere, or not uploaded yet). */
export function planOpen(mode: CacheMode, randomAccess: boolean, flags: OpenFlags, cached: boolean): OpenPlan {
  const mayChange = flags.write || flags.truncate || flags.create;
  const reads = flags.read || !flags.write;
  switch (mode) {
    case 'off':
      if (randomAccess) return 'direct';
      if (flags.read && flags.write) return 'refuse';
      return flags.write || flags.truncate ? 'write' : 'read';
    case 'minimal':
      if (randomAccess) return 'direct';
      if (cached || (reads && mayChange)) return 'rw';
      return flags.write || flags.truncate ? 'write' : 'read';
    case 'writes':
      return cached || mayChange ? 'rw' : 'read';
    case 'full':
      return 'rw';
    default:
      return assertNever(mode, 'cache mode');
  }
}

export async function openHandle(ctx: OpenContext, path: string, flags: OpenFlags, createMode: number): Promise<VfsHandle> {
  const { backend, options, cache } = ctx;
  const randomAccess = backend.features.randomAccess;
  if (!usesDiskCache(options.cacheMode, randomAccess) && randomAccess) {
    const handle = new DirectHandle(path, flags, await backend.open(path, flags, createMode), ctx.decorate);
    return ctx.openFiles.track(handle, 'direct');
  }
  const probe = await probeRemote(backend, path);
  // What the path is decides before any plan: every kind of handle below opens regular files only.
  if (probe.entry?.type === 'dir') throw new VfsError('EISDIR');
  if (probe.entry !== undefined && probe.entry.type !== 'file') throw notRegularFile();
  const plan = planOpen(options.cacheMode, randomAccess, flags, cache?.lookup(probe.path) !== undefined);
  switch (plan) {
    case 'refuse': {
      // What the lookup says comes first, as in rclone: a missing file is ENOENT in any mode.
      const entry = existing(probe);
      if (entry && flags.create && flags.exclusive) throw new VfsError('EEXIST');
      if (!entry && !flags.create) throw new VfsError('ENOENT');
      throw new VfsError('ENOSYS', 'Opening a file for reading and writing needs --vfs-cache-mode minimal or higher');
    }
    case 'direct':
      throw new VfsError('EINVAL', 'Internal error: direct handle without random access');
    case 'read':
      return openRead(ctx, path, flags, createMode, probe);
    case 'write': {
      const entry = existing(probe);
      if (entry && flags.create && flags.exclusive) throw new VfsError('EEXIST');
      if (!entry && !flags.create) throw new VfsError('ENOENT');
      const handle = await WriteHandle.open(backend, probe.path, flags, createMode, entry !== undefined, options.writeWaitMs, ctx.decorate);
      return ctx.openFiles.track(handle, 'write', () => undefined);
    }
    case 'rw': {
      if (!cache) throw new VfsError('EINVAL', 'Internal error: no cache for a cached open');
      const full = options.cacheMode === 'full';
      const rwCtx = { backend, cache, decorate: ctx.decorate, readAhead: full ? options.bufferSize + options.readAhead : undefined };
      const handle = await openRwHandle(rwCtx, path, flags, createMode, probe);
      const item = handle.item;
      return ctx.openFiles.track(handle, 'rw', () => item.size);
    }
    default:
      return assertNever(plan, 'open plan');
  }
}

/** Read-only opens create a missing file first when asked to (O_RDONLY|O_CREAT), as open(2) does. */
async function openRead(ctx: OpenContext, path: string, flags: OpenFlags, createMode: number, probe: Probe): Promise<VfsHandle> {
  let entry = existing(probe);
  if (entry && flags.create && flags.exclusive) throw new VfsError('EEXIST');
  if (!entry) {
    if (!flags.create) throw new VfsError('ENOENT');
    const created = await ctx.backend.open(probe.path, { ...NEW_EMPTY, exclusive: flags.exclusive }, createMode);
    entry = await created.stat();
    await created.close();
  }
  const file = await ctx.backend.open(probe.path, READ_ONLY, 0);
  const handle = new ReadHandle(path, flags, ctx.backend, file, entry.size, ctx.options, ctx.decorate);
  return ctx.openFiles.track(handle, 'read', () => handle.size);
}

const READ_ONLY: OpenFlags = { read: true, write: false, append: false, create: false, truncate: false, exclusive: false };
const NEW_EMPTY: OpenFlags = { read: false, write: true, append: false, create: true, truncate: false, exclusive: false };

/** The file the probe found; an unreachable remote is an error here (no cache to fall back on). */
function existing(probe: Probe): VfsEntry | undefined {
  if (probe.error) throw probe.error;
  return probe.entry;
}
