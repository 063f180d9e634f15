// The two inputs of the open switch that the per-mode truth tables hold fixed: a backend with
// random access (a local disk gets the direct handle in off and minimal: Wharf's deliberate
// difference from rclone, since a disk needs no cache), and a file the cache already holds (every
// open of it then goes through the cache, so all handles see the same data).
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_MODES } from '../../../src-shared/cache-mode.js';
import type { Vfs } from '../../../src-main/vfs/index.js';
import { CREATE, makeCachedVfs, putRemote, RDWR, READ, WRITE } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

function kindOf(vfs: Vfs, path: string): string | undefined {
  return vfs.getCacheStats().openFiles.find((f) => f.path === path)?.kind;
}

let under: CachedVfs | undefined;
afterEach(async () => {
  await under?.cleanup();
  under = undefined;
});

describe('open switch: random access and files already cached', () => {
  it.each(CACHE_MODES)('a random-access backend in mode %s', async (mode) => {
    under = await makeCachedVfs(mode, {}, { randomAccess: true });
    await putRemote(under.memory, '/f', 'hello');
    const rw = await under.vfs.openFile('/f', RDWR);
    const r = await under.vfs.openFile('/f', READ);
    const uncached = mode === 'off' || mode === 'minimal';
    // In writes mode the read-only open goes through the cache because the rw handle holds the file.
    expect(under.vfs.getCacheStats().openFiles.map((f) => f.kind)).toEqual(uncached ? ['direct', 'direct'] : ['rw', 'rw']);
    // No disk cache at all where the direct handle serves everything.
    expect(under.vfs.getCacheStats().cache === undefined).toBe(mode === 'off' || mode === 'minimal');
    await r.close();
    await rw.close();
  });

  it('minimal: while an rw handle holds a file, read-only and write-only opens use the cache too', async () => {
    under = await makeCachedVfs('minimal');
    await putRemote(under.memory, '/f', 'hello');
    const rw = await under.vfs.openFile('/f', RDWR);
    await rw.write(0, Buffer.from('J'));
    const w = await under.vfs.openFile('/f', WRITE);
    const r = await under.vfs.openFile('/f', READ);
    expect(under.vfs.getCacheStats().openFiles.map((f) => f.kind)).toEqual(['rw', 'rw', 'rw']);
    // The write-only handle can change the middle of the file (no write handle limits) ...
    await w.write(4, Buffer.from('y'));
    // ... and the reader sees both changes before anything was uploaded.
    expect((await r.read(0, 10)).toString()).toBe('Jelly');
    await Promise.all([r.close(), w.close(), rw.close()]);
    // Once nothing holds it, a read-only open streams from the remote again.
    const again = await under.vfs.openFile('/f', READ);
    expect(kindOf(under.vfs, '/f')).toBe('read');
    expect((await again.read(0, 10)).toString()).toBe('Jelly');
    await again.close();
  });

  it('writes: a file written but not uploaded yet is read through the cache', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 60_000 });
    const h = await under.vfs.openFile('/new', CREATE);
    await h.write(0, Buffer.from('not uploaded'));
    await h.close();
    const r = await under.vfs.openFile('/new', READ);
    expect(kindOf(under.vfs, '/new')).toBe('rw');
    expect((await r.read(0, 100)).toString()).toBe('not uploaded');
    await r.close();
  });
});
