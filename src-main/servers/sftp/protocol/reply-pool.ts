// A small pool of DATA reply buffers. READ fills one straight from the file (one pread, no copy),
// the session writes a view of it to the channel and hands it back here from the write callback,
// which ssh2 calls once it has copied the bytes into its own packets. Without the pool every READ
// allocated a fresh 255 KiB external buffer (two, with the backend's), and the garbage collector,
// which sees external memory late, let the process grow to hundreds of MB under parallel downloads.
import { PacketType } from './constants.js';

/** Bytes before the data in a DATA reply: length, type, request id, data length. */
export const DATA_HEADER_SIZE = 13;

/** OpenSSH's sftp reads 32 KiB at a time: such READs get buffers of their own size. */
const SMALL_READ = 32 * 1024;

/** Idle buffers kept per size (4 MiB of small ones, 8 MiB of big ones at most). */
const MAX_POOLED_SMALL = 128;
const MAX_POOLED_BIG = 32;

interface SizeClass {
  readonly size: number;
  readonly maxFree: number;
  readonly free: Buffer[];
}

export class ReplyPool {
  /** Smallest first. */
  private readonly classes: readonly SizeClass[];
  /** The ArrayBuffers this pool handed out, with their size class: only those may come back. */
  private readonly owner = new WeakMap<ArrayBufferLike, SizeClass>();

  /**
   * `bufferSize`: header plus the longest READ answered. A READ takes a buffer of the smallest
   * size that holds it: a 32 KiB READ in a 255 KiB buffer held eight times the memory it needed,
   * and a client keeps dozens in flight.
   */
  constructor(readonly bufferSize: number) {
    const big: SizeClass = { size: bufferSize, maxFree: MAX_POOLED_BIG, free: [] };
    const small = DATA_HEADER_SIZE + SMALL_READ;
    this.classes = bufferSize > small ? [{ size: small, maxFree: MAX_POOLED_SMALL, free: [] }, big] : [big];
  }

  /** A buffer for a READ of `length` bytes; the caller must `release` it or `sendable` a view of it. */
  take(length = this.bufferSize - DATA_HEADER_SIZE): Buffer {
    const needed = DATA_HEADER_SIZE + length;
    const cls = this.classes.find((c) => c.size >= needed) ?? (this.classes[this.classes.length - 1] as SizeClass);
    const buf = cls.free.pop();
    if (buf !== undefined) return buf;
    // Its own ArrayBuffer (never a slice of Node's shared pool), so views map back to it.
    const fresh = Buffer.allocUnsafeSlow(cls.size);
    this.owner.set(fresh.buffer, cls);
    return fresh;
  }

  /** Returns the pooled buffer under `view` (a view from `take`); other buffers are ignored. */
  release(view: Buffer): void {
    const ab = view.buffer;
    const cls = this.owner.get(ab);
    if (cls === undefined || cls.free.length >= cls.maxFree) return;
    // A buffer released twice would be handed to two requests at once.
    if (cls.free.some((b) => b.buffer === ab)) return;
    cls.free.push(Buffer.from(ab, 0, cls.size));
  }

  /** Whether `view` lies in a pooled buffer (the session then releases it after the write). */
  isPooled(view: Buffer): boolean {
    return this.owner.has(view.buffer);
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
