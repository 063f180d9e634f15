// The streaming write handle (cache mode off, remote without random access): pipelined writes that
// arrive out of order wait --vfs-write-wait for the in-sequence one (rclone issue 5806) instead of
// failing; what it cannot do fails with a clear error and leaves existing data alone.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenFlags } from '../../../src-main/vfs/index.js';
import { CREATE, makeCachedVfs, pattern, putRemote, remoteContent, sleep, WRITE } from './cache-helpers.js';
import type { CachedVfs } from './cache-helpers.js';

const APPEND: OpenFlags = { read: false, write: true, append: true, create: true, truncate: false, exclusive: false };

let under: CachedVfs | undefined;
afterEach(async () => {
  await under?.cleanup();
  under = undefined;
});

describe('write handle (cache mode off)', () => {
  it('pipelined writes sent out of order all land, in order, without errors', async () => {
    under = await makeCachedVfs('off', { writeWaitMs: 1000 });
    const data = pattern(64 * 32_768, 2);
    const h = await under.vfs.openFile('/up', CREATE);
    const order = [...Array(64).keys()].sort((a, b) => ((a * 37 + 5) % 64) - ((b * 37 + 5) % 64));
    expect(order[0]).not.toBe(0);
    await Promise.all(order.map((i) => h.write(i * 32_768, data.subarray(i * 32_768, (i + 1) * 32_768))));
    await h.close();
    expect((await remoteContent(under.memory, '/up'))?.equals(data)).toBe(true);
  });

  it('a write whose predecessor never comes fails after --vfs-write-wait, not before', async () => {
    under = await makeCachedVfs('off', { writeWaitMs: 300 });
    const h = await under.vfs.openFile('/gap', CREATE);
    await h.write(0, Buffer.from('abc'));
    const started = Date.now();
    await expect(h.write(10, Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOSYS' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    // Going back is hopeless at once: no wait.
    const back = Date.now();
    await expect(h.write(1, Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOSYS' });
    expect(Date.now() - back).toBeLessThan(250);
    await h.write(3, Buffer.from('def'));
    await h.close();
    expect((await remoteContent(under.memory, '/gap'))?.toString()).toBe('abcdef');
  });

  it('an existing file opened without O_TRUNC refuses writes and stays intact, until truncated to 0', async () => {
    under = await makeCachedVfs('off');
    await putRemote(under.memory, '/keep', 'precious');
    const h = await under.vfs.openFile('/keep', WRITE);
    await expect(h.write(0, Buffer.from('X'))).rejects.toMatchObject({ code: 'EPERM' });
    await expect(h.setAttrs({ size: 3 })).rejects.toMatchObject({ code: 'EPERM' });
    await h.close();
    expect((await remoteContent(under.memory, '/keep'))?.toString()).toBe('precious');
    const t = await under.vfs.openFile('/keep', WRITE);
    await under.vfs.setHandleAttrs(t, { size: 0 });
    await t.write(0, Buffer.from('replaced'));
    await t.close();
    expect((await remoteContent(under.memory, '/keep'))?.toString()).toBe('replaced');
  });

  it('O_APPEND is ignored: the file is written from the start, each write after the last', async () => {
    under = await makeCachedVfs('off');
    const h = await under.vfs.openFile('/log', APPEND);
    await Promise.all(['a;', 'b;', 'c;'].map((s) => h.write(0, Buffer.from(s))));
    await h.write(999, Buffer.from('d;'));
    await h.close();
    expect((await remoteContent(under.memory, '/log'))?.toString()).toBe('a;b;c;d;');
  });

  it('reads are refused, and the modification time set while open survives the upload', async () => {
    under = await makeCachedVfs('off');
    const h = await under.vfs.openFile('/t', { ...CREATE, read: true, write: false });
    await expect(h.read(0, 1)).rejects.toMatchObject({ code: 'EPERM' });
    await h.close();
    const w = await under.vfs.openFile('/t', CREATE);
    await w.write(0, Buffer.from('data'));
    const mtimeMs = Date.UTC(2021, 0, 2, 3, 4, 5);
    await under.vfs.setHandleAttrs(w, { mtimeMs });
    await w.write(4, Buffer.from('more'));
    await w.close();
    const st = await under.vfs.stat('/t');
    expect(st).toMatchObject({ size: 8, mtimeMs });
  });

  it('a failed upload is reported by the write and by close', async () => {
    under = await makeCachedVfs('off');
    const h = await under.vfs.openFile('/f', CREATE);
    await h.write(0, Buffer.from('one'));
    under.backend.offline = true;
    await expect(h.write(3, Buffer.from('two'))).rejects.toMatchObject({ code: 'ECLOSED' });
    await expect(h.close()).rejects.toMatchObject({ code: 'ECLOSED' });
    under.backend.offline = false;
    await sleep(1);
  });
});
