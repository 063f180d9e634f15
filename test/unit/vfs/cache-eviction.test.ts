// Eviction in cache mode full, every --vfs-cache-poll-interval: least recently used files go while
// the cache is above --vfs-cache-max-size; files unused for --vfs-cache-max-age go; open files stay.
import { describe, expect, it } from 'vitest';
import { chooseEvictions } from '../../../src-main/vfs/cache/cleaner.js';
import { makeCachedVfs, pattern, putRemote, READ, readThrough, sleep, waitUntil } from './cache-helpers.js';

const KIB = 1024;

describe('cache eviction', () => {
  it('evicts least recently used files down to --vfs-cache-max-size; an open file stays', async () => {
    const under = await makeCachedVfs('full', { bufferSize: 0, cacheMaxSize: 250 * KIB, cachePollIntervalMs: 30 });
    try {
      const { vfs, memory } = under;
      for (const name of ['a', 'b', 'c', 'd']) await putRemote(memory, `/${name}`, pattern(100 * KIB, name.charCodeAt(0)));
      const held = await vfs.openFile('/a', READ);
      await held.read(0, 100 * KIB);
      for (const name of ['b', 'c', 'd']) {
        await readThrough(vfs, `/${name}`);
        await sleep(5);
      }
      // 400 KiB cached; the limit allows 250: b and c (oldest, closed) go; a is open, d is newest.
      await waitUntil(() => (vfs.getCacheStats().cache?.bytesUsed ?? 0) <= 250 * KIB, 3000, 'eviction');
      expect(vfs.getCacheStats().cache).toMatchObject({ files: 2, bytesUsed: 200 * KIB });
      expect((await held.read(50 * KIB, 10)).equals(pattern(100 * KIB, 'a'.charCodeAt(0)).subarray(50 * KIB, 50 * KIB + 10))).toBe(true);
      await held.close();
      // Evicted files are fetched again when read.
      expect((await readThrough(vfs, '/b')).equals(pattern(100 * KIB, 'b'.charCodeAt(0)))).toBe(true);
    } finally {
      await under.cleanup();
    }
  });

  it('evicts files unused for --vfs-cache-max-age', async () => {
    const under = await makeCachedVfs('full', { bufferSize: 0, cacheMaxAgeMs: 150, cachePollIntervalMs: 30 });
    try {
      const { vfs, memory } = under;
      await putRemote(memory, '/f', 'cached for a while');
      await readThrough(vfs, '/f');
      expect(vfs.getCacheStats().cache?.files).toBe(1);
      await waitUntil(() => vfs.getCacheStats().cache?.files === 0, 3000, 'max-age eviction');
    } finally {
      await under.cleanup();
    }
  });

  it('picks victims by age, then by size and free space, never pinned ones', () => {
    const items = [
      { name: 'old', atimeMs: 0, bytes: 10, pinned: false },
      { name: 'open', atimeMs: 1, bytes: 50, pinned: true },
      { name: 'mid', atimeMs: 50, bytes: 30, pinned: false },
      { name: 'new', atimeMs: 90, bytes: 30, pinned: false },
    ];
    const names = (list: typeof items) => list.map((i) => i.name);
    expect(names(chooseEvictions(items, { maxAge: 60, maxSize: 'off', minFreeSpace: 'off' }, 100, undefined))).toEqual(['old']);
    expect(names(chooseEvictions(items, { maxAge: 40, maxSize: 'off', minFreeSpace: 'off' }, 100, undefined))).toEqual(['old', 'mid']);
    expect(names(chooseEvictions(items, { maxAge: 'off', maxSize: 85, minFreeSpace: 'off' }, 100, undefined))).toEqual(['old', 'mid']);
    expect(names(chooseEvictions(items, { maxAge: 'off', maxSize: 0, minFreeSpace: 'off' }, 100, undefined))).toEqual(['old', 'mid', 'new']);
    expect(names(chooseEvictions(items, { maxAge: 'off', maxSize: 'off', minFreeSpace: 100 }, 100, 75))).toEqual(['old', 'mid']);
    expect(names(chooseEvictions(items, { maxAge: 'off', maxSize: 'off', minFreeSpace: 100 }, 100, undefined))).toEqual([]);
  });
});
