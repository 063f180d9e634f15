// A cursor over one request packet. Strings come back as views into the packet (no copy); every
// read checks bounds and throws MalformedPacketError, which ends the session (OpenSSH does the same).
// A large packet may arrive as a head plus tail views (see packet-framer.ts): `chunks()` returns a
// string spread over them as views; any other read that would cross into the tail first joins the
// packet into one buffer, so field parsing never has to care where the split fell.
import { totalBytes } from '../../../vfs/index.js';

export class MalformedPacketError extends Error {
  constructor(message = 'Malformed packet') {
    super(message);
    this.name = 'MalformedPacketError';
  }
}

const TWO_32 = 2 ** 32;
/** The tail of a packet that arrived whole (see packet-framer.ts). */
export const NO_TAIL: readonly Buffer[] = Object.freeze([]);

export class PacketReader {
  private pos: number;
  private payload: Buffer;
  private tail: readonly Buffer[];
  private tailLength: number;
  /** Set once a read ran past the packet: the session checks it right after dispatch. */
  failed = false;

  /** `payload` starts at the type byte and `tail` (if any) continues it; reading begins at `start`. */
  constructor(payload: Buffer, start = 1, tail: readonly Buffer[] = NO_TAIL) {
    this.payload = payload;
    this.pos = start;
    this.tail = tail;
    this.tailLength = tail.length === 0 ? 0 : totalBytes(tail);
  }

  get remaining(): number {
    return this.payload.length + this.tailLength - this.pos;
  }

  uint32(): number {
    const p = this.take(4); // first: it may replace the payload
    return this.payload.readUInt32BE(p);
  }

  /** uint64 as a JS number; values past 2^53 are refused rather than silently rounded. */
  uint64(): number {
    const hi = this.uint32();
    const lo = this.uint32();
    if (hi >= 0x200000) this.fail('Offset out of range');
    return hi * TWO_32 + lo;
  }

  /** A length-prefixed byte string, as a view into the packet. */
  bytes(): Buffer {
    const len = this.uint32();
    const p = this.take(len);
    return this.payload.subarray(p, p + len);
  }

  string(): string {
    const len = this.uint32();
    const p = this.take(len);
    return this.payload.toString('utf8', p, p + len);
  }

  /** A length-prefixed byte string as one or more views (never copied, even across the tail). */
  chunks(): readonly Buffer[] {
    const len = this.uint32();
    const p = this.pos;
    const inHead = this.payload.length - p;
    if (len <= inHead) {
      this.pos = p + len;
      return [this.payload.subarray(p, p + len)];
    }
    if (len > this.remaining) this.fail();
    const out: Buffer[] = inHead > 0 ? [this.payload.subarray(p)] : [];
    let left = len - inHead;
    let used = 0;
    for (const b of this.tail) {
      if (left === 0) break;
      const n = Math.min(left, b.length);
      out.push(n === b.length ? b : b.subarray(0, n));
      left -= n;
      used++;
    }
    // Whatever follows the string (nothing, for a well-formed WRITE) becomes the new head.
    const rest = this.tail.slice(used);
    const lastUsed = this.tail[used - 1] as Buffer;
    const cut = (out[out.length - 1] as Buffer).length;
    this.payload = cut < lastUsed.length ? lastUsed.subarray(cut) : Buffer.alloc(0);
    this.tail = rest;
    this.tailLength = totalBytes(rest);
    this.pos = 0;
    return out;
  }

  /** Claims `n` bytes at the cursor in the head buffer (joining the tail in if needed). */
  private take(n: number): number {
    const p = this.pos;
    if (p + n > this.payload.length) {
      if (p + n > this.payload.length + this.tailLength) this.fail();
      this.payload = Buffer.concat([this.payload, ...this.tail]);
      this.tail = NO_TAIL;
      this.tailLength = 0;
    }
    this.pos = p + n;
    return p;
  }

  private fail(message?: string): never {
    this.failed = true;
    throw new MalformedPacketError(message);
  }
}
