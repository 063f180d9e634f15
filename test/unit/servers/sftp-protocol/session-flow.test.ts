// Flow control and streaming, over an in-process duplex pair and the memory backend (no SSH):
// the session stops reading while its replies are not drained, and READDIR pulls lazily.
import { duplexPair } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serveSftp } from '../../../../src-main/servers/sftp/protocol/index.js';
import { DirReader } from '../../../../src-main/servers/sftp/protocol/dir-reader.js';
import type { SessionContext } from '../../../../src-main/servers/session.js';
import { DEFAULT_VFS_OPTIONS, MemoryBackend, Vfs } from '../../../../src-main/vfs/index.js';
import type { VfsEntry } from '../../../../src-main/vfs/index.js';
import { silentLogger } from '../../../../src-shared/logger.js';
import { OPEN_MODE } from './call.js';
import { packet, RawSftpClient, str, T, u32, u64 } from './raw-sftp-client.js';

function memorySession(): { vfs: Vfs; ctx: SessionContext } {
  const vfs = new Vfs(new MemoryBackend(), DEFAULT_VFS_OPTIONS);
  const ctx: SessionContext = { id: 'flow', protocol: 'sftp', user: 'u', clientIp: '127.0.0.1', vfs, root: '/', readOnly: false };
  return { vfs, ctx };
}

describe('backpressure', () => {
  it('stops reading requests while replies are not drained, then answers them all', async () => {
    const { vfs, ctx } = memorySession();
    const file = await vfs.openFile('/f.bin', { read: false, write: true, append: false, create: true, truncate: true, exclusive: false });
    await file.write(0, Buffer.alloc(1 << 20, 3));
    await file.close();
    const [client, server] = duplexPair();
    const session = serveSftp(server, ctx, silentLogger);
    const rc = new RawSftpClient(client);
    await rc.init();
    const handle = await rc.handle(T.OPEN, str('/f.bin'), u32(OPEN_MODE.READ), u32(0));
    // From here the client stops reading replies.
    client.removeAllListeners('data');
    client.pause();
    const requests = 200;
    for (let i = 0; i < requests; i++) {
      client.write(packet(T.READ, u32(1000 + i), str(handle), u64((i % 16) * 65_536), u32(65_536)));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.isPaused()).toBe(true);
    // Reading again drains everything: every request gets its DATA reply.
    let pending = Buffer.alloc(0);
    let answered = 0;
    await new Promise<void>((resolve) => {
      client.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
          expect(pending[4]).toBe(T.DATA);
          pending = pending.subarray(4 + pending.readUInt32BE(0));
          if (++answered === requests) resolve();
        }
      });
      client.resume();
    });
    expect(answered).toBe(requests);
    expect(server.isPaused()).toBe(false);
    client.end();
    await session.done;
    await vfs.shutdown();
  });
});

describe('concurrency', () => {
  class SlowStat extends MemoryBackend {
    override async stat(path: string): Promise<VfsEntry> {
      if (path === '/slow') await new Promise((resolve) => setTimeout(resolve, 300));
      return super.stat(path === '/slow' ? '/' : path);
    }
  }

  it('answers a fast request while an earlier slow one is still running', async () => {
    const vfs = new Vfs(new SlowStat(), DEFAULT_VFS_OPTIONS);
    const ctx: SessionContext = { id: 'c', protocol: 'sftp', user: 'u', clientIp: '127.0.0.1', vfs, root: '/', readOnly: false };
    const [client, server] = duplexPair();
    const session = serveSftp(server, ctx, silentLogger);
    const rc = new RawSftpClient(client);
    await rc.init();
    const order: string[] = [];
    const slow = rc.request(T.STAT, str('/slow')).then((r) => order.push(`slow:${r.type}`));
    const fast = rc.request(T.REALPATH, str('x/..')).then((r) => order.push(`fast:${r.type}`));
    await Promise.all([slow, fast]);
    expect(order).toEqual([`fast:${T.NAME}`, `slow:${T.ATTRS}`]);
    client.end();
    await session.done;
  });
});

describe('DirReader', () => {
  it('pulls backend batches as READDIR needs them, one batch ahead, and releases the listing on close', async () => {
    let pulled = 0;
    let released = false;
    const entry = (i: number): VfsEntry => ({
      name: `n${i}`,
      type: 'file',
      size: 0,
      mode: 0o644,
      uid: 0,
      gid: 0,
      atimeMs: 0,
      mtimeMs: 0,
      nlink: 1,
    });
    async function* listing(): AsyncIterable<readonly VfsEntry[]> {
      try {
        for (let b = 0; b < 10; b++) {
          pulled++;
          yield Array.from({ length: 250 }, (_, i) => entry(b * 250 + i));
        }
      } finally {
        released = true;
      }
    }
    const reader = await DirReader.open(listing());
    expect(pulled).toBe(1);
    const sizes = [];
    for (let i = 0; i < 4; i++) sizes.push((await reader.read(100)).length);
    // 250 per backend batch, at most 100 per READDIR: 100, 100, 50, then the next batch.
    expect(sizes).toEqual([100, 100, 50, 100]);
    expect(pulled).toBe(2);
    // Pipelined reads are served in order, never overlapping.
    const [a, b] = await Promise.all([reader.read(100), reader.read(100)]);
    expect(a[0]?.name).toBe('n350');
    expect(b[0]?.name).toBe('n450');
    // The second batch is used up: the third is asked for once the reply has had its turn (one
    // batch ahead, no more).
    expect(pulled).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBe(3);
    await reader.close();
    expect(released).toBe(true);
    expect(pulled).toBe(3);
  });

  it('surfaces a listing error at open', async () => {
    async function* failing(): AsyncIterable<readonly VfsEntry[]> {
      throw new Error('no such folder');
    }
    await expect(DirReader.open(failing())).rejects.toThrow('no such folder');
  });
});
