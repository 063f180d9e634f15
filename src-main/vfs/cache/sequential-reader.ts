// Reads a remote file forward from one position, keeping up to --buffer-size bytes read ahead in
// memory (rclone's async buffer): a background pump asks the backend for the next range while the
// client consumes the last one. A forward seek within the buffer just drops bytes.
import type { BackendFile } from '../backend/backend.js';
import type { ChunkPlan } from './chunk-plan.js';

/** Largest single request to the backend. */
const REQUEST = 1024 * 1024;

export class SequentialReader {
  private readonly queue: Buffer[] = [];
  private buffered = 0;
  private fetchPos: number;
  /** Bytes a waiting `read` needs: the pump keeps going past the buffer size for them. */
  private demand = 0;
  private pumping = false;
  private failure: unknown;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly file: BackendFile,
    start: number,
    private end: number,
    private readonly plan: ChunkPlan,
    private readonly bufferSize: number,
  ) {
    this.fetchPos = start;
  }

  /** Up to `length` bytes from the current position; fewer only at end of file. */
  async read(length: number): Promise<Buffer> {
    if (this.bufferSize <= 0) return this.readDirect(length);
    this.demand = length;
    this.pump();
    while (this.buffered < length && !this.exhausted()) {
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    if (this.buffered < length && this.failure !== undefined) throw this.failure;
    this.demand = 0;
    const out = this.take(Math.min(length, this.buffered));
    this.pump();
    return out;
  }

  /** Drops `count` bytes if they are already buffered; false means the caller must reopen. */
  skip(count: number): boolean {
    if (count > this.buffered) return false;
    this.take(count);
    this.pump();
    return true;
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.buffered = 0;
    this.wake?.();
  }

  private exhausted(): boolean {
    return this.closed || (this.fetchPos >= this.end && !this.pumping);
  }

  private async readDirect(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < length && this.fetchPos < this.end) {
      const want = Math.min(length - got, this.end - this.fetchPos, this.plan.allowance(this.fetchPos));
      const part = await this.file.read(this.fetchPos, want);
      if (part.length === 0) {
        this.end = this.fetchPos;
        break;
      }
      parts.push(part);
      got += part.length;
      this.fetchPos += part.length;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, got);
  }

  private pump(): void {
    if (this.pumping || this.closed || this.failure !== undefined) return;
    if (this.fetchPos >= this.end || this.buffered >= Math.max(this.bufferSize, this.demand)) return;
    this.pumping = true;
    void (async () => {
      try {
        for (;;) {
          // Never more in memory than the buffer size (or what a waiting read asked for).
          const room = Math.max(this.bufferSize, this.demand) - this.buffered;
          if (this.closed || this.fetchPos >= this.end || room <= 0) break;
          const want = Math.min(REQUEST, room, this.end - this.fetchPos, this.plan.allowance(this.fetchPos));
          const part = await this.file.read(this.fetchPos, want);
          if (this.closed) return;
          if (part.length === 0) {
            this.end = this.fetchPos; // the file is shorter than it was: end of file here
            break;
          }
          this.queue.push(part);
          this.buffered += part.length;
          this.fetchPos += part.length;
          this.wake?.();
        }
      } catch (err) {
        this.failure = err;
      } finally {
        this.pumping = false;
        this.wake?.();
      }
    })();
  }

  private take(count: number): Buffer {
    const parts: Buffer[] = [];
    let left = count;
    while (left > 0) {
      const head = this.queue[0] as Buffer;
      if (head.length <= left) {
        parts.push(head);
        this.queue.shift();
        left -= head.length;
      } else {
        parts.push(head.subarray(0, left));
        this.queue[0] = head.subarray(left);
        left = 0;
      }
    }
    this.buffered -= count;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, count);
  }
}
