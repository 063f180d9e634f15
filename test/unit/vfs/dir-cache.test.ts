// The directory cache: listings and stats served until --dir-cache-time passes (an injected
// clock) or until forget; changes made through the Vfs visible at once; fetches that raced with
// a change never stored. The backend is a real memory backend that counts what it is asked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirCache } from '../../../src-main/vfs/dir-cache.js';
import { PathTree } from '../../../src-main/vfs/dir-cache-tree.js';
import { DEFAULT_VFS_OPTIONS, MemoryBackend, Vfs } from '../../../src-main/vfs/index.js';
import type { VfsEntry, VfsOptions } from '../../../src-main/vfs/index.js';
import { CREATE_TRUNC, listNames, writeFile } from '../../vfs-suite/fixtures.js';

/** A memory backend that counts listings and stats (the calls the cache should save). */
class CountingBackend extends MemoryBackend {
  lists = 0;
  stats = 0;

  override async *list(path: string): AsyncIterable<readonly VfsEntry[]> {
    this.lists++;
    yield* super.list(path);
  }

  override async lstat(path: string): Promise<VfsEntry> {
    this.stats++;
    return super.lstat(path);
  }

  override async stat(path: string): Promise<VfsEntry> {
    this.stats++;
    return super.stat(path);
  }
}

/** Writes straight into the backend, behind the Vfs (another client of the same remote). */
async function putBehind(backend: MemoryBackend, path: string, data: string): Promise<void> {
  const f = await backend.open(path, CREATE_TRUNC, 0o644);
  await f.write(0, Buffer.from(data));
  await f.close();
}

const MINUTE = 60_000;

function entry(name: string, type: VfsEntry['type'] = 'file'): VfsEntry {
  return { name, type, size: 1, mode: 0o644, uid: 0, gid: 0, atimeMs: 0, mtimeMs: 0, nlink: 1 };
}

describe('DirCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('serves a listing until it expires, and answers lookups from it', () => {
    const cache = new DirCache({ ttlMs: 5 * MINUTE, now: clock });
    const flight = cache.begin('list', '/d');
    cache.storeListing('/d', [entry('a'), entry('b', 'dir')], flight);
    cache.end(flight);
    expect(cache.listing('/d')?.entries.map((e) => e.name)).toEqual(['a', 'b']);
    expect(cache.lookup('/d/a')).toEqual({ entry: entry('a') });
    expect(cache.lookup('/d/zzz')).toBe('absent');
    expect(cache.lookup('/other/a')).toBeUndefined();
    now += 5 * MINUTE - 1;
    expect(cache.listing('/d')).toBeDefined();
    now += 1;
    expect(cache.listing('/d')).toBeUndefined();
    expect(cache.lookup('/d/a')).toBeUndefined();
  });

  it('drops the parent listing and the stat on a change; a whole subtree on a tree change', () => {
    const cache = new DirCache({ ttlMs: MINUTE, now: clock });
    const f = cache.begin('list', '/');
    cache.storeListing('/', [entry('d', 'dir')], f);
    for (const dir of ['/d', '/d/sub', '/e']) cache.storeListing(dir, [entry('x')], cache.begin('list', dir));
    cache.storeStat('/d/sub/x', entry('x'), cache.begin('stat', '/d/sub/x'));
    cache.invalidate('/d/sub/y');
    expect(cache.listing('/d/sub')).toBeUndefined();
    expect(cache.listing('/d')).toBeDefined();
    cache.invalidateTree('/d');
    expect(cache.listing('/d')).toBeUndefined();
    expect(cache.listing('/')).toBeUndefined();
    expect(cache.lookup('/d/sub/x')).toBeUndefined();
    expect(cache.listing('/e')).toBeDefined();
    cache.clear();
    expect(cache.size).toEqual({ dirs: 0, stats: 0 });
  });

  it('never stores a fetch that a change overtook', () => {
    const cache = new DirCache({ ttlMs: MINUTE, now: clock });
    const list = cache.begin('list', '/d');
    const stat = cache.begin('stat', '/d/f');
    cache.invalidate('/d/f');
    cache.storeListing('/d', [entry('old')], list);
    cache.storeStat('/d/f', entry('f'), stat);
    expect(cache.listing('/d')).toBeUndefined();
    expect(cache.lookup('/d/f')).toBeUndefined();
    const treeFlight = cache.begin('list', '/a/b/c');
    cache.invalidateTree('/a');
    cache.storeListing('/a/b/c', [], treeFlight);
    expect(cache.listing('/a/b/c')).toBeUndefined();
  });

  it('keeps at most maxDirs listings, dropping the oldest', () => {
    const cache = new DirCache({ ttlMs: MINUTE, now: clock, maxDirs: 2 });
    for (const dir of ['/1', '/2', '/3']) cache.storeListing(dir, [], cache.begin('list', dir));
    expect(cache.listing('/1')).toBeUndefined();
    expect(cache.listing('/3')).toBeDefined();
    expect(cache.size.dirs).toBe(2);
  });

  it('drops a subtree at the cost of that subtree: 10,000 removals in a 100,000-entry cache', () => {
    const cache = new DirCache({ ttlMs: MINUTE, now: clock });
    for (let d = 0; d < 100; d++) {
      const dir = `/d${d}`;
      for (let f = 0; f < 1000; f++) {
        const flight = cache.begin('stat', `${dir}/f${f}`);
        cache.storeStat(`${dir}/f${f}`, entry(`f${f}`), flight);
        cache.end(flight);
      }
    }
    expect(cache.size.stats).toBe(100_000);
    const started = performance.now();
    for (let f = 0; f < 10_000; f++) cache.invalidateTree(`/d${f % 100}/f${Math.floor(f / 100)}`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(cache.size.stats).toBe(90_000);
    cache.invalidateTree('/d7');
    expect(cache.size.stats).toBe(89_100);
    expect(cache.lookup('/d8/f500')).toBeDefined();
  });

  it('stores nothing with a time of 0', () => {
    const cache = new DirCache({ ttlMs: 0, now: clock });
    cache.storeListing('/d', [], cache.begin('list', '/d'));
    expect(cache.listing('/d')).toBeUndefined();
  });
});

describe('PathTree', () => {
  it('finds what is held below a path, through folders that hold nothing themselves', () => {
    const tree = new PathTree();
    tree.add('/a/b/c');
    tree.add('/a/x');
    tree.add('/a/x');
    tree.add('/z');
    expect(tree.subtree('/a').sort()).toEqual(['/a/b/c', '/a/x']);
    expect(tree.children('/a')).toEqual(['/a/x']);
    tree.remove('/a/x');
    expect(tree.subtree('/a').sort()).toEqual(['/a/b/c', '/a/x']);
    tree.remove('/a/x');
    tree.remove('/a/b/c');
    expect(tree.subtree('/a')).toEqual([]);
    expect(tree.subtree('/')).toEqual(['/z']);
    tree.remove('/z');
    expect(tree.subtree('/')).toEqual([]);
  });
});

describe('a Vfs with a directory cache', () => {
  let now: number;
  let backend: CountingBackend;
  let vfs: Vfs;

  function makeVfs(extra: Partial<VfsOptions> = {}): Vfs {
    return new Vfs(backend, { ...DEFAULT_VFS_OPTIONS, dirCacheTimeMs: 5 * MINUTE, ...extra }, undefined, { now: () => now });
  }

  beforeEach(async () => {
    now = 1_000_000;
    backend = new CountingBackend();
    await backend.mkdir('/d', 0o755);
    await putBehind(backend, '/d/one', '1');
    vfs = makeVfs();
  });
  afterEach(async () => {
    await vfs.shutdown();
  });

  it('holds a listing until --dir-cache-time passes', async () => {
    expect(await listNames(vfs, '/d')).toEqual(['one']);
    expect(backend.lists).toBe(1);
    await putBehind(backend, '/d/two', '2');
    now += 5 * MINUTE - 1;
    expect(await listNames(vfs, '/d')).toEqual(['one']);
    expect(backend.lists).toBe(1);
    now += 1;
    expect(await listNames(vfs, '/d')).toEqual(['one', 'two']);
    expect(backend.lists).toBe(2);
  });

  it('holds a listing until forget: of that folder, of a parent, or of everything (SIGHUP)', async () => {
    await listNames(vfs, '/d');
    await putBehind(backend, '/d/two', '2');
    vfs.forget('/d');
    expect(await listNames(vfs, '/d')).toEqual(['one', 'two']);
    await putBehind(backend, '/d/three', '3');
    vfs.forget('/');
    expect(await listNames(vfs, '/d')).toEqual(['one', 'three', 'two']);
    await backend.remove('/d/one');
    vfs.forget();
    expect(await listNames(vfs, '/d')).toEqual(['three', 'two']);
    expect(backend.lists).toBe(4);
  });

  it('forgetting one file drops it and its folder listing', async () => {
    expect((await vfs.stat('/d/one')).size).toBe(1);
    await putBehind(backend, '/d/one', 'longer');
    expect((await vfs.stat('/d/one')).size).toBe(1);
    vfs.forget('/d/one');
    expect((await vfs.stat('/d/one')).size).toBe(6);
  });

  it('answers stats from a cached listing, missing names included, without asking the backend', async () => {
    await listNames(vfs, '/d');
    const before = backend.stats;
    expect(await vfs.stat('/d/one')).toMatchObject({ name: 'one', size: 1 });
    await expect(vfs.stat('/d/nope')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(backend.stats).toBe(before);
    // A single stat is cached on its own too (through the lstat asked with it).
    await vfs.stat('/d');
    const after = backend.stats;
    await vfs.stat('/d');
    await vfs.lstat('/d');
    expect(backend.stats).toBe(after);
  });

  it('shows changes made through the Vfs at once', async () => {
    await listNames(vfs, '/d');
    await vfs.mkdir('/d/sub');
    expect(await listNames(vfs, '/d')).toEqual(['one', 'sub']);
    await writeFile(vfs, '/d/sub/f', 'abc');
    expect(await listNames(vfs, '/d/sub')).toEqual(['f']);
    expect((await vfs.stat('/d/sub/f')).size).toBe(3);
    await vfs.rename('/d/sub/f', '/d/moved', false);
    expect(await listNames(vfs, '/d/sub')).toEqual([]);
    expect(await listNames(vfs, '/d')).toEqual(['moved', 'one', 'sub']);
    await vfs.rename('/d/sub', '/top', false);
    expect(await listNames(vfs, '/')).toEqual(['d', 'top']);
    await expect(listNames(vfs, '/d/sub')).rejects.toMatchObject({ code: 'ENOENT' });
    await vfs.remove('/d/moved');
    await vfs.setAttrs('/d/one', { size: 0 });
    expect((await vfs.stat('/d/one')).size).toBe(0);
    expect(await listNames(vfs, '/d')).toEqual(['one']);
    await vfs.rmdir('/top');
    await expect(vfs.stat('/top')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a file being written shows its growing size', async () => {
    await listNames(vfs, '/d');
    const h = await vfs.openFile('/d/grow', CREATE_TRUNC);
    await h.write(0, Buffer.alloc(10));
    expect((await vfs.stat('/d/grow')).size).toBe(10);
    await h.write(10, Buffer.alloc(5));
    expect((await vfs.stat('/d/grow')).size).toBe(15);
    await h.close();
    expect((await listNames(vfs, '/d')).includes('grow')).toBe(true);
  });

  it('does not keep a listing that a change overtook, nor one read only in part', async () => {
    for (let i = 0; i < 250; i++) await putBehind(backend, `/d/n${i}`, '');
    const listing = vfs.readDir('/d')[Symbol.asyncIterator]();
    await listing.next();
    await vfs.mkdir('/d/made-meanwhile');
    while (!(await listing.next()).done) {
      // drain
    }
    expect(await listNames(vfs, '/d')).toContain('made-meanwhile');
    expect(backend.lists).toBe(2);
    // Stopping early: nothing stored, the next listing asks again.
    for await (const _ of vfs.readDir('/')) break;
    await listNames(vfs, '/');
    expect(backend.lists).toBe(4);
  });

  it('follows links every time: a link\'s target may change behind it', async () => {
    await backend.symlink('/d/one', '/link');
    expect((await vfs.stat('/link')).size).toBe(1);
    await putBehind(backend, '/d/one', '12345');
    expect((await vfs.stat('/link')).size).toBe(5);
    expect((await vfs.lstat('/link')).type).toBe('symlink');
  });

  it('with --dir-cache-time 0 asks the backend every time', async () => {
    await vfs.shutdown();
    vfs = makeVfs({ dirCacheTimeMs: 0 });
    await listNames(vfs, '/d');
    await listNames(vfs, '/d');
    expect(backend.lists).toBe(2);
  });
});
