// Write-back in cache mode writes: a changed file is uploaded once closed and unused for
// --vfs-write-back; failed uploads are retried with a delay that doubles up to one minute; at most
// --transfers uploads run at once; a dirty file is never evicted, whatever the size limit.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-shared/logger.js';
import type { CacheItem } from '../../../src-main/vfs/cache/cache-item.js';
import { MAX_RETRY_DELAY_MS, Writeback } from '../../../src-main/vfs/cache/writeback.js';
import { makeCachedVfs, pattern, READ, remoteContent, sleep, waitUntil, writeThrough } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

let under: CachedVfs | undefined;
afterEach(async () => {
  await under?.cleanup();
  under = undefined;
});

describe('write-back (cache mode writes)', () => {
  it('uploads only after the file has been closed and unused for --vfs-write-back', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 1000 });
    const { vfs, memory } = under;
    const data = pattern(100_000);
    const closedAt = Date.now();
    await writeThrough(vfs, '/f', data);
    await sleep(200);
    // Created on the remote at open (empty), content not sent yet; the Vfs shows the new content.
    expect((await remoteContent(memory, '/f'))?.length).toBe(0);
    expect((await vfs.stat('/f')).size).toBe(data.length);
    const stats = vfs.getCacheStats().cache;
    expect(stats).toMatchObject({ dirtyFiles: 1, uploadsQueued: 1, uploadsInProgress: 0 });
    expect(stats?.uploads[0]?.startsInMs).toBeGreaterThan(0);
    // Using the file again (a read) restarts the delay.
    const r = await vfs.openFile('/f', READ);
    await r.read(0, 10);
    await r.close();
    const reusedAt = Date.now();
    await waitUntil(async () => (await remoteContent(memory, '/f'))?.equals(data) === true, 5000, 'upload');
    expect(Date.now() - reusedAt).toBeGreaterThanOrEqual(980);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(1180);
    await waitUntil(() => vfs.getCacheStats().cache?.files === 0, 2000, 'item dropped after upload');
  });

  it('retries a failed upload with a delay that doubles each time', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 100 });
    const { vfs, memory, backend } = under;
    backend.failUploads = 3;
    await writeThrough(vfs, '/f', 'payload');
    await waitUntil(() => backend.uploadStarts.length >= 2, 3000, 'second attempt');
    const upload = vfs.getCacheStats().cache?.uploads[0];
    expect(upload).toMatchObject({ path: '/f', state: 'queued', tries: 2 });
    expect(upload?.lastError).toContain('injected upload failure');
    await waitUntil(async () => (await remoteContent(memory, '/f'))?.toString() === 'payload', 5000, 'upload');
    const starts = backend.uploadStarts;
    expect(starts.length).toBe(4);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    // 200, 400, 800 ms: the write-back delay doubled after each failure.
    expect(gaps[0]).toBeGreaterThanOrEqual(190);
    expect(gaps[1]).toBeGreaterThanOrEqual(390);
    expect(gaps[2]).toBeGreaterThanOrEqual(790);
    // ... and not a constant long delay: the first retry came well before the third.
    expect(gaps[0]).toBeLessThan(600);
    await waitUntil(() => vfs.getCacheStats().cache?.dirtyFiles === 0, 2000, 'clean after upload');
    expect(vfs.getCacheStats().cache).toMatchObject({ uploadsQueued: 0 });
  });

  it('caps the retry delay at one minute', async () => {
    const failing = { path: '/x', size: 1, dirty: true, removed: false } as unknown as CacheItem;
    const wb = new Writeback({
      delayMs: 40_000,
      transfers: 1,
      logger: silentLogger,
      upload: async () => {
        throw new Error('remote down');
      },
      canStart: () => true,
    });
    for (let tries = 1; tries <= 3; tries++) {
      expect(await wb.uploadNow(failing)).toMatchObject({ message: 'remote down' });
      const [entry] = wb.stats().uploads;
      expect(entry?.tries).toBe(tries);
      // 80 s and more would follow; one minute is the most.
      expect(entry?.startsInMs).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
      expect(entry?.startsInMs).toBeGreaterThan(MAX_RETRY_DELAY_MS - 1000);
    }
    wb.stop();
  });

  it('runs at most --transfers uploads at once', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 50, transfers: 2 });
    const { vfs, memory, backend } = under;
    backend.uploadWriteDelayMs = 30;
    const files = [...Array(6).keys()].map((i) => `/f${i}`);
    for (const f of files) await writeThrough(vfs, f, pattern(3 * 1024 * 1024, 3));
    await waitUntil(async () => {
      const all = await Promise.all(files.map((f) => remoteContent(memory, f)));
      return all.every((c) => c?.length === 3 * 1024 * 1024);
    }, 10_000, 'all uploads');
    expect(backend.maxUploadsRunning).toBe(2);
  });

  it('never evicts a dirty file, even far above --vfs-cache-max-size', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 50, cacheMaxSize: 0, cacheMaxAgeMs: 1, cachePollIntervalMs: 20 });
    const { vfs, memory, backend } = under;
    backend.failUploads = 1_000;
    const data = pattern(200_000, 9);
    await writeThrough(vfs, '/dirty', data);
    await sleep(400);
    expect(backend.uploadStarts.length).toBeGreaterThan(1);
    expect(vfs.getCacheStats().cache).toMatchObject({ files: 1, dirtyFiles: 1, bytesUsed: data.length });
    expect((await vfs.stat('/dirty')).size).toBe(data.length);
    backend.failUploads = 0;
    await waitUntil(async () => (await remoteContent(memory, '/dirty'))?.equals(data) === true, 5000, 'upload');
  });
});
