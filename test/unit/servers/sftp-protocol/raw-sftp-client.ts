// A tiny SFTP client that writes packets by hand on a raw channel: for requests ssh2's client cannot
// send (oversize READ, either SYMLINK order, expand-path, garbage) and for checking exact replies.
import type { Duplex } from 'node:stream';

export const T = {
  INIT: 1,
  VERSION: 2,
  OPEN: 3,
  CLOSE: 4,
  READ: 5,
  WRITE: 6,
  LSTAT: 7,
  OPENDIR: 11,
  READDIR: 12,
  REALPATH: 16,
  STAT: 17,
  READLINK: 19,
  SYMLINK: 20,
  STATUS: 101,
  HANDLE: 102,
  DATA: 103,
  NAME: 104,
  ATTRS: 105,
  EXTENDED: 200,
  EXTENDED_REPLY: 201,
} as const;

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

export function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

export function str(s: string | Buffer): Buffer {
  const b = typeof s === 'string' ? Buffer.from(s) : s;
  return Buffer.concat([u32(b.length), b]);
}

export function packet(type: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from([type]), ...parts]);
  return Buffer.concat([u32(body.length), body]);
}

export interface Reply {
  readonly type: number;
  /** After the type byte and the request id. */
  readonly body: Buffer;
}

export class Cursor {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  u32(): number {
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): number {
    const v = Number(this.buf.readBigUInt64BE(this.pos));
    this.pos += 8;
    return v;
  }
  bytes(): Buffer {
    const len = this.u32();
    const v = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return v;
  }
  string(): string {
    return this.bytes().toString('utf8');
  }
  get remaining(): number {
    return this.buf.length - this.pos;
  }
}

export class RawSftpClient {
  private buffered = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private versionWaiter: ((payload: Buffer) => void) | undefined;
  readonly closed: Promise<void>;

  constructor(private readonly channel: Duplex) {
    this.closed = new Promise((resolve) => {
      channel.on('close', () => resolve());
      channel.on('end', () => resolve());
    });
    channel.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  /** Sends INIT; resolves with the advertised extensions. */
  async init(): Promise<Map<string, string>> {
    const got = new Promise<Buffer>((resolve) => (this.versionWaiter = resolve));
    this.channel.write(packet(T.INIT, u32(3)));
    const payload = await got;
    const c = new Cursor(payload.subarray(1));
    const version = c.u32();
    if (version !== 3) throw new Error(`unexpected version ${version}`);
    const exts = new Map<string, string>();
    while (c.remaining > 0) exts.set(c.string(), c.string());
    return exts;
  }

  request(type: number, ...parts: Buffer[]): Promise<Reply> {
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve) => this.waiting.set(id, resolve));
    this.channel.write(packet(type, u32(id), ...parts));
    return reply;
  }

  writeRaw(bytes: Buffer): void {
    this.channel.write(bytes);
  }

  async status(type: number, ...parts: Buffer[]): Promise<{ code: number; message: string }> {
    const r = await this.request(type, ...parts);
    if (r.type !== T.STATUS) throw new Error(`expected STATUS, got ${r.type}`);
    const c = new Cursor(r.body);
    return { code: c.u32(), message: c.string() };
  }

  async handle(type: number, ...parts: Buffer[]): Promise<Buffer> {
    const r = await this.request(type, ...parts);
    if (r.type !== T.HANDLE) throw new Error(`expected HANDLE, got ${r.type}: ${new Cursor(r.body).u32()}`);
    return Buffer.from(new Cursor(r.body).bytes());
  }

  /** The first filename of a NAME reply. */
  async name(type: number, ...parts: Buffer[]): Promise<string> {
    const r = await this.request(type, ...parts);
    if (r.type !== T.NAME) throw new Error(`expected NAME, got ${r.type}`);
    const c = new Cursor(r.body);
    if (c.u32() < 1) throw new Error('empty NAME');
    return c.string();
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const len = this.buffered.readUInt32BE(0);
      if (this.buffered.length < 4 + len) return;
      const payload = this.buffered.subarray(4, 4 + len);
      this.buffered = this.buffered.subarray(4 + len);
      if (payload[0] === T.VERSION) {
        this.versionWaiter?.(payload);
        continue;
      }
      const id = payload.readUInt32BE(1);
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      waiter?.({ type: payload[0] as number, body: payload.subarray(5) });
    }
  }
}
