// RETR's pump over a real local share and a real TCP connection whose reader stalls: the kernel's
// buffers fill, chunks wait in the socket's queue, and the pooled read buffers behind them must not
// be reused until they are sent. Then the bytes must arrive exactly, and the pool must get them back.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_VFS_OPTIONS, Vfs, createLocalBackend } from '../../../../src-main/vfs/index.js';
import { DataSocketGuard } from '../../../../src-main/servers/ftp/transfer/data-socket.js';
import { sendFile } from '../../../../src-main/servers/ftp/transfer/send-file.js';

let root: string;
let vfs: Vfs;
const payload = randomBytes(24 * 1024 * 1024 + 321);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wharf-ftp-send-'));
  await writeFile(path.join(root, 'big.bin'), payload);
  vfs = new Vfs(await createLocalBackend(root), DEFAULT_VFS_OPTIONS);
});
afterAll(async () => {
  await vfs?.shutdown();
  await rm(root, { recursive: true, force: true });
});

it('sends every byte in order while the receiver stalls, reusing no buffer that is still queued', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const client = connect({ host: '127.0.0.1', port });
  client.pause();
  const serverSide = await accepted;
  const received: Buffer[] = [];
  client.on('data', (b: Buffer) => received.push(b));
  const ended = new Promise<void>((resolve) => client.once('end', resolve));
  // Start reading only once the sender has had time to fill every buffer on the way.
  setTimeout(() => client.resume(), 300);

  const handle = await vfs.openFile('/big.bin', { read: true, write: false, append: false, create: false, truncate: false, exclusive: false });
  const guard = new DataSocketGuard(serverSide, 10_000, new AbortController().signal);
  try {
    const sent = await sendFile(handle, 5, guard);
    expect(sent).toBe(payload.length - 5);
    await ended;
  } finally {
    guard.dispose();
    await handle.close();
    client.destroy();
    server.close();
  }
  expect(Buffer.concat(received).equals(payload.subarray(5))).toBe(true);
});
