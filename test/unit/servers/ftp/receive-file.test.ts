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

interface Pair {
  /** The socket net.Server accepted. */
  readonly raw: Socket;
  /** `raw`, or what `forUpload` rebuilt from it. */
  readonly server: Socket;
  readonly client: Socket;
  close(): void;
}

/** A connected pair: the server side accepted paused (as passive data sockets are), maybe rebuilt for an upload. */
async function pair(rebuild: boolean): Promise<Pair> {
  const listener = createServer({ pauseOnConnect: true });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  const client = connect({ host: '127.0.0.1', port: (listener.address() as { port: number }).port });
  const raw = await accepted;
  listener.close();
  const server = rebuild ? forUpload(raw) : raw;
  return { raw, server, client, close: () => (client.destroy(), server.destroy()) };
}

function open(name: string): Promise<VfsHandle> {
  return vfs.openFile(`/${name}`, { read: false, write: true, append: false, create: true, truncate: true, exclusive: false });
}

/** Runs `upload` with a connected pair, the open file `name` and a guard on the server side; closes all three after. */
async function withUpload(
  rebuild: boolean,
  name: string,
  upload: (u: { readonly server: Socket; readonly client: Socket; readonly handle: VfsHandle; readonly guard: DataSocketGuard }) => Promise<void>,
): Promise<void> {
  const { server, client, close } = await pair(rebuild);
  const handle = await open(name);
  const guard = new DataSocketGuard(server, 10_000, new AbortController().signal);
  try {
    await upload({ server, client, handle, guard });
  } finally {
    guard.dispose();
    await handle.close();
    close();
  }
}

/** Resolves once `done()` holds, checking every 5 ms. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : setTimeout(check, 5));
    check();
  });
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
    const name = `whole-${String(rebuild)}.bin`;
    await withUpload(rebuild, name, async ({ server, client, handle, guard }) => {
      expect(userReadsOf(server) !== undefined).toBe(rebuild);
      const [end] = await Promise.all([receiveFile(guard, handle, 5), sendRaggedly(client, payload)]);
      expect(end).toBe(5 + payload.length);
    });
    expect((await readFile(path.join(root, name))).equals(Buffer.concat([Buffer.alloc(5), payload]))).toBe(true);
  });

  it('stops reading while the disk lags, so at most the high water waits in memory', async () => {
    let mostWaiting = 0;
    await withUpload(rebuild, `slow-${String(rebuild)}.bin`, async ({ server, client, handle, guard }) => {
      // Each write takes 50 ms: the client is far faster, so only pausing keeps memory bounded.
      let written = 0;
      const slow: VfsHandle = Object.assign(Object.create(handle) as VfsHandle, {
        write: async (position: number, data: Buffer) => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          await handle.write(position, data);
          written += data.length;
        },
        writev: undefined,
      });
      const done = receiveFile(guard, slow, 0);
      const sending = sendRaggedly(client, payload);
      const timer = setInterval(() => (mostWaiting = Math.max(mostWaiting, server.bytesRead - written)), 5);
      expect(await done).toBe(payload.length);
      clearInterval(timer);
      await sending;
    });
    // Up to the high water queued while a batch of about as much is written, plus the buffer being
    // filled and one read: without pausing, nearly all 24 MiB would be waiting.
    expect(mostWaiting).toBeGreaterThan(HIGH_WATER / 2);
    expect(mostWaiting).toBeLessThanOrEqual(2 * HIGH_WATER + 2 * 1024 * 1024);
  });

  it('keeps what arrived when the client breaks off, and rejects', async () => {
    const name = `broken-${String(rebuild)}.bin`;
    const part = payload.subarray(0, 3 * 1024 * 1024 + 17);
    await withUpload(rebuild, name, async ({ server, client, handle, guard }) => {
      const done = receiveFile(guard, handle, 0);
      await sendRaggedly(client, part, false);
      // Let the bytes reach the server before the connection breaks.
      await until(() => server.bytesRead >= part.length);
      client.resetAndDestroy();
      await expect(done).rejects.toThrow(/ECONNRESET/);
    });
    expect((await readFile(path.join(root, name))).equals(part)).toBe(true);
  });
});

it('a rebuilt socket owns the connection: the old object can no longer close it', async () => {
  const { raw, server: rebuilt, client } = await pair(true);
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
  await until(() => Buffer.concat(got).toString() === 'ping');
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.end();
  rebuilt.end();
  await closed;
});

it('leaves a socket that is already reading as it is (the upload then takes the data-event path)', async () => {
  const { server, close } = await pair(false);
  server.resume();
  // resume() starts the reads on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  const same = forUpload(server);
  expect(same).toBe(server);
  expect(userReadsOf(same)).toBeUndefined();
  close();
});
