// What a restart finds in the cache folder. A copy of the folder taken while a Vfs runs is exactly
// what kill -9 would leave behind (the process-level crash test is test/integration/vfs-crash):
// acknowledged changes are uploaded, unacknowledged ones are neither uploaded nor served, broken
// records are dropped, and stopping the share flushes what is pending.
import { cp, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-shared/logger.js';
import { DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import { SwitchBackend, makeCacheDir, makeCachedVfs, putRemote, RDWR, readThrough, remoteContent, waitUntil, writeThrough } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function track(u: Promise<CachedVfs>): Promise<CachedVfs> {
  const v = await u;
  cleanups.push(() => v.cleanup());
  return v;
}

/** The cache folder as a crash would leave it right now, under a new --cache-dir. */
async function snapshot(u: CachedVfs): Promise<string> {
  const copy = await makeCacheDir();
  await cp(u.cacheDir, copy, { recursive: true });
  cleanups.push(() => rm(copy, { recursive: true, force: true }));
  return copy;
}

async function settled(u: CachedVfs): Promise<void> {
  await waitUntil(() => {
    const s = u.vfs.getCacheStats().cache;
    return s !== undefined && s.dirtyFiles === 0 && s.uploadsQueued === 0 && s.uploadsInProgress === 0;
  }, 5000, 'uploads');
}

describe('cache recovery at start', () => {
  it('uploads what was acknowledged (close, fsync) before the crash', async () => {
    const first = await track(makeCachedVfs('writes', { writeBackMs: 60_000 }));
    await writeThrough(first.vfs, '/closed', 'acknowledged by close');
    const h = await first.vfs.openFile('/synced', { ...RDWR, create: true });
    await h.write(0, Buffer.from('acknowledged by fsync'));
    await h.sync();
    const crashed = await snapshot(first);
    await h.close();
    const second = await track(makeCachedVfs('writes', { writeBackMs: 0 }, {}, { memory: first.memory, cacheDir: crashed }));
    await settled(second);
    expect((await remoteContent(first.memory, '/closed'))?.toString()).toBe('acknowledged by close');
    expect((await remoteContent(first.memory, '/synced'))?.toString()).toBe('acknowledged by fsync');
  });

  it('never uploads or serves changes that were not acknowledged', async () => {
    const first = await track(makeCachedVfs('full', { writeBackMs: 60_000, bufferSize: 0 }));
    await putRemote(first.memory, '/f', 'remote original');
    await readThrough(first.vfs, '/f');
    // The cached copy is clean and complete; now it is changed, and the crash comes before close.
    const h = await first.vfs.openFile('/f', RDWR);
    await h.write(0, Buffer.from('UNSAVED'));
    const crashed = await snapshot(first);
    const second = await track(makeCachedVfs('full', { writeBackMs: 0, bufferSize: 0 }, {}, { memory: first.memory, cacheDir: crashed }));
    expect(second.vfs.getCacheStats().cache?.dirtyFiles).toBe(0);
    expect((await readThrough(second.vfs, '/f')).toString()).toBe('remote original');
    expect((await remoteContent(first.memory, '/f'))?.toString()).toBe('remote original');
    await h.close();
  });

  it('drops unreadable records, stray temp files and data without a record, and says so', async () => {
    const first = await track(makeCachedVfs('writes', { writeBackMs: 60_000 }));
    await writeThrough(first.vfs, '/good', 'good data');
    const crashed = await snapshot(first);
    const dir = first.vfs.getCacheStats().cache?.dir as string;
    const folder = path.join(crashed, path.relative(first.cacheDir, dir));
    await writeFile(path.join(folder, 'meta', '0123456789abcdef.json'), '{"v":1,"path":"/bad"');
    await writeFile(path.join(folder, 'meta', '0123456789abcdef.json.tmp-123'), 'half');
    await writeFile(path.join(folder, 'data', 'fedcba9876543210'), 'orphan');
    const errors: string[] = [];
    const logger: Logger = { error: (m) => errors.push(m), warn() {}, info() {}, debug() {} };
    const backend = new SwitchBackend(first.memory);
    const vfs = await Vfs.create(backend, { ...DEFAULT_VFS_OPTIONS, cacheMode: 'writes', cacheDir: crashed, writeBackMs: 0, dirCacheTimeMs: 0 }, logger);
    try {
      await waitUntil(async () => (await remoteContent(first.memory, '/good'))?.toString() === 'good data', 5000, 'upload');
      expect(errors.some((e) => e.includes('0123456789abcdef.json'))).toBe(true);
      expect((await readdir(path.join(folder, 'meta'))).filter((n) => n.startsWith('0123456789abcdef'))).toEqual([]);
      expect(await readdir(path.join(folder, 'data'))).not.toContain('fedcba9876543210');
    } finally {
      await vfs.shutdown();
    }
  });

  it('stopping the share uploads what is pending; what fails waits for the next start', async () => {
    const first = await track(makeCachedVfs('writes', { writeBackMs: 60_000 }));
    await writeThrough(first.vfs, '/a', 'flushed on stop');
    await first.vfs.shutdown();
    expect((await remoteContent(first.memory, '/a'))?.toString()).toBe('flushed on stop');

    const second = await track(makeCachedVfs('writes', { writeBackMs: 60_000 }, {}, { memory: first.memory }));
    await writeThrough(second.vfs, '/b', 'uploaded next time');
    second.backend.failUploads = 1;
    await second.vfs.shutdown();
    expect((await remoteContent(first.memory, '/b'))?.toString()).toBe('');
    const third = await track(makeCachedVfs('writes', { writeBackMs: 0 }, {}, { memory: first.memory, cacheDir: second.cacheDir }));
    await settled(third);
    expect((await remoteContent(first.memory, '/b'))?.toString()).toBe('uploaded next time');
  });
});
