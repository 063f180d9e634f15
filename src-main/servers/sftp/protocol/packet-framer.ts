// Splits the channel's byte stream into SFTP packets (uint32 length + payload). Packets that sit
// whole inside one chunk are handed on as views (no copy); a packet spread over chunks is gathered
// once into a buffer of its exact size. Each gathered buffer is fresh, so handlers may keep views
// of it across awaits (pipelined WRITEs do).
import { MalformedPacketError } from './packet-reader.js';

export type PacketSink = (payload: Buffer) => void;

export class PacketFramer {
  private partial: Buffer | undefined;
  private filled = 0;
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
      const partial = this.partial;
      if (partial !== undefined) {
        const n = Math.min(partial.length - this.filled, end - p);
        chunk.copy(partial, this.filled, p, p + n);
        this.filled += n;
        p += n;
        if (this.filled === partial.length) {
          this.partial = undefined;
          this.sink(partial);
        }
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
        this.sink(chunk.subarray(p, p + len));
        p += len;
      } else {
        this.startPartial(len);
      }
    }
  }

  private startPartial(len: number): void {
    this.partial = Buffer.allocUnsafe(len);
    this.filled = 0;
  }

  private checkLength(len: number): number {
    if (len === 0) throw new MalformedPacketError('Empty packet');
    if (len > this.maxLength) throw new MalformedPacketError(`Packet of ${len} bytes exceeds the limit of ${this.maxLength}`);
    return len;
  }
}
