// Builds one reply packet in one exactly-sized Buffer: callers compute the body size first, so
// nothing is copied twice and the channel gets a single write per reply.

const TWO_32 = 2 ** 32;

export class WireWriter {
  readonly buf: Buffer;
  private pos: number;

  /** Starts a packet of `type` whose body (after type byte) is `bodySize` bytes. */
  constructor(type: number, bodySize: number) {
    this.buf = Buffer.allocUnsafe(5 + bodySize);
    this.buf.writeUInt32BE(1 + bodySize, 0);
    this.buf[4] = type;
    this.pos = 5;
  }

  u32(value: number): this {
    this.buf.writeUInt32BE(value >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  u64(value: number): this {
    const v = value > 0 ? Math.floor(value) : 0;
    this.buf.writeUInt32BE(Math.floor(v / TWO_32) >>> 0, this.pos);
    this.buf.writeUInt32BE(v >>> 0, this.pos + 4);
    this.pos += 8;
    return this;
  }

  /** A UTF-8 string whose encoded length the caller already knows. */
  string(value: string, byteLength: number): this {
    this.buf.writeUInt32BE(byteLength, this.pos);
    this.buf.write(value, this.pos + 4, byteLength, 'utf8');
    this.pos += 4 + byteLength;
    return this;
  }

  bytes(value: Buffer): this {
    this.buf.writeUInt32BE(value.length, this.pos);
    value.copy(this.buf, this.pos + 4);
    this.pos += 4 + value.length;
    return this;
  }

  finish(): Buffer {
    if (this.pos !== this.buf.length) throw new Error(`reply size mismatch: wrote ${this.pos} of ${this.buf.length}`);
    return this.buf;
  }
}

/** Bytes a string field takes on the wire (length prefix included). */
export function stringSize(byteLength: number): number {
  return 4 + byteLength;
}
