// Cache mode writes over a remote that cannot write in place: patching the middle of an existing
// file, changing its size by path, renaming and removing it while its upload is pending. The
// remote only ever sees whole files (uploaded beside it, then renamed into place).
import { afterEach, describe, expect, it } from 'vitest';
import { makeCachedVfs, pattern, putRemote, RDWR, readThrough, remoteContent, waitUntil, WRITE, writeThrough } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

const MIB = 1024 * 1024;

let under: CachedVfs | undefined;
afterEach(async () => {
  await under?.cleanup();
  under = undefined;
});

async function uploaded(u: CachedVfs): Promise<void> {
  await waitUntil(() => {
    const s = u.vfs.getCacheStats().cache;
    return s !== undefined && s.dirtyFiles === 0 && s.uploadsQueued === 0 && s.uploadsInProgress === 0;
  }, 10_000, 'uploads');
}

describe('cache mode writes: changing existing remote files', () => {
  it('patches the middle of a remote file', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 200 });
    const { vfs, memory } = under;
    const original = pattern(3 * MIB, 4);
    await putRemote(memory, '/doc', original);
    const h = await vfs.openFile('/doc', WRITE);
    await h.write(1.5 * MIB, Buffer.from('PATCH'));
    // Only the patch is in the cache so far: nothing was downloaded to write it.
    expect(vfs.getCacheStats().cache?.bytesUsed).toBe(5);
    await h.close();
    const expected = Buffer.from(original);
    expected.write('PATCH', 1.5 * MIB);
    // Before the upload the Vfs already shows the patched file; the remote still has the original.
    expect((await readThrough(vfs, '/doc')).equals(expected)).toBe(true);
    expect((await remoteContent(memory, '/doc'))?.equals(original)).toBe(true);
    await uploaded(under);
    expect((await remoteContent(memory, '/doc'))?.equals(expected)).toBe(true);
  });

  it('reads and writes one handle at any position, and changes the size by path', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 50 });
    const { vfs, memory } = under;
    await putRemote(memory, '/f', '0123456789');
    const h = await vfs.openFile('/f', RDWR);
    await h.write(8, Buffer.from('XYZW'));
    expect((await h.read(6, 100)).toString()).toBe('67XYZW');
    await h.close();
    await vfs.setAttrs('/f', { size: 4 });
    expect((await vfs.stat('/f')).size).toBe(4);
    await uploaded(under);
    expect((await remoteContent(memory, '/f'))?.toString()).toBe('0123');
  });

  it('a rename or removal while the upload is pending goes where the file went', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 300 });
    const { vfs, memory } = under;
    await vfs.mkdir('/a');
    await writeThrough(vfs, '/a/one', 'first');
    await writeThrough(vfs, '/a/two', 'second');
    await writeThrough(vfs, '/gone', 'never uploaded');
    await vfs.rename('/a', '/b', false);
    await vfs.rename('/b/two', '/b/deux', false);
    await vfs.remove('/gone');
    expect((await readThrough(vfs, '/b/one')).toString()).toBe('first');
    await uploaded(under);
    expect((await remoteContent(memory, '/b/one'))?.toString()).toBe('first');
    expect((await remoteContent(memory, '/b/deux'))?.toString()).toBe('second');
    expect(await remoteContent(memory, '/a/one')).toBeUndefined();
    expect(await remoteContent(memory, '/b/two')).toBeUndefined();
    expect(await remoteContent(memory, '/gone')).toBeUndefined();
    // No upload temp file was left behind anywhere.
    const names: string[] = [];
    for await (const batch of memory.list('/b')) names.push(...batch.map((e) => e.name));
    expect(names.sort()).toEqual(['deux', 'one']);
  });

  it('listings show sizes from the cache, and checksums and copies use the new content', async () => {
    under = await makeCachedVfs('writes', { writeBackMs: 60_000 });
    const { vfs, memory } = under;
    await putRemote(memory, '/f', 'old');
    await writeThrough(vfs, '/f', 'brand new content');
    const entries = [];
    for await (const batch of vfs.readDir('/')) entries.push(...batch);
    expect(entries.find((e) => e.name === 'f')?.size).toBe(17);
    const { createHash } = await import('node:crypto');
    expect(await vfs.hash('/f', 'md5')).toBe(createHash('md5').update('brand new content').digest('hex'));
    await vfs.copy('/f', '/g', false);
    expect((await readThrough(vfs, '/g')).toString()).toBe('brand new content');
  });
});
