// `wharf serve sftp` over an SFTP remote (a real OpenSSH sshd): the file cache in full mode stores
// only what was read (sparse files: 1 MiB read of a 50 MiB file takes about 1 MiB of disk), is
// evicted down to --vfs-cache-max-size, and the directory cache keeps serving a listing until
// --dir-cache-time passes or SIGHUP flushes it (files added on the remote's disk directly).
import { randomBytes } from 'node:crypto';
import { mkdtemp, open as openFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli-server.js';
import { connectSftp, diskUsage, LOGIN, remotePath, sshdForServes, startServe, waitFor } from './serve-kit.js';

const MIB = 1024 * 1024;
const sshd = sshdForServes();

const openHandle = (sftp: SFTPWrapper, file: string) =>
  new Promise<Buffer>((resolve, reject) => sftp.open(file, 'r', (err, h) => (err ? reject(err) : resolve(h))));
const readAt = (sftp: SFTPWrapper, handle: Buffer, length: number, position: number) =>
  new Promise<Buffer>((resolve, reject) =>
    sftp.read(handle, Buffer.alloc(length), 0, length, position, (err, n, buf) => (err ? reject(err) : resolve(buf.subarray(0, n)))),
  );
const closeHandle = (sftp: SFTPWrapper, handle: Buffer) =>
  new Promise<void>((resolve, reject) => sftp.close(handle, (err) => (err ? reject(err) : resolve())));
const readAll = (sftp: SFTPWrapper, file: string) =>
  new Promise<Buffer>((resolve, reject) => sftp.readFile(file, (err, data) => (err ? reject(err) : resolve(data))));
const names = (sftp: SFTPWrapper, dir: string) =>
  new Promise<string[]>((resolve, reject) => sftp.readdir(dir, (err, list) => (err ? reject(err) : resolve(list.map((e) => e.filename).sort()))));

describe.concurrent('the caches of a share on an SFTP remote', () => {
  it('full mode caches sparsely: reading 1 MiB of a 50 MiB file stores about 1 MiB', async () => {
    const dir = await mkdtemp(path.join(sshd().dataDir, 'sparse-'));
    const slice = randomBytes(MIB);
    // 50 MiB with real data in the middle; the rest reads as zeros.
    const file = await openFile(path.join(dir, 'big.bin'), 'w');
    await file.truncate(50 * MIB);
    await file.write(slice, 0, MIB, 20 * MIB);
    await file.close();
    const cache = await tempDir('sparse-cache');
    // --buffer-size 0: no read-ahead beyond what is asked, so the count is exact.
    const srv = await startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--vfs-cache-mode', 'full', '--cache-dir', cache, '--buffer-size', '0']);
    try {
      const conn = await connectSftp(srv.port);
      try {
        const handle = await openHandle(conn.sftp, '/big.bin');
        const parts: Buffer[] = [];
        for (let at = 0; at < MIB; at += 64 * 1024) parts.push(await readAt(conn.sftp, handle, 64 * 1024, 20 * MIB + at));
        await closeHandle(conn.sftp, handle);
        expect(Buffer.concat(parts).equals(slice)).toBe(true);
      } finally {
        conn.end();
      }
      const used = await diskUsage(cache);
      expect(used).toBeGreaterThanOrEqual(MIB);
      expect(used).toBeLessThan(2 * MIB);
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
  });

  it('evicts least recently used files down to --vfs-cache-max-size', async () => {
    const dir = await mkdtemp(path.join(sshd().dataDir, 'evict-'));
    const files = new Map<string, Buffer>();
    for (let i = 0; i < 5; i++) files.set(`f${i}.bin`, randomBytes(400 * 1024));
    for (const [name, data] of files) await writeFile(path.join(dir, name), data);
    const cache = await tempDir('evict-cache');
    const srv = await startServe('sftp', remotePath(sshd(), dir), [
      ...LOGIN, '--vfs-cache-mode', 'full', '--cache-dir', cache, '--buffer-size', '0',
      '--vfs-cache-max-size', '1M', '--vfs-cache-poll-interval', '300ms',
    ]);
    try {
      const conn = await connectSftp(srv.port);
      try {
        for (const [name, data] of files) expect((await readAll(conn.sftp, `/${name}`)).equals(data)).toBe(true);
        // 2000 KiB were read; the cleaner brings the cache under 1 MiB (whole files go, LRU first).
        expect(await waitFor(async () => (await diskUsage(cache)) <= MIB, 5_000), `cache uses ${await diskUsage(cache)} bytes`).toBe(true);
        expect(await diskUsage(cache)).toBeGreaterThan(0);
        // An evicted file is simply fetched again.
        expect((await readAll(conn.sftp, '/f0.bin')).equals(files.get('f0.bin') ?? Buffer.alloc(0))).toBe(true);
      } finally {
        conn.end();
      }
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
  });

  it('holds a listing (--dir-cache-time 1h) until SIGHUP flushes it', async () => {
    const dir = await mkdtemp(path.join(sshd().dataDir, 'sighup-'));
    await writeFile(path.join(dir, 'a.txt'), 'a');
    const srv = await startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--dir-cache-time', '1h']);
    try {
      const conn = await connectSftp(srv.port);
      try {
        expect(await names(conn.sftp, '/')).toEqual(['a.txt']);
        await writeFile(path.join(dir, 'b.txt'), 'b');
        expect(await names(conn.sftp, '/'), 'cached listing').toEqual(['a.txt']);
        srv.signal('SIGHUP');
        expect(await waitFor(async () => (await names(conn.sftp, '/')).includes('b.txt'), 5_000), 'listed after SIGHUP').toBe(true);
      } finally {
        conn.end();
      }
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
  });

  it('holds a listing until --dir-cache-time (3s) passes', async () => {
    const dir = await mkdtemp(path.join(sshd().dataDir, 'expiry-'));
    await writeFile(path.join(dir, 'a.txt'), 'a');
    const srv = await startServe('sftp', remotePath(sshd(), dir), [...LOGIN, '--dir-cache-time', '3s']);
    try {
      const conn = await connectSftp(srv.port);
      try {
        const listedAt = Date.now();
        expect(await names(conn.sftp, '/')).toEqual(['a.txt']);
        await writeFile(path.join(dir, 'c.txt'), 'c');
        expect(await names(conn.sftp, '/'), 'cached listing').toEqual(['a.txt']);
        expect(await waitFor(async () => (await names(conn.sftp, '/')).includes('c.txt'), 10_000), 'listed once expired').toBe(true);
        expect(Date.now() - listedAt).toBeGreaterThanOrEqual(3_000);
      } finally {
        conn.end();
      }
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
  });
});
