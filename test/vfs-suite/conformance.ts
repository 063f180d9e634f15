// The VFS conformance suite: what every backend under every cache mode must do, through the public
// Vfs API only. `runVfsConformance` registers one describe block per cache mode; each test gets a
// fresh Vfs from the factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheMode } from '../../src-shared/cache-mode.js';
import { writeBuffers } from '../../src-main/vfs/index.js';
import type { Vfs } from '../../src-main/vfs/index.js';
import type { MakeVfs, VfsUnderTest } from './fixtures.js';
import {
  APPEND,
  CREATE_EXCL,
  CREATE_TRUNC,
  flagsOf,
  listAll,
  listNames,
  RDWR,
  READ,
  readFile,
  WRITE,
  writeFile,
} from './fixtures.js';

export type { MakeVfs, VfsUnderTest } from './fixtures.js';

function pattern(length: number, seed = 1): Buffer {
  const buf = Buffer.alloc(length);
  for (let i = 0; i < length; i++) buf[i] = (i * 31 + seed * 7) & 0xff;
  return buf;
}

/**
 * What open handles can do under this mode. A remote without random access in off and minimal
 * mode streams (read handle, write handle): no random writes, no changes to existing data, and no
 * read-write opens in off. Those cases are pinned by the open-flags truth tables instead.
 */
function handleLimits(vfs: Vfs, cacheMode: CacheMode): { randomWrites: boolean; readWrite: boolean } {
  const streaming = !vfs.backend.features.randomAccess && (cacheMode === 'off' || cacheMode === 'minimal');
  return { randomWrites: !streaming, readWrite: !streaming || cacheMode === 'minimal' };
}

export function runVfsConformance(label: string, makeVfs: MakeVfs, cacheModes: readonly CacheMode[] = ['off']): void {
  for (const cacheMode of cacheModes) {
    describe(`${label} [cache ${cacheMode}]`, () => {
      let under: VfsUnderTest;
      let vfs: Vfs;
      beforeEach(async () => {
        under = await makeVfs({ cacheMode });
        vfs = under.vfs;
      });
      afterEach(async () => {
        await vfs.shutdown();
        await under.cleanup();
      });

      describe('open, read and write', () => {
        it('writes a new file and reads it back', async () => {
          const data = pattern(100_000);
          await writeFile(vfs, '/a.bin', data);
          expect((await readFile(vfs, '/a.bin')).equals(data)).toBe(true);
          const st = await vfs.stat('/a.bin');
          expect(st).toMatchObject({ name: 'a.bin', type: 'file', size: data.length });
        });

        it('reads at any position; an empty buffer means end of file', async () => {
          await writeFile(vfs, '/f', 'hello world');
          const h = await vfs.openFile('/f', READ);
          expect((await h.read(6, 5)).toString()).toBe('world');
          expect((await h.read(0, 5)).toString()).toBe('hello');
          expect((await h.read(8, 100)).toString()).toBe('rld');
          expect((await h.read(11, 10)).length).toBe(0);
          expect((await h.read(1000, 10)).length).toBe(0);
          await h.close();
        });

        it('writes at positions, leaving zeros in a gap', async (ctx) => {
          if (!handleLimits(vfs, cacheMode).randomWrites) return ctx.skip();
          const h = await vfs.openFile('/gap', CREATE_TRUNC);
          await h.write(10, Buffer.from('xyz'));
          await h.write(0, Buffer.from('ab'));
          await h.close();
          const got = await readFile(vfs, '/gap');
          expect(got).toEqual(Buffer.concat([Buffer.from('ab'), Buffer.alloc(8), Buffer.from('xyz')]));
        });

        it('pipelined writes at distinct offsets all land', async () => {
          const chunk = 4096;
          const data = pattern(chunk * 32, 3);
          const h = await vfs.openFile('/pipelined', CREATE_TRUNC);
          const order = [...Array(32).keys()].reverse();
          await Promise.all(order.map((i) => h.write(i * chunk, data.subarray(i * chunk, (i + 1) * chunk))));
          await h.close();
          expect((await readFile(vfs, '/pipelined')).equals(data)).toBe(true);
        });

        it('a written buffer is the caller\'s again once the write settles (uploads reuse theirs)', async () => {
          const chunk = 64 * 1024;
          const data = pattern(chunk * 12, 5);
          const h = await vfs.openFile('/reused', CREATE_TRUNC);
          const one = Buffer.alloc(chunk);
          const two = [Buffer.alloc(chunk), Buffer.alloc(chunk)];
          for (let i = 0; i < 12; i += 3) {
            data.copy(one, 0, i * chunk, (i + 1) * chunk);
            await h.write(i * chunk, one);
            one.fill(0xee);
            two.forEach((b, k) => data.copy(b, 0, (i + 1 + k) * chunk, (i + 2 + k) * chunk));
            await writeBuffers(h, (i + 1) * chunk, two);
            two.forEach((b) => b.fill(0xdd));
          }
          await h.close();
          expect((await readFile(vfs, '/reused')).equals(data)).toBe(true);
        });

        it('a read-write handle sees its own writes', async (ctx) => {
          if (!handleLimits(vfs, cacheMode).readWrite) return ctx.skip();
          const h = await vfs.openFile('/rw', flagsOf({ read: true, write: true, create: true }));
          await h.write(0, Buffer.from('0123456789'));
          await h.write(3, Buffer.from('abc'));
          expect((await h.read(0, 100)).toString()).toBe('012abc6789');
          expect((await h.stat()).size).toBe(10);
          await h.close();
        });

        it('a write open without truncate keeps existing data', async (ctx) => {
          if (!handleLimits(vfs, cacheMode).randomWrites) return ctx.skip();
          await writeFile(vfs, '/keep', '0123456789');
          const h = await vfs.openFile('/keep', WRITE);
          await h.write(2, Buffer.from('AB'));
          await h.close();
          expect((await readFile(vfs, '/keep')).toString()).toBe('01AB456789');
        });

        it('truncate on open empties the file', async () => {
          await writeFile(vfs, '/t', '0123456789');
          const h = await vfs.openFile('/t', flagsOf({ write: true, truncate: true }));
          expect((await h.stat()).size).toBe(0);
          await h.close();
          expect((await vfs.stat('/t')).size).toBe(0);
        });

        it('exclusive create fails on an existing file and works on a new one', async () => {
          await writeFile(vfs, '/x', 'data');
          await expect(vfs.openFile('/x', CREATE_EXCL)).rejects.toMatchObject({ code: 'EEXIST' });
          expect((await readFile(vfs, '/x')).toString()).toBe('data');
          const h = await vfs.openFile('/new', CREATE_EXCL);
          await h.close();
          expect((await vfs.stat('/new')).size).toBe(0);
        });

        it('appends go to the end whatever position is named, pipelined ones too', async (ctx) => {
          if (!handleLimits(vfs, cacheMode).randomWrites) return ctx.skip();
          await writeFile(vfs, '/log', 'start;');
          const h = await vfs.openFile('/log', APPEND);
          // Pipelined from the very first write: each lands after the one sent before it.
          await Promise.all(['a;', 'b;', 'c;'].map((s) => h.write(0, Buffer.from(s))));
          await h.write(0, Buffer.from('one;'));
          await h.close();
          expect((await readFile(vfs, '/log')).toString()).toBe('start;a;b;c;one;');
        });

        it('open without create of a missing file is ENOENT; a directory is EISDIR', async () => {
          await expect(vfs.openFile('/missing', READ)).rejects.toMatchObject({ code: 'ENOENT' });
          await expect(vfs.openFile('/nodir/f', CREATE_TRUNC)).rejects.toMatchObject({ code: 'ENOENT' });
          await vfs.mkdir('/d');
          await expect(vfs.openFile('/d', CREATE_TRUNC)).rejects.toMatchObject({ code: 'EISDIR' });
          await expect(vfs.openFile('/d', RDWR)).rejects.toMatchObject({ code: 'EISDIR' });
        });

        it('a handle refuses what its open mode does not allow (EBADF)', async () => {
          await writeFile(vfs, '/m', 'abc');
          const r = await vfs.openFile('/m', READ);
          await expect(r.write(0, Buffer.from('x'))).rejects.toMatchObject({ code: 'EBADF' });
          await expect(vfs.setHandleAttrs(r, { size: 0 })).rejects.toMatchObject({ code: 'EBADF' });
          await r.close();
          const w = await vfs.openFile('/m', WRITE);
          await expect(w.read(0, 3)).rejects.toMatchObject({ code: 'EBADF' });
          await w.close();
          expect((await readFile(vfs, '/m')).toString()).toBe('abc');
        });

        it('a closed handle answers ECLOSED', async () => {
          await writeFile(vfs, '/c', 'abc');
          const h = await vfs.openFile('/c', READ);
          await h.close();
          await expect(h.read(0, 1)).rejects.toMatchObject({ code: 'ECLOSED' });
          await expect(h.close()).rejects.toMatchObject({ code: 'ECLOSED' });
        });
      });

      describe('truncate and attributes', () => {
        it('setting the size through a handle shrinks, and grows with zeros', async (ctx) => {
          if (!handleLimits(vfs, cacheMode).readWrite) return ctx.skip();
          await writeFile(vfs, '/s', '0123456789');
          const h = await vfs.openFile('/s', RDWR);
          await vfs.setHandleAttrs(h, { size: 4 });
          expect((await h.stat()).size).toBe(4);
          await vfs.setHandleAttrs(h, { size: 6 });
          expect(await h.read(0, 100)).toEqual(Buffer.from([0x30, 0x31, 0x32, 0x33, 0, 0]));
          await h.close();
        });

        it('setting the size by path truncates', async () => {
          await writeFile(vfs, '/p', '0123456789');
          await vfs.setAttrs('/p', { size: 3 });
          expect((await readFile(vfs, '/p')).toString()).toBe('012');
          await expect(vfs.setAttrs('/p', { size: -1 })).rejects.toMatchObject({ code: 'EINVAL' });
          await expect(vfs.setAttrs('/nope', { size: 0 })).rejects.toMatchObject({ code: 'ENOENT' });
        });

        it('sets modification time at the backend\'s precision (ms where it can), and permissions', async () => {
          await writeFile(vfs, '/time', 'x');
          const mtimeMs = Date.UTC(2020, 1, 2, 3, 4, 5, 678);
          await vfs.setAttrs('/time', { mtimeMs, atimeMs: mtimeMs });
          // Backends store times at their own precision (SFTP v3: whole seconds), as rclone's Precision.
          const precision = vfs.backend.features.modTimePrecisionMs ?? 1;
          expect((await vfs.stat('/time')).mtimeMs).toBe(Math.floor(mtimeMs / precision) * precision);
          await vfs.setAttrs('/time', { mode: 0o640 });
          expect((await vfs.stat('/time')).mode).toBe(0o640);
        });
      });

      describe('rename', () => {
        it('moves a file to a new name', async () => {
          await writeFile(vfs, '/a', 'A');
          await vfs.rename('/a', '/b', false);
          await expect(vfs.stat('/a')).rejects.toMatchObject({ code: 'ENOENT' });
          expect((await readFile(vfs, '/b')).toString()).toBe('A');
        });

        it('refuses to clobber without overwrite and replaces with it', async () => {
          await writeFile(vfs, '/a', 'A');
          await writeFile(vfs, '/b', 'B');
          await expect(vfs.rename('/a', '/b', false)).rejects.toMatchObject({ code: 'EEXIST' });
          expect((await readFile(vfs, '/a')).toString()).toBe('A');
          expect((await readFile(vfs, '/b')).toString()).toBe('B');
          await vfs.rename('/a', '/b', true);
          await expect(vfs.stat('/a')).rejects.toMatchObject({ code: 'ENOENT' });
          expect((await readFile(vfs, '/b')).toString()).toBe('A');
        });

        it('moves a directory with its contents, but never into itself', async () => {
          await vfs.mkdir('/d');
          await vfs.mkdir('/d/sub');
          await writeFile(vfs, '/d/sub/f', 'F');
          await expect(vfs.rename('/d', '/d/sub/inner', false)).rejects.toMatchObject({ code: 'EINVAL' });
          await vfs.rename('/d', '/e', false);
          expect((await readFile(vfs, '/e/sub/f')).toString()).toBe('F');
          await vfs.mkdir('/other');
          await expect(vfs.rename('/e', '/other', false)).rejects.toMatchObject({ code: 'EEXIST' });
        });

        it('a missing source is ENOENT, a missing target folder is ENOENT', async () => {
          await expect(vfs.rename('/none', '/x', false)).rejects.toMatchObject({ code: 'ENOENT' });
          await writeFile(vfs, '/a', 'A');
          await expect(vfs.rename('/a', '/no/such', true)).rejects.toMatchObject({ code: 'ENOENT' });
          expect((await readFile(vfs, '/a')).toString()).toBe('A');
        });
      });

      describe('remove, mkdir and rmdir', () => {
        it('removes files; a directory or a missing name is refused', async () => {
          await writeFile(vfs, '/f', 'x');
          await vfs.remove('/f');
          await expect(vfs.stat('/f')).rejects.toMatchObject({ code: 'ENOENT' });
          await expect(vfs.remove('/f')).rejects.toMatchObject({ code: 'ENOENT' });
          await vfs.mkdir('/d');
          await expect(vfs.remove('/d')).rejects.toMatchObject({ code: 'EISDIR' });
        });

        it('mkdir creates a directory; EEXIST, ENOENT and ENOTDIR where due', async () => {
          await vfs.mkdir('/d');
          expect(await vfs.stat('/d')).toMatchObject({ name: 'd', type: 'dir' });
          await expect(vfs.mkdir('/d')).rejects.toMatchObject({ code: 'EEXIST' });
          await expect(vfs.mkdir('/a/b')).rejects.toMatchObject({ code: 'ENOENT' });
          await writeFile(vfs, '/file', 'x');
          await expect(vfs.mkdir('/file/sub')).rejects.toMatchObject({ code: 'ENOTDIR' });
        });

        it('rmdir removes only empty directories', async () => {
          await vfs.mkdir('/d');
          await writeFile(vfs, '/d/f', 'x');
          await expect(vfs.rmdir('/d')).rejects.toMatchObject({ code: 'ENOTEMPTY' });
          await expect(vfs.rmdir('/d/f')).rejects.toMatchObject({ code: 'ENOTDIR' });
          await vfs.remove('/d/f');
          await vfs.rmdir('/d');
          await expect(vfs.stat('/d')).rejects.toMatchObject({ code: 'ENOENT' });
          await expect(vfs.rmdir('/')).rejects.toMatchObject({ code: 'EPERM' });
        });
      });

      describe('readdir and stat', () => {
        it('lists entries with types and sizes, without . and ..', async () => {
          await vfs.mkdir('/d');
          await writeFile(vfs, '/d/one', '1');
          await writeFile(vfs, '/d/three', '333');
          await vfs.mkdir('/d/sub');
          const entries = await listAll(vfs, '/d');
          const byName = new Map(entries.map((e) => [e.name, e]));
          expect([...byName.keys()].sort()).toEqual(['one', 'sub', 'three']);
          expect(byName.get('one')).toMatchObject({ type: 'file', size: 1 });
          expect(byName.get('three')).toMatchObject({ type: 'file', size: 3 });
          expect(byName.get('sub')).toMatchObject({ type: 'dir' });
          expect(await listNames(vfs, '/d/sub')).toEqual([]);
        });

        it('readdir of a file is ENOTDIR and of a missing path ENOENT', async () => {
          await writeFile(vfs, '/f', 'x');
          await expect(listAll(vfs, '/f')).rejects.toMatchObject({ code: 'ENOTDIR' });
          await expect(listAll(vfs, '/missing')).rejects.toMatchObject({ code: 'ENOENT' });
        });

        it('stat of the root is a directory named "/"', async () => {
          expect(await vfs.stat('/')).toMatchObject({ name: '/', type: 'dir' });
        });

        it('refuses paths that were not normalised at the edge', async () => {
          await expect(vfs.stat('/a\0b')).rejects.toMatchObject({ code: 'EINVAL' });
          await expect(vfs.stat('/a/../b')).rejects.toMatchObject({ code: 'EINVAL' });
          await expect(vfs.stat('relative')).rejects.toMatchObject({ code: 'EINVAL' });
        });
      });
    });
  }
}
