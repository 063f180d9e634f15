// The file side of STOR/APPE: received bytes, written at explicit positions in arrival order.
// Chunks are merged into writes of at least MIN_WRITE while the stream goes on, so a write's fixed
// costs (a thread-pool trip, a remote request) are paid per MiB, not per network read; they go as
// the chunks themselves where the handle can (copying them into one buffer was a third of the
// server's time). How a local file cuts them into system calls is local-write-queue.ts's business.
import { writeBuffers } from '../../../vfs/index.js';
import type { VfsHandle } from '../../../vfs/index.js';

/** Smallest write while the stream goes on; the tail is written whatever its size. */
export const MIN_WRITE = 1024 * 1024;

/** Stop reading from the client above this many bytes waiting to be written. */
export const HIGH_WATER = 4 * 1024 * 1024;

interface Queued {
  readonly bytes: Buffer;
  /** Called once the chunk is on disk; never after a failed write (the write may still hold it). */
  readonly release?: () => void;
}

export class UploadWriter {
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private writing = false;
  private draining = false;
  private failed: unknown;
  private settled = false;
  private position: number;
  private readonly done: Promise<number>;
  private resolve!: (end: number) => void;
  private reject!: (err: unknown) => void;

  constructor(
    private readonly handle: VfsHandle,
    start: number,
    private readonly hooks: {
      /** Hears each write's size once it is on disk. */
      readonly stored?: (bytes: number) => void;
      /** The queue emptied into a write: a paused reader may go on. */
      readonly room: () => void;
      /** A write failed: stop the client. */
      readonly fail: () => void;
    },
  ) {
    this.position = start;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Whether the reader should stop until `room` is called. */
  get full(): boolean {
    return this.queuedBytes > HIGH_WATER;
  }

  get broken(): boolean {
    return this.failed !== undefined;
  }

  add(bytes: Buffer, release?: () => void): void {
    if (this.failed !== undefined || this.draining) return;
    this.queue.push({ bytes, release });
    this.queuedBytes += bytes.length;
    void this.pump();
  }

  /**
   * No more data: writes what is queued whatever its size, then settles with the end position, or
   * with `failure` (a broken upload still keeps the bytes that arrived; nothing is deleted).
   */
  finish(failure?: unknown): Promise<number> {
    if (failure !== undefined) this.failed ??= failure;
    this.draining = true;
    void this.pump();
    return this.done;
  }

  private async pump(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queuedBytes >= MIN_WRITE || (this.draining && this.queue.length > 0)) {
        const batch = this.queue;
        const bytes = this.queuedBytes;
        this.queue = [];
        this.queuedBytes = 0;
        this.hooks.room();
        await writeBuffers(this.handle, this.position, batch.map((q) => q.bytes));
        this.position += bytes;
        for (const q of batch) q.release?.();
        this.hooks.stored?.(bytes);
      }
    } catch (err) {
      this.failed ??= err;
      this.queue = [];
      this.queuedBytes = 0;
      this.hooks.fail();
    } finally {
      this.writing = false;
    }
    this.settle();
  }

  private settle(): void {
    if (this.settled || this.writing || this.queue.length > 0 || !this.draining) return;
    this.settled = true;
    if (this.failed !== undefined) this.reject(this.failed);
    else this.resolve(this.position);
  }
}
