// The SFTP protocol layer's transfer observer, on its own: optional (serving works without it), told
// about opens with the share path and size, and unable to break an OPEN when it throws.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-shared/logger.js';
import { createSftpServer, createStaticAuthenticator } from '../../../src-main/servers/index.js';
import type { TransferObserver, TransferStart } from '../../../src-main/servers/index.js';
import { generateEd25519Pair } from '../../../src-main/servers/sftp/ed25519-keygen.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import { withSsh2Sftp } from '../../helpers/ssh2-sftp-client.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function serve(transfers: TransferObserver | undefined): Promise<{ port: number; root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wharf-hook-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  await writeFile(path.join(root, 'data.bin'), Buffer.alloc(5000, 7));
  const vfs = new Vfs(await createLocalBackend(root), DEFAULT_VFS_OPTIONS, silentLogger);
  const server = createSftpServer({
    vfs,
    // ssh2's own ed25519 generator writes an unparsable key about once in 256 (see ed25519-keygen.ts).
    hostKeys: [generateEd25519Pair().private],
    authenticator: createStaticAuthenticator({ user: 'u', password: 'pw-123456', authorizedKeys: [], noAuth: false }),
    readOnly: false,
    logger: silentLogger,
    transfers,
  });
  const { port } = await server.listen('127.0.0.1', 0);
  cleanups.push(() => server.close().then(() => vfs.shutdown()));
  return { port, root };
}

function readAll(port: number): Promise<number> {
  return withSsh2Sftp({ port, user: 'u', password: 'pw-123456' }, (sftp) =>
    new Promise((resolve, reject) => sftp.readFile('/data.bin', (err, data) => (err ? reject(err) : resolve(data.length)))),
  );
}

describe('transfer observer hook', () => {
  it('reports the open, the bytes and a completed close', async () => {
    const starts: TransferStart[] = [];
    let read = 0;
    let closed: boolean | undefined;
    const { port } = await serve({
      opened: (start) => {
        starts.push(start);
        return { read: (n) => (read += n), written: () => undefined, closed: (ok) => (closed = ok) };
      },
    });
    expect(await readAll(port)).toBe(5000);
    await expect.poll(() => closed).toBe(true);
    expect(starts).toEqual([
      { sessionId: expect.any(String), protocol: 'sftp', user: 'u', clientIp: '127.0.0.1', path: '/data.bin', reading: true, writing: false, size: 5000 },
    ]);
    expect(read).toBe(5000);
  });

  it('serves without an observer, and despite one that throws', async () => {
    const quiet = await serve(undefined);
    expect(await readAll(quiet.port)).toBe(5000);
    const broken = await serve({
      opened: () => {
        throw new Error('observer bug');
      },
    });
    expect(await readAll(broken.port)).toBe(5000);
  });
});
