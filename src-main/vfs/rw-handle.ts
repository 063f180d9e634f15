// Read-write handle backed by the disk cache (rclone vfs/read_write.go): every POSIX open mode
// works, at any position, whatever the remote can do. Data is read from the cache file, fetched from
// the remote where missing; writes stay in the cache until the file is closed and unused for
// --vfs-write-back, then the upload queue sends it. Close and fsync acknowledge: the changes are
// durable on disk before they return (see cache/cache-item.ts).
import type { Backend } from './backend/backend.js';
import type { CacheItem, RemoteState } from './cache/cache-item.js';
import type { Probe } from './cache/open-probe.js';
import type { VfsCache } from './cache/vfs-cache.js';
import { isUnreachable, isVfsError, VfsError } from './errors.js';
import { BaseHandle, totalBytes } from './handle.js';
import { checkRange } from './read-handle.js';
import type { OpenFlags, SetAttrs, VfsEntry } from './types.js';

export interface RwOpen {
  readonly backend: Backend;
  readonly cache: VfsCache;
  /** Full mode: keep reading ahead into the cache (--buffer-size plus --vfs-read-ahead). */
  readonly readAhead: number | undefined;
  readonly decorate: (entry: VfsEntry) => VfsEntry;
}

const CREATE_ONLY: OpenFlags = { read: false, write: true, append: false, create: true, truncate: false, exclusive: true };

/** Opens `probe.path` through the cache; the probe says what the remote has there. */
export async function openRwHandle(
  ctx: RwOpen,
  requested: string,
  flags: OpenFlags,
  createMode: number,
  probe: Probe,
): Promise<RwHandle> {
  const { cache } = ctx;
  const path = probe.path;
  const cached = cache.lookup(path);
  // An unreachable remote is tolerated only for a file the cache already holds.
  if (probe.error && !(cached && isUnreachable(probe.error))) throw probe.error;
  const exists = probe.entry !== undefined || probe.error !== undefined || cached?.dirty === true;
  if (exists && flags.create && flags.exclusive) throw new VfsError('EEXIST');
  if (!exists && !flags.create) {
    // Gone from the remote (not merely out of reach): a clean cached copy is stale now.
    if (cached && !cached.inUse) await cache.discardPath(path);
    throw new VfsError('ENOENT');
  }
  let remote: RemoteState;
  if (exists) {
    remote = probe.entry ? fileState(probe.entry) : probe.error ? { kind: 'unknown' } : { kind: 'missing' };
  } else {
    remote = fileState(await createOnRemote(ctx.backend, path, createMode, flags.exclusive));
  }
  const item = cache.itemFor(path, exists ? (cached?.mode ?? null) : createMode);
  const writer = flags.write;
  await cache.attach(item, writer, remote);
  try {
    if (flags.truncate && item.size !== 0) {
      const wait = cache.beforeModify(item);
      if (wait) await wait;
      await item.truncate(0);
    }
  } catch (err) {
    await cache.detach(item, writer).catch(() => undefined);
    throw err;
  }
  return new RwHandle(requested, flags, ctx, item, writer, flags.truncate);
}

/**
 * A new file is created on the remote at once, empty, so listings, permissions and exclusive
 * creation behave as on a disk; its content follows with the upload.
 */
async function createOnRemote(backend: Backend, path: string, mode: number, exclusive: boolean): Promise<VfsEntry> {
  try {
    const file = await backend.open(path, CREATE_ONLY, mode);
    try {
      return await file.stat();
    } finally {
      await file.close();
    }
  } catch (err) {
    // Someone created it meanwhile: without O_EXCL that is just an existing file.
    if (!exclusive && isVfsError(err) && err.code === 'EEXIST') return backend.stat(path);
    throw err;
  }
}

function fileState(entry: VfsEntry): RemoteState {
  return { kind: 'file', fingerprint: { size: entry.size, mtimeMs: entry.mtimeMs } };
}

export class RwHandle extends BaseHandle {
  private closed = false;
  private wrote: boolean;

  constructor(
    path: string,
    flags: OpenFlags,
    private readonly ctx: RwOpen,
    readonly item: CacheItem,
    private readonly writer: boolean,
    truncated: boolean,
  ) {
    super(path, flags);
    this.wrote = truncated;
  }

  override async read(position: number, length: number): Promise<Buffer> {
    this.checkReadable(position, length);
    const data = await this.item.read(position, length);
    this.readAhead(position + data.length);
    return data;
  }

  /** `read` straight into the caller's buffer (an SFTP reply from the pool): no allocation, no copy. */
  async readInto(position: number, target: Buffer, offset: number, length: number): Promise<number> {
    this.checkReadable(position, length);
    const got = await this.item.readInto(position, target.subarray(offset, offset + length));
    this.readAhead(position + got.length);
    return got.length;
  }

  private checkReadable(position: number, length: number): void {
    this.checkOpen();
    if (this.flags.write && !this.flags.read) throw new VfsError('EBADF', 'File not open for reading');
    checkRange(position, length);
  }

  private readAhead(next: number): void {
    const ahead = this.ctx.readAhead;
    if (ahead !== undefined && ahead > 0) this.item.prefetch(next, next + ahead);
  }

  override write(position: number, data: Buffer): Promise<void> {
    return this.writeAt(position, data, data.length);
  }

  /** Several buffers in a row (an FTP upload's chunks) go to the cache file without being joined. */
  writev(position: number, data: readonly Buffer[]): Promise<void> {
    return this.writeAt(position, data, totalBytes(data));
  }

  private async writeAt(position: number, data: Buffer | readonly Buffer[], length: number): Promise<void> {
    this.checkWritable();
    checkRange(position, length);
    const wait = this.ctx.cache.beforeModify(this.item);
    if (wait) await wait;
    this.wrote = true;
    if (this.flags.append) await this.item.append(data);
    else await this.item.write(position, data);
  }

  override async stat(): Promise<VfsEntry> {
    this.checkOpen();
    const path = this.item.path;
    let remote: VfsEntry | undefined;
    try {
      remote = await this.ctx.backend.stat(path);
    } catch (err) {
      const fallback = this.ctx.cache.fallbackEntry(path, err);
      if (!fallback) throw err;
      return this.ctx.decorate(fallback);
    }
    return this.ctx.decorate(this.ctx.cache.overlay(path, remote) ?? remote);
  }

  override async setAttrs(attrs: SetAttrs): Promise<void> {
    this.checkOpen();
    const { size, mtimeMs, ...rest } = attrs;
    if (size !== undefined) {
      this.checkWritable();
      const wait = this.ctx.cache.beforeModify(this.item);
      if (wait) await wait;
      this.wrote = true;
      await this.item.truncate(size);
    }
    if (mtimeMs !== undefined) await this.item.setModTime(mtimeMs);
    const remote = this.item.dirty ? rest : mtimeMs === undefined ? rest : { ...rest, mtimeMs };
    if (Object.keys(remote).length === 0) return;
    const path = this.item.path;
    try {
      await this.ctx.backend.setAttrs(path, remote, true);
    } catch (err) {
      // Not on the remote yet (a crash lost the empty file): the upload creates it.
      if (isVfsError(err) && err.code === 'ENOENT' && this.item.dirty) return;
      throw err;
    }
    if (!this.item.dirty && mtimeMs !== undefined) {
      // Our own change of the remote's time must not make the cached copy look stale.
      const after = await this.ctx.backend.stat(path);
      await this.item.refreshFingerprint({ size: after.size, mtimeMs: after.mtimeMs });
    }
  }

  override async sync(): Promise<void> {
    this.checkOpen();
    if (this.wrote) await this.item.acknowledge();
  }

  override async close(): Promise<void> {
    if (this.closed) throw new VfsError('ECLOSED');
    this.closed = true;
    try {
      if (this.wrote) await this.item.acknowledge();
    } finally {
      await this.ctx.cache.detach(this.item, this.writer);
    }
  }

  private checkWritable(): void {
    this.checkOpen();
    if (!this.flags.write) throw new VfsError('EBADF', 'File not open for writing');
  }

  private checkOpen(): void {
    if (this.closed) throw new VfsError('ECLOSED');
  }
}
