// The SFTP backend against a real OpenSSH sshd: what the conformance suite does not cover —
// precise errors behind SFTP v3's vague statuses, link confinement, hard links, copy, statfs,
// streamed listings, big pipelined transfers and the root staying the root.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSftpBackend } from '../../../src-main/vfs/index.js';
import type { Backend, SftpBackend, VfsEntry } from '../../../src-main/vfs/index.js';
import { startSshd } from '../../helpers/sshd.js';
import type { Sshd } from '../../helpers/sshd.js';
import { CREATE_TRUNC, READ } from '../../vfs-suite/fixtures.js';

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd.dispose();
});

let root: string;
let backend: SftpBackend;
beforeEach(async () => {
  root = await mkdtemp(path.join(sshd.dataDir, 'root-'));
  backend = await createSftpBackend({ host: sshd.host, port: sshd.port, user: sshd.user, keyFile: sshd.keyFile, root });
});
afterEach(async () => {
  await backend.close();
});

async function put(b: Backend, p: string, data: Buffer | string): Promise<void> {
  const f = await b.open(p, CREATE_TRUNC, 0o644);
  await f.write(0, Buffer.from(data));
  await f.close();
}

describe('errors the SFTP v3 statuses do not say', () => {
  it('a path under a file is ENOTDIR (OpenSSH answers "no such file")', async () => {
    await writeFile(path.join(root, 'file'), 'x');
    await expect(backend.stat('/file/x')).rejects.toMatchObject({ code: 'ENOTDIR', unreachable: false });
    await expect(backend.mkdir('/file/sub', 0o755)).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(backend.stat('/nothing/x')).rejects.toMatchObject({ code: 'ENOENT', unreachable: false });
  });

  it('rmdir of a file is ENOTDIR, unlink of a folder EISDIR, mkdir of an existing name EEXIST', async () => {
    await writeFile(path.join(root, 'file'), 'x');
    await mkdir(path.join(root, 'dir'));
    await expect(backend.rmdir('/file')).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(backend.remove('/dir')).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(backend.mkdir('/file', 0o755)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('a read-only open of a folder is EISDIR, as on a local disk', async () => {
    await mkdir(path.join(root, 'dir'));
    await expect(backend.open('/dir', READ, 0)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('rename with overwrite: folder onto file ENOTDIR, file onto folder EISDIR, onto a full folder ENOTEMPTY', async () => {
    await mkdir(path.join(root, 'd1'));
    await mkdir(path.join(root, 'd2'));
    await writeFile(path.join(root, 'd2', 'f'), 'x');
    await writeFile(path.join(root, 'file'), 'x');
    await expect(backend.rename('/d1', '/file', true)).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(backend.rename('/file', '/d1', true)).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(backend.rename('/d1', '/d2', true)).rejects.toMatchObject({ code: 'ENOTEMPTY' });
  });

  it('no checksums here: ENOSYS', async () => {
    await writeFile(path.join(root, 'file'), 'x');
    await expect(backend.hash('/file', 'md5')).rejects.toMatchObject({ code: 'ENOSYS' });
  });
});

describe('the root is the root', () => {
  it('paths that were not normalised never reach the server', async () => {
    await expect(backend.stat('/../..')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(backend.stat('relative')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(backend.open('/a/../../etc/passwd', READ, 0)).rejects.toMatchObject({ code: 'EINVAL' });
  });

  it('"/" is the remote root folder, named "/"', async () => {
    await writeFile(path.join(root, 'inside'), 'x');
    expect(await backend.stat('/')).toMatchObject({ name: '/', type: 'dir' });
    const names: string[] = [];
    for await (const batch of backend.list('/')) names.push(...batch.map((e) => e.name));
    expect(names).toEqual(['inside']);
  });

  it('resolves a root that is a link, and an empty root as the login folder', async () => {
    await mkdir(path.join(root, 'real'));
    await writeFile(path.join(root, 'real', 'f'), 'x');
    await symlink(path.join(root, 'real'), path.join(root, 'via-link'));
    const linked = await createSftpBackend({ host: sshd.host, port: sshd.port, user: sshd.user, keyFile: sshd.keyFile, root: path.join(root, 'via-link') });
    try {
      expect(await linked.lstat('/')).toMatchObject({ type: 'dir' });
      // A link inside, written with the root's real path, reads back as a share path.
      await symlink(path.join(root, 'real', 'f'), path.join(root, 'real', 'abs'));
      expect(await linked.readlink('/abs')).toBe('/f');
    } finally {
      await linked.close();
    }
    const home = await createSftpBackend({ host: sshd.host, port: sshd.port, user: sshd.user, keyFile: sshd.keyFile, root: '' });
    try {
      expect(await home.stat('/')).toMatchObject({ type: 'dir' });
    } finally {
      await home.close();
    }
  });

  it('links created through the share cannot point out of it; absolute targets read back as share paths', async () => {
    await mkdir(path.join(root, 'sub'));
    await writeFile(path.join(root, 'target'), 'T');
    await backend.symlink('/target', '/sub/link');
    // Stored relative on the remote: no remote path is written into the share.
    expect(await readlink(path.join(root, 'sub', 'link'))).toBe('../target');
    expect(await backend.readlink('/sub/link')).toBe('../target');
    await expect(backend.symlink('../../outside', '/sub/bad')).rejects.toMatchObject({ code: 'EPERM' });
    await backend.symlink('down/here', '/sub/rel');
    expect(await backend.readlink('/sub/rel')).toBe('down/here');
    await expect(backend.symlink('/target', '/sub/link')).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('readlink never shows a remote target outside the root', async () => {
    await symlink('/etc/passwd', path.join(root, 'abs-out'));
    await symlink(path.join(root, 'x'), path.join(root, 'abs-in'));
    await symlink('../../../..', path.join(root, 'rel-out'));
    await expect(backend.readlink('/abs-out')).rejects.toMatchObject({ code: 'EPERM' });
    expect(await backend.readlink('/abs-in')).toBe('/x');
    await expect(backend.readlink('/rel-out')).rejects.toMatchObject({ code: 'EPERM' });
    await writeFile(path.join(root, 'plain'), 'x');
    await expect(backend.readlink('/plain')).rejects.toMatchObject({ code: 'EINVAL' });
    expect(await backend.lstat('/abs-out')).toMatchObject({ type: 'symlink' });
  });
});

describe('links, copy and space', () => {
  it('hard links share data; a folder cannot be hard-linked; an existing name is EEXIST', async () => {
    await put(backend, '/a', 'data');
    await backend.link('/a', '/b');
    expect(await readFile(path.join(root, 'b'), 'utf8')).toBe('data');
    await backend.mkdir('/d', 0o755);
    await expect(backend.link('/d', '/d2')).rejects.toMatchObject({ code: 'EPERM' });
    await expect(backend.link('/a', '/b')).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(backend.link('/none', '/c')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('copies a file on the server, refusing to clobber unless asked', async () => {
    const data = randomBytes(600_000);
    await put(backend, '/src', data);
    await backend.copy('/src', '/dst', false);
    expect((await readFile(path.join(root, 'dst'))).equals(data)).toBe(true);
    await put(backend, '/other', 'short');
    await expect(backend.copy('/other', '/dst', false)).rejects.toMatchObject({ code: 'EEXIST' });
    await backend.copy('/other', '/dst', true);
    expect(await readFile(path.join(root, 'dst'), 'utf8')).toBe('short');
    await backend.mkdir('/dir', 0o755);
    await expect(backend.copy('/dir', '/x', false)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('reports the remote file system through statvfs@openssh.com', async () => {
    const fs = await backend.statfs('/');
    expect(fs.blockSize).toBeGreaterThan(0);
    expect(fs.blocks).toBeGreaterThan(0);
    expect(fs.blocksAvail).toBeLessThanOrEqual(fs.blocks);
    expect(fs.maxNameLength).toBeGreaterThanOrEqual(255);
    expect(fs.readOnly).toBe(false);
  });
});

describe('listings and transfers', () => {
  it('streams a 1,500-entry folder in server-sized batches, complete', async () => {
    await mkdir(path.join(root, 'big'));
    const names = Array.from({ length: 1500 }, (_, i) => `f-${String(i).padStart(4, '0')}`);
    await Promise.all(names.map((n) => writeFile(path.join(root, 'big', n), n)));
    const seen: VfsEntry[] = [];
    let batches = 0;
    for await (const batch of backend.list('/big')) {
      expect(batch.length).toBeLessThanOrEqual(100);
      batches++;
      seen.push(...batch);
    }
    expect(batches).toBeGreaterThanOrEqual(15);
    expect(seen.map((e) => e.name).sort()).toEqual(names);
    expect(seen.every((e) => e.type === 'file' && e.size === 6)).toBe(true);
  });

  it('writes and reads 5 MiB in pipelined chunks, and reads at any offset', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 123);
    const f = await backend.open('/big.bin', { read: true, write: true, create: true, truncate: true, append: false, exclusive: false }, 0o600);
    await f.write(0, data);
    expect((await f.stat()).size).toBe(data.length);
    const all = await f.read(0, data.length + 1000);
    expect(all.equals(data)).toBe(true);
    expect((await f.read(1_000_003, 300_000)).equals(data.subarray(1_000_003, 1_300_003))).toBe(true);
    expect((await f.read(data.length - 5, 100)).equals(data.subarray(data.length - 5))).toBe(true);
    expect((await f.read(data.length, 10)).length).toBe(0);
    await f.truncate(10);
    expect((await f.stat()).size).toBe(10);
    await f.sync();
    await f.close();
    expect((await readFile(path.join(root, 'big.bin'))).equals(data.subarray(0, 10))).toBe(true);
    await expect(f.read(0, 1)).rejects.toMatchObject({ code: 'ECLOSED' });
  });

  it('keeps one of the two times when only the other is set (SFTP sets them as a pair)', async () => {
    await put(backend, '/t', 'x');
    await backend.setAttrs('/t', { atimeMs: Date.UTC(2001, 0, 1), mtimeMs: Date.UTC(2002, 0, 1) }, true);
    await backend.setAttrs('/t', { mtimeMs: Date.UTC(2003, 0, 1) }, true);
    expect(await backend.stat('/t')).toMatchObject({ atimeMs: Date.UTC(2001, 0, 1), mtimeMs: Date.UTC(2003, 0, 1) });
    await expect(backend.setAttrs('/t', { mtimeMs: -5000 }, true)).rejects.toMatchObject({ code: 'EINVAL' });
  });
});
