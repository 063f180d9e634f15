// A clean cached file is kept, and served, while the remote is briefly unreachable; a file the
// remote says is gone (not found, which is not the same as unreachable) is dropped from the cache.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCachedVfs, putRemote, READ, readThrough } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

let under: CachedVfs | undefined;
afterEach(async () => {
  if (under) under.backend.offline = false;
  await under?.cleanup();
  under = undefined;
});

describe('cache mode full with the remote out of reach', () => {
  it('serves a cached file while the remote is unreachable and keeps it afterwards', async () => {
    under = await makeCachedVfs('full', { bufferSize: 0 });
    const { vfs, memory, backend } = under;
    await putRemote(memory, '/cached', 'kept safe');
    await putRemote(memory, '/other', 'never read');
    expect((await readThrough(vfs, '/cached')).toString()).toBe('kept safe');
    backend.offline = true;
    expect(await vfs.stat('/cached')).toMatchObject({ type: 'file', size: 9 });
    expect((await readThrough(vfs, '/cached')).toString()).toBe('kept safe');
    // What the cache does not hold cannot be served: the error says the remote is unreachable.
    await expect(vfs.openFile('/other', READ)).rejects.toMatchObject({ code: 'ECLOSED', unreachable: true });
    await expect(vfs.stat('/other')).rejects.toMatchObject({ unreachable: true });
    backend.offline = false;
    expect(vfs.getCacheStats().cache?.files).toBe(1);
    const asked = backend.reads.length;
    expect((await readThrough(vfs, '/cached')).toString()).toBe('kept safe');
    expect(backend.reads.length).toBe(asked);
  });

  it('drops a cached file the remote no longer has', async () => {
    under = await makeCachedVfs('full', { bufferSize: 0 });
    const { vfs, memory } = under;
    await putRemote(memory, '/f', 'soon gone');
    await readThrough(vfs, '/f');
    await memory.remove('/f');
    await expect(vfs.stat('/f')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(vfs.openFile('/f', READ)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(vfs.getCacheStats().cache?.files).toBe(0);
  });
});
