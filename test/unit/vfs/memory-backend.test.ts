// The memory backend's own behaviour: the no-random-access mode that stands in for object stores,
// capacity and ENOSPC, statfs accounting, link resolution, and copies that never alias.
import { describe, expect, it } from 'vitest';
import { DEFAULT_VFS_OPTIONS, MemoryBackend, Vfs } from '../../../src-main/vfs/index.js';
import { CREATE_TRUNC, flagsOf, RDWR, READ, WRITE } from '../../vfs-suite/fixtures.js';
import { expectVfsError } from './confinement-layout.js';

async function put(backend: MemoryBackend, path: string, data: Buffer | string): Promise<void> {
  const f = await backend.open(path, CREATE_TRUNC, 0o644);
  await f.write(0, Buffer.from(data));
  await f.close();
}

describe('without random access', () => {
  it('says so, and the uncached Vfs streams to it but refuses read-write opens', async () => {
    const backend = new MemoryBackend({ randomAccess: false });
    expect(backend.features.randomAccess).toBe(false);
    const vfs = new Vfs(backend, DEFAULT_VFS_OPTIONS);
    const w = await vfs.openFile('/f', CREATE_TRUNC);
    await w.write(0, Buffer.from('abc'));
    await w.close();
    await expectVfsError(vfs.openFile('/f', RDWR), 'ENOSYS');
  });

  it('writes only sequentially from the start, never in place, never read-write', async () => {
    const backend = new MemoryBackend({ randomAccess: false });
    const w = await backend.open('/f', CREATE_TRUNC, 0o644);
    await w.write(0, Buffer.from('abc'));
    await w.write(3, Buffer.from('def'));
    await expectVfsError(w.write(0, Buffer.from('x')), 'ENOSYS');
    await expectVfsError(w.write(10, Buffer.from('x')), 'ENOSYS');
    await expectVfsError(w.truncate(2), 'ENOSYS');
    await w.close();
    await expectVfsError(backend.open('/f', RDWR, 0), 'ENOSYS');
    await expectVfsError(backend.open('/f', WRITE, 0), 'ENOSYS');
    const r = await backend.open('/f', READ, 0);
    expect((await r.read(2, 3)).toString()).toBe('cde');
    await r.close();
  });
});

describe('capacity and statfs', () => {
  it('fails writes past the capacity with ENOSPC and keeps what fit', async () => {
    const backend = new MemoryBackend({ capacity: 64 * 1024 });
    const f = await backend.open('/big', CREATE_TRUNC, 0o644);
    await f.write(0, Buffer.alloc(60 * 1024, 1));
    await expectVfsError(f.write(60 * 1024, Buffer.alloc(8 * 1024, 2)), 'ENOSPC');
    await expectVfsError(f.truncate(1024 * 1024), 'ENOSPC');
    expect((await f.stat()).size).toBe(60 * 1024);
    await f.close();
  });

  it('statfs free space follows writes and removals', async () => {
    const backend = new MemoryBackend({ capacity: 1024 * 1024 });
    const empty = await backend.statfs('/');
    expect(empty.blocks).toBe(256);
    expect(empty.blocksFree).toBe(256);
    await put(backend, '/a', Buffer.alloc(40_000));
    await backend.mkdir('/d', 0o755);
    const used = await backend.statfs('/');
    expect(used.blocksFree).toBe(256 - Math.ceil(40_000 / 4096));
    expect(used.filesFree).toBe(empty.filesFree - 2);
    await backend.remove('/a');
    await backend.rmdir('/d');
    expect(await backend.statfs('/')).toEqual(empty);
  });
});

describe('files and links', () => {
  it('an open file outlives its removal, and its bytes then count no more', async () => {
    const backend = new MemoryBackend({ capacity: 1024 * 1024 });
    await put(backend, '/f', 'still here');
    const h = await backend.open('/f', RDWR, 0);
    await backend.remove('/f');
    expect((await h.read(0, 100)).toString()).toBe('still here');
    await h.write(0, Buffer.alloc(1000));
    await h.close();
    expect((await backend.statfs('/')).blocksFree).toBe(256);
  });

  it('reads hand out copies that later writes do not change', async () => {
    const backend = new MemoryBackend();
    await put(backend, '/f', 'aaaa');
    const h = await backend.open('/f', RDWR, 0);
    const first = await h.read(0, 4);
    await h.write(0, Buffer.from('bbbb'));
    expect(first.toString()).toBe('aaaa');
    await h.close();
  });

  it('resolves absolute and relative links, refuses loops and climbs', async () => {
    const backend = new MemoryBackend();
    await backend.mkdir('/a', 0o755);
    await backend.mkdir('/a/b', 0o755);
    await put(backend, '/a/b/f', 'F');
    await backend.symlink('/a/b', '/abs');
    await backend.symlink('../a/b/f', '/a/rel');
    await backend.symlink('loop2', '/loop1');
    await backend.symlink('loop1', '/loop2');
    await backend.symlink('/a/b/new', '/dangling');
    expect((await backend.stat('/abs/f')).size).toBe(1);
    expect((await backend.stat('/a/rel')).type).toBe('file');
    expect(await backend.readlink('/abs')).toBe('/a/b');
    await expectVfsError(backend.stat('/loop1'), 'EINVAL');
    await expectVfsError(backend.symlink('../../x', '/a/escape'), 'EPERM');
    // Create through a dangling link lands at its target; exclusive create treats the name as taken.
    await expectVfsError(backend.open('/dangling', flagsOf({ write: true, create: true, exclusive: true }), 0o644), 'EEXIST');
    await put(backend, '/dangling', 'via link');
    expect((await backend.stat('/a/b/new')).size).toBe(8);
  });

  it('refuses paths that were not normalised', async () => {
    const backend = new MemoryBackend();
    await expectVfsError(backend.stat('/a/../b'), 'EINVAL');
    await expectVfsError(backend.mkdir('/a\\b', 0o755), 'EINVAL');
    await expectVfsError(backend.open('/x\0', CREATE_TRUNC, 0o644), 'EINVAL');
  });
});
