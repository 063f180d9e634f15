// A small pool of DATA reply buffers. READ fills one straight from the file (one pread, no copy),
// the session writes a view of it to the channel and hands it back here from the write callback,
// which ssh2 calls once it has copied the bytes into its own packets. Without the pool every READ
// allocated a fresh 255 KiB external buffer (two, with the backend's), and the garbage collector,
// which sees external memory late, let the process grow to hundreds of MB under parallel downloads.
import { PacketType } from './constants.js';

/** Bytes before the data in a DATA reply: length, type, request id, data length. */
export const DATA_HEADER_SIZE = 13;

/** Buffers kept for reuse across all sessions (each about 255 KiB: 8 MiB at most). */
const MAX_POOLED = 32;

export class ReplyPool {
  private readonly free: Buffer[] = [];
  /** The ArrayBuffers this pool handed out: only those may come back. */
  private readonly owned = new WeakSet<ArrayBufferLike>();

  /** `bufferSize`: header plus the longest READ answered. */
  constructor(readonly bufferSize: number) {}

  /** A buffer of `bufferSize` bytes; the caller must `release` it or `sendable` a view of it. */
  take(): Buffer {
    const buf = this.free.pop();
    if (buf !== undefined) return buf;
    // Its own ArrayBuffer (never a slice of Node's shared pool), so views map back to it.
    const fresh = Buffer.allocUnsafeSlow(this.bufferSize);
    this.owned.add(fresh.buffer);
    return fresh;
  }

  /** Returns the pooled buffer under `view` (a view from `take`); other buffers are ignored. */
  release(view: Buffer): void {
    const ab = view.buffer;
    if (!this.owned.has(ab) || this.free.length >= MAX_POOLED) return;
    const whole = Buffer.from(ab, 0, this.bufferSize);
    // A buffer released twice would be handed to two requests at once.
    if (this.free.some((b) => b.buffer === ab)) return;
    this.free.push(whole);
  }

  /** Whether `view` lies in a pooled buffer (the session then releases it after the write). */
  isPooled(view: Buffer): boolean {
    return this.owned.has(view.buffer);
  }
}

/** Writes the DATA header in front of `n` bytes already at DATA_HEADER_SIZE and returns the packet. */
export function finishDataReply(buf: Buffer, id: number, n: number): Buffer {
  buf.writeUInt32BE(DATA_HEADER_SIZE - 4 + n, 0);
  buf[4] = PacketType.DATA;
  buf.writeUInt32BE(id >>> 0, 5);
  buf.writeUInt32BE(n, 9);
  return buf.subarray(0, DATA_HEADER_SIZE + n);
}

const pools = new Map<number, ReplyPool>();

/** The process-wide pool for READs of at most `maxReadLength` bytes (shared by every session). */
export function replyPoolFor(maxReadLength: number): ReplyPool {
  let pool = pools.get(maxReadLength);
  if (pool === undefined) {
    pool = new ReplyPool(DATA_HEADER_SIZE + maxReadLength);
    pools.set(maxReadLength, pool);
  }
  return pool;
}
