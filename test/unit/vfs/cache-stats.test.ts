// What the app shows (Vfs.getCacheStats): bytes and files in the cache, dirty files, uploads queued
// and in progress with their progress, and every open file with its kind and bytes moved.
import { afterEach, describe, expect, it } from 'vitest';
import { CREATE, makeCachedVfs, pattern, putRemote, READ, waitUntil } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

const MIB = 1024 * 1024;

let under: CachedVfs | undefined;
afterEach(async () => {
  await under?.cleanup();
  under = undefined;
});

describe('cache stats', () => {
  it('reports open files with their progress, and uploads with theirs', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 50 });
    const { vfs, memory, backend } = under;
    await putRemote(memory, '/in', pattern(100_000));
    const r = await vfs.openFile('/in', READ);
    const w = await vfs.openFile('/out', CREATE);
    await r.read(0, 40_000);
    await w.write(0, pattern(3 * MIB, 2));
    const open = vfs.getCacheStats().openFiles;
    expect(open).toHaveLength(2);
    expect(open[0]).toMatchObject({ path: '/in', kind: 'read', read: true, write: false, size: 100_000, bytesRead: 40_000, bytesWritten: 0 });
    expect(open[1]).toMatchObject({ path: '/out', kind: 'rw', write: true, size: 3 * MIB, bytesRead: 0, bytesWritten: 3 * MIB });
    expect(vfs.getCacheStats().cache).toMatchObject({ files: 1, dirtyFiles: 1, bytesUsed: 3 * MIB, uploadsQueued: 0 });
    backend.uploadWriteDelayMs = 100;
    await Promise.all([r.close(), w.close()]);
    expect(vfs.getCacheStats().openFiles).toEqual([]);
    await waitUntil(() => (vfs.getCacheStats().cache?.uploads[0]?.bytesDone ?? 0) > 0, 3000, 'upload progress');
    const stats = vfs.getCacheStats();
    expect(stats.mode).toBe('writes');
    expect(stats.cache).toMatchObject({ uploadsInProgress: 1, uploadsQueued: 0 });
    const upload = stats.cache?.uploads[0];
    expect(upload).toMatchObject({ path: '/out', size: 3 * MIB, state: 'uploading', tries: 1 });
    expect(upload?.bytesDone).toBeLessThan(3 * MIB);
    await waitUntil(() => vfs.getCacheStats().cache?.files === 0 && vfs.getCacheStats().cache?.uploadsInProgress === 0, 5000, 'upload done');
    expect(vfs.getCacheStats().cache).toMatchObject({ bytesUsed: 0, dirtyFiles: 0, uploadsInProgress: 0, uploads: [] });
  });

  it('has no cache part where no disk cache is used', async () => {
    under = await makeCachedVfs('off');
    expect(under.vfs.getCacheStats()).toEqual({ mode: 'off', cache: undefined, openFiles: [] });
  });

  it('--vfs-used-is-size reports the size of every file as used, changes not uploaded included', async () => {
    under = await makeCachedVfs('writes', { usedIsSize: true, writeBackMs: 60_000 });
    const { vfs, memory } = under;
    await vfs.mkdir('/d');
    await putRemote(memory, '/d/a', pattern(10_000));
    await putRemote(memory, '/b', pattern(5_000));
    const h = await vfs.openFile('/c', CREATE);
    await h.write(0, pattern(8_192));
    await h.close();
    const plain = await memory.statfs('/');
    const fs = await vfs.statfs('/');
    const used = Math.ceil((10_000 + 5_000 + 8_192) / plain.fragmentSize);
    expect(fs.blocks).toBe(plain.blocks);
    expect(fs.blocksFree).toBe(plain.blocks - used);
  });
});

