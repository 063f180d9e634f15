// Cache mode full: cache files are sparse and only hold what was read (plus read-ahead); a second
// read is served from disk without asking the remote; a file changed on the remote is fetched again;
// the cache survives a restart of the share.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCachedVfs, pattern, putRemote, READ, sleep, waitUntil } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

const MIB = 1024 * 1024;
const DATA = pattern(50 * MIB, 8);

let under: CachedVfs | undefined;
afterEach(async () => {
  await under?.cleanup();
  under = undefined;
});

describe('cache mode full', () => {
  it('reading 1 MiB of a 50 MiB file stores about 1 MiB, in a sparse file of full length', async () => {
    under = await makeCachedVfs('full', { bufferSize: 0, readAhead: 0 });
    const { vfs, memory, backend } = under;
    await putRemote(memory, '/big', DATA);
    const h = await vfs.openFile('/big', READ);
    const at = 20 * MIB;
    for (let i = 0; i < 32; i++) {
      const got = await h.read(at + i * 32_768, 32_768);
      expect(got.equals(DATA.subarray(at + i * 32_768, at + (i + 1) * 32_768))).toBe(true);
    }
    await h.close();
    const stats = vfs.getCacheStats().cache;
    expect(stats?.bytesUsed).toBe(MIB);
    expect(stats?.files).toBe(1);
    const dataDir = path.join(stats?.dir as string, 'data');
    const [file] = await readdir(dataDir);
    const onDisk = await stat(path.join(dataDir, file as string));
    expect(onDisk.size).toBe(DATA.length);
    // Allocated blocks: about the megabyte read, not the 50 of the file.
    expect(onDisk.blocks * 512).toBeGreaterThanOrEqual(MIB);
    expect(onDisk.blocks * 512).toBeLessThan(2 * MIB);
    // Read again: nothing is asked of the remote.
    const asked = backend.reads.length;
    const again = await vfs.openFile('/big', READ);
    expect((await again.read(at + 1000, 5000)).equals(DATA.subarray(at + 1000, at + 6000))).toBe(true);
    await again.close();
    expect(backend.reads.length).toBe(asked);
  });

  it('reads ahead --buffer-size plus --vfs-read-ahead into the cache', async () => {
    under = await makeCachedVfs('full', { bufferSize: MIB, readAhead: 2 * MIB });
    const { vfs, memory } = under;
    await putRemote(memory, '/big', DATA);
    const h = await vfs.openFile('/big', READ);
    await h.read(0, 32_768);
    await waitUntil(() => vfs.getCacheStats().cache?.bytesUsed === 32_768 + 3 * MIB, 3000, 'read-ahead');
    await sleep(50);
    // ... and no further.
    expect(vfs.getCacheStats().cache?.bytesUsed).toBe(32_768 + 3 * MIB);
    await h.close();
  });

  it('fetches again what changed on the remote, and keeps the cache across a restart', async () => {
    under = await makeCachedVfs('full', { bufferSize: 0 });
    const { vfs, memory, backend } = under;
    await putRemote(memory, '/f', 'version one');
    const read = async (v = under?.vfs) => {
      const h = await (v ?? vfs).openFile('/f', READ);
      try {
        return (await h.read(0, 100)).toString();
      } finally {
        await h.close();
      }
    };
    expect(await read()).toBe('version one');
    await putRemote(memory, '/f', 'version two!');
    expect(await read()).toBe('version two!');
    await vfs.shutdown();
    const restarted = await makeCachedVfs('full', { bufferSize: 0 }, {}, { memory, cacheDir: under.cacheDir });
    under = restarted;
    expect(restarted.vfs.getCacheStats().cache?.files).toBe(1);
    const before = backend.reads.length + restarted.backend.reads.length;
    expect(await read(restarted.vfs)).toBe('version two!');
    expect(backend.reads.length + restarted.backend.reads.length).toBe(before);
  });
});
