// The READ fast path over a real local folder: replies are read straight into pooled buffers, so
// pipelined READs must each carry exactly their own bytes while buffers are recycled, and a client
// that stops reading must not make the session hold more than its byte budget of replies.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Duplex, duplexPair } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSftp } from '../../../../src-main/servers/sftp/protocol/index.js';
import { ReplyPool } from '../../../../src-main/servers/sftp/protocol/reply-pool.js';
import type { SessionContext } from '../../../../src-main/servers/session.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../../src-main/vfs/index.js';
import { silentLogger } from '../../../../src-shared/logger.js';
import { OPEN_MODE } from './call.js';
import { packet, RawSftpClient, str, T, u32, u64 } from './raw-sftp-client.js';

const READ_LEN = 261_120;
let dir: string;
let content: Buffer;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-read-path-'));
  content = randomBytes(READ_LEN * 12 + 777);
  await fs.writeFile(path.join(dir, 'big.bin'), content);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function localSession(): Promise<{ vfs: Vfs; ctx: SessionContext }> {
  const vfs = new Vfs(await createLocalBackend(dir), DEFAULT_VFS_OPTIONS);
  const ctx: SessionContext = { id: 'read', protocol: 'sftp', user: 'u', clientIp: '127.0.0.1', vfs, root: '/', readOnly: false };
  return { vfs, ctx };
}

/**
 * The server's end of the test link. ssh2's channel copies every written chunk into its own SSH
 * packets before it calls back, which is what lets the session reuse a reply buffer from the write
 * callback. `duplexPair` instead hands the very buffer to the reader, so this end copies on write,
 * as ssh2 does; backpressure still comes from the pair underneath.
 */
class CopyingEnd extends Duplex {
  constructor(private readonly inner: Duplex) {
    super();
    inner.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) inner.pause();
    });
    inner.on('end', () => this.push(null));
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.inner.write(Buffer.from(chunk), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.inner.end(callback);
  }
}

/** Splits `chunk`s into reply packets as they arrive. */
function collectReplies(client: NodeJS.ReadWriteStream, count: number): Promise<Buffer[]> {
  let pending = Buffer.alloc(0);
  const replies: Buffer[] = [];
  return new Promise((resolve) => {
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
        const len = pending.readUInt32BE(0);
        replies.push(Buffer.from(pending.subarray(4, 4 + len)));
        pending = pending.subarray(4 + len);
        if (replies.length === count) resolve(replies);
      }
    });
    client.resume();
  });
}

describe('READ fast path', () => {
  it('answers pipelined READs with their own bytes, bounded while the client stops reading', async () => {
    const { vfs, ctx } = await localSession();
    const [client, serverEnd] = duplexPair();
    const server = new CopyingEnd(serverEnd);
    const session = serveSftp(server, ctx, silentLogger);
    const rc = new RawSftpClient(client);
    await rc.init();
    const handle = await rc.handle(T.OPEN, str('/big.bin'), u32(OPEN_MODE.READ), u32(0));
    client.removeAllListeners('data');
    client.pause();
    // Three passes over the file (more requests than the pool keeps) plus one READ past the end.
    const offsets: number[] = [];
    for (let pass = 0; pass < 3; pass++) for (let i = 0; i < 13; i++) offsets.push(i * READ_LEN);
    offsets.push(content.length + 10);
    offsets.forEach((offset, i) => client.write(packet(T.READ, u32(5000 + i), str(handle), u64(offset), u32(READ_LEN))));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.isPaused()).toBe(true);
    // 40 replies of 255 KiB would be 10 MiB: the budget (2 MiB plus the reply that crossed it) holds.
    expect(server.writableLength).toBeLessThan(2 * 1024 * 1024 + READ_LEN + 64);
    const replies = await collectReplies(client, offsets.length);
    // Replies may leave out of order (requests run concurrently); each id is answered once.
    const ids = replies.map((reply) => reply.readUInt32BE(1)).sort((x, y) => x - y);
    expect(ids).toEqual(offsets.map((_, i) => 5000 + i));
    replies.forEach((reply) => {
      const id = reply.readUInt32BE(1);
      const offset = offsets[id - 5000] as number;
      if (offset >= content.length) {
        expect(reply[0]).toBe(T.STATUS);
        expect(reply.readUInt32BE(5)).toBe(1); // EOF
        return;
      }
      expect(reply[0]).toBe(T.DATA);
      const data = reply.subarray(9, 9 + reply.readUInt32BE(5));
      expect(data.length).toBe(Math.min(READ_LEN, content.length - offset));
      expect(data.equals(content.subarray(offset, offset + data.length))).toBe(true);
    });
    client.end();
    await session.done;
    await vfs.shutdown();
  });
});

describe('ReplyPool', () => {
  it('reuses released buffers, ignores foreign ones and never hands one out twice', () => {
    const pool = new ReplyPool(1024);
    const a = pool.take();
    expect(a.length).toBe(1024);
    pool.release(a.subarray(0, 100));
    pool.release(a);
    pool.release(Buffer.alloc(1024));
    const b = pool.take();
    const c = pool.take();
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(a.buffer);
    expect(pool.isPooled(c.subarray(5))).toBe(true);
    expect(pool.isPooled(Buffer.alloc(8))).toBe(false);
  });

  it('gives a 32 KiB READ a buffer of its own size, and bigger READs the full size', () => {
    const full = 13 + 255 * 1024;
    const pool = new ReplyPool(full);
    const small = pool.take(32 * 1024);
    expect(small.length).toBe(13 + 32 * 1024);
    expect(pool.take(32 * 1024 + 1).length).toBe(full);
    expect(pool.take().length).toBe(full);
    // A small buffer comes back to the small class only.
    pool.release(small.subarray(0, 50));
    expect(pool.take(100).buffer).toBe(small.buffer);
    expect(pool.take(100 * 1024).buffer).not.toBe(small.buffer);
  });
});
