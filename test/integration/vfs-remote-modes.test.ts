// `wharf serve sftp` over an SFTP remote (a real OpenSSH sshd serving a temp folder, given as an
// rclone connection string), driven by real clients (ssh2's SFTP client and OpenSSH's `sftp`):
// cache mode off refusing read+write opens, writes mode patching the middle of a remote file, the
// write-back delay, and the case-insensitive fix-up. Each test has its own server, so they run
// concurrently.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenMode, SFTPWrapper } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli-server.js';
import { runSftp } from '../helpers/openssh-client.js';
import { withSsh2Sftp } from '../helpers/ssh2-sftp-client.js';
import { LOGIN, PASS, remotePath, sshdForServes, startServe, USER, waitFor } from './serve-kit.js';

const sshd = sshdForServes();

/** A fresh folder on the remote, with these files. */
async function remoteFolder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(sshd().dataDir, 'share-'));
  for (const [name, data] of Object.entries(files)) await writeFile(path.join(dir, name), data);
  return dir;
}

const open = (sftp: SFTPWrapper, file: string, flags: OpenMode) =>
  new Promise<Buffer>((resolve, reject) => sftp.open(file, flags, (err, handle) => (err ? reject(err) : resolve(handle))));
const write = (sftp: SFTPWrapper, handle: Buffer, data: Buffer, position: number) =>
  new Promise<void>((resolve, reject) => sftp.write(handle, data, 0, data.length, position, (err) => (err ? reject(err) : resolve())));
const close = (sftp: SFTPWrapper, handle: Buffer) =>
  new Promise<void>((resolve, reject) => sftp.close(handle, (err) => (err ? reject(err) : resolve())));
const readAll = (sftp: SFTPWrapper, file: string) =>
  new Promise<Buffer>((resolve, reject) => sftp.readFile(file, (err, data) => (err ? reject(err) : resolve(data))));

const login = (port: number) => ({ port, user: USER, password: PASS });

describe.concurrent('a share on an SFTP remote', () => {
  it('cache mode off: refuses read+write opens, while reads and new uploads work', async () => {
    const dir = await remoteFolder({ 'data.txt': 'remote data' });
    const srv = await startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--vfs-cache-mode', 'off']);
    try {
      await withSsh2Sftp(login(srv.port), async (sftp) => {
        const refused = await open(sftp, '/data.txt', 'r+').then(() => undefined, (err: Error & { code?: number }) => err);
        expect(refused?.message).toMatch(/reading and writing needs --vfs-cache-mode minimal/);
        expect(refused?.code).toBe(8); // SSH_FX_OP_UNSUPPORTED
        expect((await readAll(sftp, '/data.txt')).toString()).toBe('remote data');
        const handle = await open(sftp, '/new.txt', 'w');
        await write(sftp, handle, Buffer.from('streamed up'), 0);
        await close(sftp, handle);
      });
      // Off has no cache: the upload is on the remote when close returns.
      expect(await readFile(path.join(dir, 'new.txt'), 'utf8')).toBe('streamed up');
      expect(await readFile(path.join(dir, 'data.txt'), 'utf8')).toBe('remote data');
    } finally {
      await srv.stop();
    }
  });

  it('cache mode writes: patches the middle of a remote file (open r+, write at an offset)', async () => {
    const original = Buffer.alloc(200_000, 'a');
    const dir = await remoteFolder({ 'big.bin': original });
    const cache = await tempDir('cache');
    const srv = await startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--vfs-cache-mode', 'writes', '--vfs-write-back', '200ms', '--cache-dir', cache]);
    const patch = Buffer.from('PATCHED IN THE MIDDLE');
    const expected = Buffer.from(original);
    patch.copy(expected, 100_000);
    try {
      await withSsh2Sftp(login(srv.port), async (sftp) => {
        const handle = await open(sftp, '/big.bin', 'r+');
        await write(sftp, handle, patch, 100_000);
        await close(sftp, handle);
        // The client sees its change at once, from the cache.
        expect((await readAll(sftp, '/big.bin')).equals(expected)).toBe(true);
      });
      const uploaded = await waitFor(async () => (await readFile(path.join(dir, 'big.bin'))).equals(expected), 10_000);
      expect(uploaded, 'the patched file reached the remote').toBe(true);
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
  });

  it('--vfs-write-back 2s: an upload reaches the remote only after the delay', async () => {
    const dir = await remoteFolder({});
    const cache = await tempDir('cache');
    const srv = await startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--vfs-cache-mode', 'writes', '--vfs-write-back', '2s', '--cache-dir', cache]);
    const onRemote = async () => (await readFile(path.join(dir, 'later.txt'), 'utf8').catch(() => '')) === 'written back later';
    try {
      let closedAt = 0;
      await withSsh2Sftp(login(srv.port), async (sftp) => {
        const handle = await open(sftp, '/later.txt', 'w');
        await write(sftp, handle, Buffer.from('written back later'), 0);
        await close(sftp, handle);
        // The client was told the upload succeeded: the delay runs from here.
        closedAt = Date.now();
      });
      expect(await onRemote(), 'not on the remote right after close').toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await onRemote(), 'not on the remote 1 s after close').toBe(false);
      expect(await waitFor(onRemote, 10_000), 'on the remote after the delay').toBe(true);
      expect(Date.now() - closedAt).toBeGreaterThanOrEqual(1_900);
    } finally {
      await srv.stop();
    }
  });

  it('--vfs-case-insensitive: `get FILE.TXT` returns file.txt; with =false it is not found', async () => {
    const dir = await remoteFolder({ 'file.txt': 'lower case name' });
    const [on, off] = await Promise.all([
      startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--vfs-case-insensitive']),
      startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--vfs-case-insensitive=false']),
    ]);
    try {
      const local = await tempDir('local');
      const got = await runSftp(on.port, { user: USER, password: PASS }, ['get FILE.TXT'], { cwd: local });
      expect(got.code, got.stderr).toBe(0);
      expect(await readFile(path.join(local, 'FILE.TXT'), 'utf8')).toBe('lower case name');
      const missing = await runSftp(off.port, { user: USER, password: PASS }, ['get FILE.TXT copy.txt'], { cwd: local });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/not found|No such file/i);
    } finally {
      await Promise.all([on.stop(), off.stop()]);
    }
  });
});
