// A raw descriptor keeps FileHandle's guarantees: a close waits for the pool calls in flight, and
// nothing reaches the descriptor number after the close (it may already name another file).
import { fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFd } from '../../../src-main/vfs/backend/local-fd.js';
import { useTempDir } from '../../vfs-suite/fixtures.js';

const dir = useTempDir('fd');

function openFd(name: string, flags = 'w+'): LocalFd {
  return new LocalFd(openSync(path.join(dir(), name), flags));
}

describe('LocalFd', () => {
  it('reads, writes, stats, truncates and sets times through the pool', async () => {
    const fd = openFd('a');
    expect(await fd.writev([Buffer.from('hello '), Buffer.from('world')], 0)).toBe(11);
    expect(await fd.write(Buffer.from('W'), 6)).toBe(1);
    const buf = Buffer.alloc(20);
    expect(await fd.read(buf, 0, 20, 0)).toBe(11);
    expect(buf.subarray(0, 11).toString()).toBe('hello World');
    await fd.truncate(5);
    await fd.utimes(1_000_000, 2_000_000);
    const stats = await fd.stat();
    expect(stats.size).toBe(5);
    expect(stats.mtimeMs).toBe(2_000_000_000);
    await fd.sync();
    await fd.close();
    expect(await readFile(path.join(dir(), 'a'), 'utf8')).toBe('hello');
  });

  it('closes once, after the pool calls in flight, and refuses calls afterwards', async () => {
    const fd = openFd('b');
    const raw = fd.fd;
    const data = Buffer.alloc(4 * 1024 * 1024, 7);
    const writing = fd.write(data, 0);
    // A pool call is running: no inline close now.
    expect(fd.tryCloseSync()).toBe(false);
    const closing = fd.close();
    expect(fd.fd).toBe(-1);
    await expect(fd.stat()).rejects.toMatchObject({ code: 'EBADF' });
    expect(await writing).toBe(data.length);
    await closing;
    await fd.close();
    expect(() => fstatSync(raw)).toThrow();
    expect((await readFile(path.join(dir(), 'b'))).equals(data)).toBe(true);
  });

  it('closes inline when idle; sync callers then fail instead of touching the number', async () => {
    const fd = openFd('c');
    writeSync(fd.fd, 'x');
    expect(fd.tryCloseSync()).toBe(true);
    expect(fd.tryCloseSync()).toBe(true);
    // Whatever opens next may get the same number: the closed LocalFd must not reach it.
    const other = openFd('d', 'w+');
    try {
      expect(() => writeSync(fd.fd, 'stray')).toThrow();
      expect(() => readSync(fd.fd, Buffer.alloc(1), 0, 1, 0)).toThrow();
    } finally {
      other.tryCloseSync();
    }
    expect(await readFile(path.join(dir(), 'd'), 'utf8')).toBe('');
  });

  it('discard swallows errors and leaves nothing open', async () => {
    const fd = openFd('e');
    const raw = fd.fd;
    await fd.discard();
    await fd.discard();
    expect(() => fstatSync(raw)).toThrow();
  });
});
