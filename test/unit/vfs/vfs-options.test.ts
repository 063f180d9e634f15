// The share-wide rules the Vfs applies on top of any backend: read-only refuses every mutation with
// EROFS (reads still work), displayed permissions, attribute checks, and checksum switches.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, MemoryBackend, Vfs } from '../../../src-main/vfs/index.js';
import { APPEND, CREATE_TRUNC, flagsOf, makeTempDir, RDWR, READ, readFile, removeTempDir, WRITE } from '../../vfs-suite/fixtures.js';
import { expectVfsError } from './confinement-layout.js';

describe('read-only share', () => {
  let dir: string;
  let vfs: Vfs;
  beforeAll(async () => {
    dir = await makeTempDir('ro');
    await writeFile(path.join(dir, 'f'), 'content');
    vfs = new Vfs(await createLocalBackend(dir), { ...DEFAULT_VFS_OPTIONS, readOnly: true });
  });
  afterAll(async () => {
    await vfs.shutdown();
    await removeTempDir(dir);
  });

  it('refuses every mutation with EROFS and leaves the disk alone', async () => {
    const h = await vfs.openFile('/f', READ);
    const mutations: Array<() => Promise<unknown>> = [
      () => vfs.openFile('/f', WRITE),
      () => vfs.openFile('/f', RDWR),
      () => vfs.openFile('/new', CREATE_TRUNC),
      () => vfs.openFile('/f', APPEND),
      () => vfs.openFile('/f', flagsOf({ read: true, truncate: true })),
      () => vfs.mkdir('/d'),
      () => vfs.rmdir('/d'),
      () => vfs.remove('/f'),
      () => vfs.rename('/f', '/g', true),
      () => vfs.setAttrs('/f', { size: 0 }),
      () => vfs.setHandleAttrs(h, { mtimeMs: 0 }),
      () => vfs.symlink('f', '/l'),
      () => vfs.link('/f', '/hard'),
      () => vfs.copy('/f', '/copy', true),
    ];
    for (const mutate of mutations) await expectVfsError(mutate(), 'EROFS');
    await h.close();
    expect((await readFile(vfs, '/f')).toString()).toBe('content');
    expect((await vfs.stat('/f')).size).toBe(7);
  });

  it('shows no write permission and a read-only file system', async () => {
    expect((await vfs.stat('/f')).mode & 0o222).toBe(0);
    expect((await vfs.statfs('/')).readOnly).toBe(true);
  });
});

describe('share-wide rules', () => {
  it('overridden permissions are shown for files and folders', async () => {
    const vfs = new Vfs(new MemoryBackend(), { ...DEFAULT_VFS_OPTIONS, overridePerms: true, filePerms: 0o640, dirPerms: 0o750, umask: 0 });
    const h = await vfs.openFile('/f', CREATE_TRUNC, 0o600);
    await h.close();
    await vfs.mkdir('/d', 0o700);
    expect((await vfs.stat('/f')).mode).toBe(0o640);
    expect((await vfs.stat('/d')).mode).toBe(0o750);
  });

  it('invalid attributes are EINVAL before any backend sees them', async () => {
    const vfs = new Vfs(new MemoryBackend(), DEFAULT_VFS_OPTIONS);
    const h = await vfs.openFile('/f', CREATE_TRUNC);
    for (const attrs of [{ size: -1 }, { size: 1.5 }, { mode: -1 }, { uid: -2 }, { gid: 2 ** 33 }, { mtimeMs: Number.NaN }]) {
      await expectVfsError(vfs.setAttrs('/f', attrs), 'EINVAL');
      await expectVfsError(vfs.setHandleAttrs(h, attrs), 'EINVAL');
    }
    await h.close();
  });

  it('noModTime drops time changes; noChecksum turns hashes off', async () => {
    const vfs = new Vfs(new MemoryBackend(), { ...DEFAULT_VFS_OPTIONS, noModTime: true, noChecksum: true });
    const h = await vfs.openFile('/f', CREATE_TRUNC);
    await h.close();
    const before = (await vfs.stat('/f')).mtimeMs;
    await vfs.setAttrs('/f', { mtimeMs: 1000 });
    expect((await vfs.stat('/f')).mtimeMs).toBe(before);
    await expectVfsError(vfs.hash('/f', 'md5'), 'ENOSYS');
  });

  it('a stopped Vfs answers ECLOSED', async () => {
    const vfs = new Vfs(new MemoryBackend(), DEFAULT_VFS_OPTIONS);
    await vfs.shutdown();
    await expectVfsError(vfs.stat('/'), 'ECLOSED');
    await expectVfsError(vfs.mkdir('/d'), 'ECLOSED');
  });
});
