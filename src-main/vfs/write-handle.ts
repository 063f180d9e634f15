// Streaming write handle (rclone vfs/write.go) for cache modes off and minimal over a remote without
// random access: the file is uploaded as it is written, front to back. What this cannot do:
// - seek: a write must land at the end of what was written. Pipelining clients (OpenSSH, rclone)
//   send several WRITEs at once; one that arrives early waits --vfs-write-wait for the ones before
//   it instead of failing (rclone issue 5806). A write behind the end fails at once.
// - keep existing data: an existing file opened without O_TRUNC refuses writes (EPERM) unless it is
//   truncated to 0 first; closing it unwritten leaves it intact. O_APPEND is ignored: the file is
//   written from the start, each write landing after the previous one.
// - read (EPERM) or change the size other than to what was written.
// Modification times set while open are applied after the upload, when nothing else changes it.
import type { Backend, BackendFile } from './backend/backend.js';
import { OffsetWaiters } from './cache/offset-waiters.js';
import { toVfsError, VfsError } from './errors.js';
import { BaseHandle } from './handle.js';
import { checkRange } from './read-handle.js';
import type { OpenFlags, SetAttrs, VfsEntry } from './types.js';

const NEEDS_CACHE = 'needs --vfs-cache-mode writes or full on this share';

export class WriteHandle extends BaseHandle {
  private closed = false;
  /** End of the bytes handed to the backend so far: the only position a write may start at. */
  private offset = 0;
  private file: BackendFile | undefined;
  private opening: Promise<BackendFile> | undefined;
  private truncated: boolean;
  private failure: VfsError | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiters = new OffsetWaiters();
  private pendingTimes: { atimeMs?: number; mtimeMs?: number } | undefined;

  /**
   * `exists`: whether the file existed at open. A new or truncating open creates (empties) the
   * remote file at once, so it shows up in listings as it would on a disk.
   */
  static async open(
    backend: Backend,
    path: string,
    flags: OpenFlags,
    createMode: number,
    exists: boolean,
    writeWaitMs: number,
    decorate: (entry: VfsEntry) => VfsEntry,
  ): Promise<WriteHandle> {
    const handle = new WriteHandle(path, flags, backend, createMode, !exists || flags.truncate, writeWaitMs, decorate);
    if (handle.truncated) await handle.openFile(flags.create && flags.exclusive);
    return handle;
  }

  private constructor(
    path: string,
    flags: OpenFlags,
    private readonly backend: Backend,
    private readonly createMode: number,
    truncated: boolean,
    private readonly writeWaitMs: number,
    private readonly decorate: (entry: VfsEntry) => VfsEntry,
  ) {
    super(path, flags);
    this.truncated = truncated;
  }

  override read(): Promise<Buffer> {
    if (this.closed) return Promise.reject(new VfsError('ECLOSED'));
    if (!this.flags.read) return Promise.reject(new VfsError('EBADF', 'File not open for reading'));
    return Promise.reject(new VfsError('EPERM', `Reading a file open for writing ${NEEDS_CACHE.replace('writes or full', 'minimal or higher')}`));
  }

  override async write(position: number, data: Buffer): Promise<void> {
    this.checkOpen();
    if (!this.flags.write) throw new VfsError('EBADF', 'File not open for writing');
    checkRange(position, data.length);
    if (!this.truncated) throw new VfsError('EPERM', `Changing an existing file without truncating it ${NEEDS_CACHE}`);
    const at = this.flags.append ? this.offset : position;
    if (at > this.offset) await this.waiters.waitFor(at, () => this.offset, this.writeWaitMs);
    this.checkOpen();
    if (at !== this.offset) throw new VfsError('ENOSYS', `Writing out of sequence ${NEEDS_CACHE}`);
    const file = this.file ?? (await this.openFile(false));
    if (at !== this.offset) throw new VfsError('ENOSYS', `Writing out of sequence ${NEEDS_CACHE}`);
    // Reserve the range and hand it to the backend now, in order; the next write may follow at once.
    this.offset += data.length;
    const done = file.write(at, data);
    this.waiters.moved(this.offset);
    const tracked = done.then(
      () => undefined,
      (err: unknown) => {
        this.failure ??= toVfsError(err);
      },
    );
    this.inFlight.add(tracked);
    await tracked;
    this.inFlight.delete(tracked);
    if (this.failure) throw this.failure;
  }

  override async stat(): Promise<VfsEntry> {
    if (this.closed) throw new VfsError('ECLOSED');
    const entry = this.file ? await this.file.stat() : await this.backend.stat(this.path);
    return this.decorate(this.file ? { ...entry, size: this.offset } : entry);
  }

  override async setAttrs(attrs: SetAttrs): Promise<void> {
    this.checkOpen();
    const { size, atimeMs, mtimeMs, ...rest } = attrs;
    if (size !== undefined) {
      if (!this.flags.write) throw new VfsError('EBADF', 'File not open for writing');
      if (size !== this.offset) throw new VfsError('EPERM', `Changing the size of a file being uploaded ${NEEDS_CACHE}`);
      if (size === 0) this.truncated = true;
    }
    const times = dropUndefined({ atimeMs, mtimeMs });
    if (Object.keys(times).length > 0) {
      // Left intact (never truncated): nothing will touch the times later, so set them now.
      if (this.truncated) this.pendingTimes = { ...this.pendingTimes, ...times };
      else await this.backend.setAttrs(this.path, times, true);
    }
    if (Object.keys(rest).length > 0) {
      if (this.file) await this.file.setAttrs(rest);
      else await this.backend.setAttrs(this.path, rest, true);
    }
  }

  override async sync(): Promise<void> {
    this.checkOpen();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
    await this.file?.sync();
  }

  override async close(): Promise<void> {
    if (this.closed) throw new VfsError('ECLOSED');
    this.closed = true;
    this.waiters.cancelAll();
    await Promise.all(this.inFlight);
    const file = this.file ?? (this.opening ? await this.opening.catch(() => undefined) : undefined);
    if (file) {
      const closing = file.close().catch((err: unknown) => {
        this.failure ??= toVfsError(err);
      });
      await closing;
    }
    if (this.failure) throw this.failure;
    const times = this.pendingTimes;
    if (times && file) await this.backend.setAttrs(this.path, times, true);
  }

  private openFile(exclusive: boolean): Promise<BackendFile> {
    this.opening ??= this.backend
      .open(this.path, { read: false, write: true, append: false, create: true, truncate: true, exclusive }, this.createMode)
      .then((file) => {
        this.file = file;
        return file;
      });
    return this.opening;
  }

  private checkOpen(): void {
    if (this.closed) throw new VfsError('ECLOSED');
    if (this.failure) throw this.failure;
  }
}

function dropUndefined(times: { atimeMs?: number | undefined; mtimeMs?: number | undefined }): { atimeMs?: number; mtimeMs?: number } {
  const out: { atimeMs?: number; mtimeMs?: number } = {};
  if (times.atimeMs !== undefined) out.atimeMs = times.atimeMs;
  if (times.mtimeMs !== undefined) out.mtimeMs = times.mtimeMs;
  return out;
}
