// A cursor over one request packet. Strings come back as views into the packet (no copy); every
// read checks bounds and throws MalformedPacketError, which ends the session (OpenSSH does the same).

export class MalformedPacketError extends Error {
  constructor(message = 'Malformed packet') {
    super(message);
    this.name = 'MalformedPacketError';
  }
}

const TWO_32 = 2 ** 32;

export class PacketReader {
  private pos: number;
  /** Set once a read ran past the packet: the session checks it right after dispatch. */
  failed = false;

  /** `payload` starts at the type byte; reading begins at `start`. */
  constructor(
    private readonly payload: Buffer,
    start = 1,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.payload.length - this.pos;
  }

  uint32(): number {
    const p = this.pos;
    if (p + 4 > this.payload.length) this.fail();
    this.pos = p + 4;
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
    const p = this.pos;
    if (p + len > this.payload.length) this.fail();
    this.pos = p + len;
    return this.payload.subarray(p, p + len);
  }

  string(): string {
    const len = this.uint32();
    const p = this.pos;
    if (p + len > this.payload.length) this.fail();
    this.pos = p + len;
    return this.payload.toString('utf8', p, p + len);
  }

  private fail(message?: string): never {
    this.failed = true;
    throw new MalformedPacketError(message);
  }
}
