// Splits the channel's byte stream into SFTP packets (uint32 length + payload). Packets that sit
// whole inside one chunk are handed on as views (no copy). A small packet spread over chunks is
// gathered once into a buffer of its exact size. A large one (an upload's WRITE: 255 KiB arriving
// in 32 KiB SSH packets) is not copied at all: its first HEAD_BYTES are gathered, so every header
// field sits in one buffer, and the rest is handed on as views of the chunks, which the file
// system then takes as one vectored write. Copying those bytes and allocating the buffer cost an
// upload a sixth of its server CPU (copy plus the garbage collections the extra memory triggered).
// Gathered buffers and chunks are never reused, so handlers may keep views across awaits.
import { MalformedPacketError, NO_TAIL } from './packet-reader.js';

/** `head` starts at the packet's type byte; `tail` (empty for most packets) continues it. */
export type PacketSink = (head: Buffer, tail: readonly Buffer[]) => void;

/** Packets up to this size are gathered into one buffer when split. */
const GATHER_MAX = 64 * 1024;
/** Bytes of a large split packet gathered into its head: more than any WRITE header needs. */
const HEAD_BYTES = 1024;

export class PacketFramer {
  /** The packet being assembled: its gathered head, filled up to `filled`, then tail views. */
  private partial: Buffer | undefined;
  private filled = 0;
  private tail: Buffer[] = [];
  /** Bytes still missing from the packet being assembled (head and tail). */
  private missing = 0;
  /** The length prefix itself may be split across chunks. */
  private readonly header = Buffer.alloc(4);
  private headerFilled = 0;

  constructor(
    private readonly maxLength: number,
    private readonly sink: PacketSink,
  ) {}

  /** True while a packet has started but not fully arrived. */
  get pending(): boolean {
    return this.partial !== undefined || this.headerFilled > 0;
  }

  /** Feeds one chunk; throws MalformedPacketError on a bad length (the session must end). */
  push(chunk: Buffer): void {
    const end = chunk.length;
    let p = 0;
    while (p < end) {
      if (this.partial !== undefined) {
        p = this.fill(chunk, p);
        continue;
      }
      if (this.headerFilled > 0 || end - p < 4) {
        while (this.headerFilled < 4 && p < end) this.header[this.headerFilled++] = chunk[p++] as number;
        if (this.headerFilled < 4) return;
        this.headerFilled = 0;
        this.startPartial(this.checkLength(this.header.readUInt32BE(0)));
        continue;
      }
      const len = this.checkLength(chunk.readUInt32BE(p));
      p += 4;
      if (end - p >= len) {
        this.sink(chunk.subarray(p, p + len), NO_TAIL);
        p += len;
      } else {
        this.startPartial(len);
      }
    }
  }

  /** Adds what `chunk` holds of the packet being assembled, from `p`; returns the new position. */
  private fill(chunk: Buffer, p: number): number {
    const partial = this.partial as Buffer;
    const end = chunk.length;
    if (this.filled < partial.length) {
      const n = Math.min(partial.length - this.filled, end - p);
      chunk.copy(partial, this.filled, p, p + n);
      this.filled += n;
      this.missing -= n;
      p += n;
    }
    if (this.missing > 0 && p < end) {
      const n = Math.min(this.missing, end - p);
      this.tail.push(chunk.subarray(p, p + n));
      this.missing -= n;
      p += n;
    }
    if (this.missing === 0) {
      const tail = this.tail.length === 0 ? NO_TAIL : this.tail;
      this.partial = undefined;
      this.tail = [];
      this.sink(partial, tail);
    }
    return p;
  }

  private startPartial(len: number): void {
    this.partial = Buffer.allocUnsafe(len > GATHER_MAX ? HEAD_BYTES : len);
    this.filled = 0;
    this.missing = len;
  }

  private checkLength(len: number): number {
    if (len === 0) throw new MalformedPacketError('Empty packet');
    if (len > this.maxLength) throw new MalformedPacketError(`Packet of ${len} bytes exceeds the limit of ${this.maxLength}`);
    return len;
  }
}
