// rclone's chunked reading (--vfs-read-chunk-size, --vfs-read-chunk-size-limit): the remote is asked
// for the file in ranges ("chunks") that start at the chunk size and double after each one, up to
// the limit ('off': no limit). A request never crosses the end of the current chunk, so a reader
// that stops early has asked for little more than it used. A chunk size of 0 turns chunking off.
import type { Size } from '../../../src-shared/units/size.js';

export class ChunkPlan {
  private chunkEnd: number;
  private chunkSize: number;
  /** Chunks begun so far (the first one included). */
  chunks = 1;

  constructor(
    start: number,
    initial: number,
    private readonly limit: Size,
  ) {
    this.chunkSize = initial;
    this.chunkEnd = initial > 0 ? start + initial : Infinity;
  }

  /** Bytes that may be asked for at `position` (sequential positions only), opening chunks as needed. */
  allowance(position: number): number {
    while (position >= this.chunkEnd) {
      this.chunkSize = this.nextSize();
      this.chunkEnd += this.chunkSize;
      this.chunks += 1;
    }
    return this.chunkEnd - position;
  }

  private nextSize(): number {
    if (this.limit === 'off') return this.chunkSize * 2;
    if (this.limit <= this.chunkSize) return this.chunkSize;
    return Math.min(this.chunkSize * 2, this.limit);
  }
}
