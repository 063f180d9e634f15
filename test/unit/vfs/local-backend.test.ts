// What only the local backend can show: the bytes and modes on disk after each open mode, the open(2)
// flags it passes, statfs against the OS, descriptors closed at shutdown, and error messages that
// never carry a local path.
import { constants } from 'node:fs';
import { readFile, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFsFlags } from '../../../src-main/vfs/backend/local-open.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import type { Backend, VfsErrorCode } from '../../../src-main/vfs/index.js';
import {
  APPEND,
  CREATE_EXCL,
  CREATE_TRUNC,
  flagsOf,
  listAll,
  makeTempDir,
  RDWR,
  READ,
  removeTempDir,
  WRITE,
} from '../../vfs-suite/fixtures.js';
import { expectVfsError } from './confinement-layout.js';

let dir: string;
let backend: Backend;
let vfs: Vfs;

beforeEach(async () => {
  dir = await makeTempDir('local');
  backend = await createLocalBackend(dir);
  vfs = new Vfs(backend, { ...DEFAULT_VFS_OPTIONS, umask: 0o022 });
});

afterEach(async () => {
  await vfs.shutdown();
  await removeTempDir(dir);
});

const onDisk = (name: string) => readFile(path.join(dir, name), 'utf8');

describe('open flags', () => {
  it('maps to open(2) flags without O_APPEND, and never truncates a read-only open', () => {
    expect(toFsFlags(READ) & 3).toBe(constants.O_RDONLY);
    expect(toFsFlags(WRITE) & 3).toBe(constants.O_WRONLY);
    expect(toFsFlags(RDWR) & 3).toBe(constants.O_RDWR);
    expect(toFsFlags(APPEND) & constants.O_APPEND).toBe(0);
    expect(toFsFlags(CREATE_TRUNC) & constants.O_TRUNC).toBe(constants.O_TRUNC);
    expect(toFsFlags(CREATE_EXCL) & constants.O_EXCL).toBe(constants.O_EXCL);
    expect(toFsFlags(flagsOf({ read: true, truncate: true })) & constants.O_TRUNC).toBe(0);
    expect(toFsFlags(flagsOf({ write: true, exclusive: true })) & constants.O_EXCL).toBe(0);
  });

  it('a write open without truncate keeps the bytes on disk; truncate empties them', async () => {
    await writeFile(path.join(dir, 'f'), 'abcdefgh');
    const w = await vfs.openFile('/f', WRITE);
    await w.write(4, Buffer.from('XY'));
    await w.close();
    expect(await onDisk('f')).toBe('abcdXYgh');
    const r = await vfs.openFile('/f', flagsOf({ read: true, truncate: true }));
    await r.close();
    expect(await onDisk('f')).toBe('abcdXYgh');
    const t = await vfs.openFile('/f', flagsOf({ write: true, truncate: true }));
    await t.close();
    expect(await onDisk('f')).toBe('');
  });

  it('appends land at the end on disk, even with a position of 0', async () => {
    await writeFile(path.join(dir, 'log'), '12345');
    const h = await vfs.openFile('/log', APPEND);
    await h.write(0, Buffer.from('ab'));
    await h.write(2, Buffer.from('cd'));
    await h.close();
    expect(await onDisk('log')).toBe('12345abcd');
  });

  it('exclusive create refuses an existing file and leaves it intact', async () => {
    await writeFile(path.join(dir, 'x'), 'keep');
    await expectVfsError(vfs.openFile('/x', CREATE_EXCL), 'EEXIST');
    expect(await onDisk('x')).toBe('keep');
  });

  it('new files and folders get the requested mode minus the umask', async () => {
    const h = await vfs.openFile('/m', CREATE_TRUNC, 0o666);
    await h.close();
    await vfs.mkdir('/d', 0o777);
    expect((await stat(path.join(dir, 'm'))).mode & 0o777).toBe(0o644);
    expect((await stat(path.join(dir, 'd'))).mode & 0o777).toBe(0o755);
  });

  it('a handle left open is closed when the backend shuts down', async () => {
    await writeFile(path.join(dir, 'f'), 'x');
    const file = await backend.open('/f', READ, 0);
    await backend.close();
    await expectVfsError(file.read(0, 1), 'ECLOSED');
  });
});

describe('listing, statfs and attributes', () => {
  it('lists links as links and other entries by kind', async () => {
    await writeFile(path.join(dir, 'f'), 'x');
    await vfs.symlink('f', '/l');
    await vfs.mkdir('/d');
    const kinds = Object.fromEntries((await listAll(vfs, '/')).map((e) => [e.name, e.type]));
    expect(kinds).toEqual({ f: 'file', l: 'symlink', d: 'dir' });
  });

  it('statfs matches what the OS reports', async () => {
    const ours = await vfs.statfs('/');
    const os = await statfs(dir);
    expect(ours.blockSize).toBe(os.bsize);
    expect(ours.blocks).toBe(os.blocks);
    expect(ours.files).toBe(os.files);
    expect(ours.readOnly).toBe(false);
  });

  it('sets owner, mode and times on disk', async () => {
    await writeFile(path.join(dir, 'f'), 'x');
    const before = await stat(path.join(dir, 'f'));
    const mtimeMs = Date.UTC(2019, 5, 6, 7, 8, 9, 123);
    await vfs.setAttrs('/f', { mode: 0o600, uid: before.uid, gid: before.gid, mtimeMs });
    const after = await stat(path.join(dir, 'f'));
    expect(after.mode & 0o7777).toBe(0o600);
    expect(after.mtimeMs).toBe(mtimeMs);
    expect(after.atimeMs).toBe(before.atimeMs);
  });
});

describe('error messages', () => {
  it('never contain a local path', async () => {
    await writeFile(path.join(dir, 'f'), 'x');
    await vfs.mkdir('/d');
    await writeFile(path.join(dir, 'd', 'inner'), 'x');
    const failures: Array<[() => Promise<unknown>, VfsErrorCode]> = [
      [() => vfs.stat('/missing'), 'ENOENT'],
      [() => vfs.openFile('/missing', READ), 'ENOENT'],
      [() => vfs.mkdir('/d'), 'EEXIST'],
      [() => vfs.rmdir('/d'), 'ENOTEMPTY'],
      [() => vfs.rmdir('/f'), 'ENOTDIR'],
      [() => vfs.remove('/d'), 'EISDIR'],
      [() => vfs.openFile('/d', WRITE), 'EISDIR'],
      [() => listAll(vfs, '/f'), 'ENOTDIR'],
      [() => vfs.rename('/f', '/d', false), 'EEXIST'],
      [() => vfs.rename('/missing', '/x', true), 'ENOENT'],
      [() => vfs.readlink('/f'), 'EINVAL'],
      [() => vfs.setAttrs('/f', { size: -5 }), 'EINVAL'],
      [() => vfs.setAttrs('/f', { uid: 2 ** 40 }), 'EINVAL'],
      [() => backend.setAttrs('/f', { uid: 2 ** 40 }, true), 'EINVAL'],
      [() => vfs.copy('/d', '/e', false), 'EISDIR'],
      [() => vfs.hash('/d', 'sha1'), 'EISDIR'],
      [() => vfs.mkdir('/f/sub'), 'ENOTDIR'],
    ];
    for (const [promise, code] of failures) {
      const err = await expectVfsError(promise(), code);
      expect(err.message).not.toContain(dir);
      expect(err.stack ?? '').not.toContain(dir);
    }
  });
});
