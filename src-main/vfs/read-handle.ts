// Streaming read handle (rclone vfs/read.go): reads a remote file forward in chunks with read-ahead,
// without a disk cache. An out-of-order read first waits --vfs-read-wait for the in-sequence one (a
// pipelining client's requests can arrive shuffled); a forward jump within the read-ahead buffer
// skips, anything else reopens at the new position, unless --no-seek forbids it. A failed remote
// read is retried on a freshly opened file.
import type { Size } from '../../src-shared/units/size.js';
import type { Backend, BackendFile } from './backend/backend.js';
import { Mutex } from './cache/async-mutex.js';
import { ChunkPlan } from './cache/chunk-plan.js';
import { OffsetWaiters } from './cache/offset-waiters.js';
import { SequentialReader } from './cache/sequential-reader.js';
import { isVfsError, VfsError } from './errors.js';
import { BaseHandle } from './handle.js';
import type { OpenFlags, SetAttrs, VfsEntry } from './types.js';

export interface ReadHandleOptions {
  readonly bufferSize: number;
  readonly readChunkSize: number;
  readonly readChunkSizeLimit: Size;
  readonly readWaitMs: number;
  readonly noSeek: boolean;
}

const READ_ONLY: OpenFlags = { read: true, write: false, append: false, create: false, truncate: false, exclusive: false };
/** Attempts after the first failed remote read, each on a reopened file (rclone: --low-level-retries). */
const READ_RETRIES = 3;
const MIB = 1024 * 1024;

export class ReadHandle extends BaseHandle {
  private closed = false;
  /** The next byte the stream will deliver. */
  private cursor = 0;
  private stream: SequentialReader | undefined;
  private readonly lock = new Mutex();
  private readonly waiters = new OffsetWaiters();

  constructor(
    path: string,
    flags: OpenFlags,
    private readonly backend: Backend,
    private file: BackendFile,
    /** Size when opened: reads past it are end of file, as rclone. */
    readonly size: number,
    private readonly o: ReadHandleOptions,
    private readonly decorate: (entry: VfsEntry) => VfsEntry,
  ) {
    super(path, flags);
  }

  override async read(position: number, length: number): Promise<Buffer> {
    this.checkOpen();
    checkRange(position, length);
    if (length === 0 || position >= this.size) return Buffer.alloc(0);
    const gap = position - this.cursor;
    if (gap > 0 && gap < 8 * Math.min(length, MIB)) {
      await this.waiters.waitFor(position, () => this.cursor, this.o.readWaitMs);
    }
    return this.lock.run(() => this.readInOrder(position, length));
  }

  override async write(): Promise<void> {
    this.checkOpen();
    throw new VfsError('EBADF', 'File not open for writing');
  }

  override async stat(): Promise<VfsEntry> {
    this.checkOpen();
    return this.decorate(await this.file.stat());
  }

  override async setAttrs(attrs: SetAttrs): Promise<void> {
    this.checkOpen();
    if (attrs.size !== undefined) throw new VfsError('EBADF', 'File not open for writing');
    await this.backend.setAttrs(this.path, attrs, true);
  }

  override async sync(): Promise<void> {
    this.checkOpen();
  }

  override async close(): Promise<void> {
    if (this.closed) throw new VfsError('ECLOSED');
    this.closed = true;
    this.waiters.cancelAll();
    await this.lock.run(async () => {
      this.stream?.close();
      this.stream = undefined;
      await this.file.close();
    });
  }

  private async readInOrder(position: number, length: number): Promise<Buffer> {
    this.checkOpen();
    const want = Math.min(length, this.size - position);
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (attempt > 0) await this.reopenFile();
        if (!this.stream || position !== this.cursor) this.seek(position, attempt > 0);
        const data = await (this.stream as SequentialReader).read(want);
        this.cursor += data.length;
        this.waiters.moved(this.cursor);
        return data;
      } catch (err) {
        this.stream?.close();
        this.stream = undefined;
        if (attempt >= READ_RETRIES || !retryable(err) || this.closed) throw err;
      }
    }
  }

  private seek(position: number, retry: boolean): void {
    if (!retry && this.stream && position > this.cursor && !this.o.noSeek && this.stream.skip(position - this.cursor)) {
      this.cursor = position;
      return;
    }
    if (this.o.noSeek && position !== this.cursor) {
      throw new VfsError('ENOSYS', 'Seeking is turned off on this share (--no-seek)');
    }
    this.stream?.close();
    const plan = new ChunkPlan(position, this.o.readChunkSize, this.o.readChunkSizeLimit);
    this.stream = new SequentialReader(this.file, position, this.size, plan, this.o.bufferSize);
    this.cursor = position;
  }

  private async reopenFile(): Promise<void> {
    await this.file.close().catch(() => undefined);
    this.file = await this.backend.open(this.path, READ_ONLY, 0);
  }

  private checkOpen(): void {
    if (this.closed) throw new VfsError('ECLOSED');
  }
}

/** Errors that a fresh attempt cannot fix are returned at once. */
function retryable(err: unknown): boolean {
  if (!isVfsError(err)) return true;
  return !['ENOENT', 'ENOSYS', 'EISDIR', 'EINVAL', 'ECLOSED', 'EBADF'].includes(err.code);
}

export function checkRange(position: number, length: number): void {
  if (!Number.isSafeInteger(position) || position < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new VfsError('EINVAL', 'Invalid offset or length');
  }
}
