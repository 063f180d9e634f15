// STOR's pump over a real local share and real TCP, both ways it is fed: a passive socket rebuilt to
// read into pooled buffers (user-reads.ts), and a plain socket's 'data' events. Bytes must land
// exactly, reading must pause while the disk lags (bounded memory), and a broken stream keeps what
// arrived.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VFS_OPTIONS, Vfs, createLocalBackend } from '../../../../src-main/vfs/index.js';
import type { VfsHandle } from '../../../../src-main/vfs/index.js';
import { forUpload, userReadsOf } from '../../../../src-main/servers/ftp/data/user-reads.js';
import { DataSocketGuard } from '../../../../src-main/servers/ftp/transfer/data-socket.js';
import { receiveFile } from '../../../../src-main/servers/ftp/transfer/receive-file.js';
import { HIGH_WATER } from '../../../../src-main/servers/ftp/transfer/upload-writer.js';

let root: string;
let vfs: Vfs;
const payload = randomBytes(24 * 1024 * 1024 + 4321);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wharf-ftp-receive-'));
  vfs = new Vfs(await createLocalBackend(root), DEFAULT_VFS_OPTIONS);
});
afterAll(async () => {
  await vfs?.shutdown();
  await rm(root, { recursive: true, force: true });
});

/** A connected pair: the server side accepted paused (as passive data sockets are), maybe rebuilt for an upload. */
async function pair(rebuild: boolean): Promise<{ server: Socket; client: Socket; close: () => void }> {
  const listener = createServer({ pauseOnConnect: true });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  const client = connect({ host: '127.0.0.1', port: (listener.address() as { port: number }).port });
  const raw = await accepted;
  listener.close();
  const server = rebuild ? forUpload(raw) : raw;
  return { server, client, close: () => (client.destroy(), server.destroy()) };
}

function open(name: string): Promise<VfsHandle> {
  return vfs.openFile(`/${name}`, { read: false, write: true, append: false, create: true, truncate: true, exclusive: false });
}

/** Writes `data` in pieces of random sizes, with pauses, so reads land at odd offsets. */
async function sendRaggedly(client: Socket, data: Buffer, end = true): Promise<void> {
  let at = 0;
  while (at < data.length) {
    const n = Math.min(data.length - at, 1 + Math.floor(Math.random() * 300_000));
    if (!client.write(data.subarray(at, at + n))) await new Promise((resolve) => client.once('drain', resolve));
    at += n;
    if (Math.random() < 0.1) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (end) client.end();
}

describe.each([
  ['pooled reads (rebuilt passive socket)', true],
  ["'data' events (plain socket)", false],
])('receiveFile, %s', (_title, rebuild) => {
  it('writes every byte in order, from the start offset', async () => {
    const { server, client, close } = await pair(rebuild);
    expect(userReadsOf(server) !== undefined).toBe(rebuild);
    const name = `whole-${String(rebuild)}.bin`;
    const handle = await open(name);
    const guard = new DataSocketGuard(server, 10_000, new AbortController().signal);
    try {
      const [end] = await Promise.all([receiveFile(guard, handle, 0), sendRaggedly(client, payload)]);
      expect(end).toBe(payload.length);
    } finally {
      guard.dispose();
      await handle.close();
      close();
    }
    expect((await readFile(path.join(root, name))).equals(payload)).toBe(true);
  });

  it('stops reading while the disk lags, so at most the high water waits in memory', async () => {
    const { server, client, close } = await pair(rebuild);
    const handle = await open(`slow-${String(rebuild)}.bin`);
    // Each write takes 50 ms: the client is far faster, so only pausing keeps memory bounded.
    let written = 0;
    let received = 0;
    let mostWaiting = 0;
    const slow: VfsHandle = Object.assign(Object.create(handle) as VfsHandle, {
      write: async (position: number, data: Buffer) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await handle.write(position, data);
        written += data.length;
      },
      writev: undefined,
    });
    const guard = new DataSocketGuard(server, 10_000, new AbortController().signal);
    try {
      const data = payload;
      const done = receiveFile(guard, slow, 0, (bytes) => void bytes);
      const sending = sendRaggedly(client, data);
      const timer = setInterval(() => {
        received = server.bytesRead;
        mostWaiting = Math.max(mostWaiting, received - written);
      }, 5);
      expect(await done).toBe(data.length);
      clearInterval(timer);
      await sending;
    } finally {
      guard.dispose();
      await handle.close();
      close();
    }
    // Up to the high water queued while a batch of about as much is written, plus the buffer being
    // filled and one read: without pausing, nearly all 24 MiB would be waiting.
    expect(mostWaiting).toBeGreaterThan(HIGH_WATER / 2);
    expect(mostWaiting).toBeLessThanOrEqual(2 * HIGH_WATER + 2 * 1024 * 1024);
  });

  it('keeps what arrived when the client breaks off, and rejects', async () => {
    const { server, client, close } = await pair(rebuild);
    const name = `broken-${String(rebuild)}.bin`;
    const handle = await open(name);
    const guard = new DataSocketGuard(server, 10_000, new AbortController().signal);
    const part = payload.subarray(0, 3 * 1024 * 1024 + 17);
    try {
      const done = receiveFile(guard, handle, 0);
      await sendRaggedly(client, part, false);
      // Let the bytes reach the server before the connection breaks.
      await new Promise<void>((resolve) => {
        const check = () => (server.bytesRead >= part.length ? resolve() : setTimeout(check, 5));
        check();
      });
      client.resetAndDestroy();
      await expect(done).rejects.toThrow(/ECONNRESET/);
    } finally {
      guard.dispose();
      await handle.close();
      close();
    }
    expect((await readFile(path.join(root, name))).equals(part)).toBe(true);
  });
});

it('a rebuilt socket owns the connection: the old object can no longer close it', async () => {
  const listener = createServer({ pauseOnConnect: true });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  const client = connect({ host: '127.0.0.1', port: (listener.address() as { port: number }).port });
  const raw = await accepted;
  listener.close();
  const rebuilt = forUpload(raw);
  expect(rebuilt).not.toBe(raw);
  raw.destroy();
  // Still connected: bytes flow both ways through the rebuilt socket.
  const echoed = new Promise<Buffer>((resolve) => client.once('data', resolve));
  const reads = userReadsOf(rebuilt);
  const got: Buffer[] = [];
  let room = Buffer.alloc(64 * 1024);
  reads?.attach({
    room: () => room,
    landed: (n, into) => {
      got.push(Buffer.from(into.subarray(0, n)));
      room = Buffer.alloc(64 * 1024);
      return true;
    },
  });
  rebuilt.resume();
  client.write('ping');
  rebuilt.write('pong');
  expect((await echoed).toString()).toBe('pong');
  await new Promise<void>((resolve) => {
    const check = () => (Buffer.concat(got).toString() === 'ping' ? resolve() : setTimeout(check, 5));
    check();
  });
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.end();
  rebuilt.end();
  await closed;
});

it('leaves a socket that is already reading as it is (the upload then takes the data-event path)', async () => {
  const { server, client, close } = await pair(false);
  server.resume();
  // resume() starts the reads on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  const same = forUpload(server);
  expect(same).toBe(server);
  expect(userReadsOf(same)).toBeUndefined();
  close();
  client.destroy();
});
