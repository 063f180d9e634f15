// Pipelined writes to one local file are merged into few pwritev calls and land in arrival order,
// with every byte where the client put it.
import { openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFd } from '../../../src-main/vfs/backend/local-fd.js';
import { InlineIo } from '../../../src-main/vfs/backend/local-inline-io.js';
import { MAX_CALL_BYTES, WriteQueue } from '../../../src-main/vfs/backend/local-write-queue.js';
import { makeTempDir, removeTempDir } from '../../vfs-suite/fixtures.js';

let dir: string;
let fh: LocalFd;
let calls: number;
/** Bytes each pwrite(v) carried. */
let sizes: number[];

beforeEach(async () => {
  dir = await makeTempDir('wq');
  fh = new LocalFd(openSync(path.join(dir, 'f'), 'w+'));
  calls = 0;
  sizes = [];
  const write = fh.write.bind(fh);
  const writev = fh.writev.bind(fh);
  fh.write = (...args: Parameters<LocalFd['write']>) => {
    calls++;
    sizes.push(args[0].length);
    return write(...args);
  };
  fh.writev = (...args: Parameters<LocalFd['writev']>) => {
    calls++;
    sizes.push(args[0].reduce((n, b) => n + b.length, 0));
    return writev(...args);
  };
});
afterEach(async () => {
  await fh.discard();
  await removeTempDir(dir);
});

function block(i: number, size: number): Buffer {
  return Buffer.alloc(size, i % 251);
}

describe('WriteQueue', () => {
  it('merges 64 pipelined 32 KiB writes into calls of up to 256 KiB, bytes in place', async () => {
    const q = new WriteQueue(fh, new InlineIo(false));
    const size = 32 * 1024;
    await Promise.all(Array.from({ length: 64 }, (_, i) => q.write(i * size, block(i, size))));
    // 2 MiB in 256 KiB calls: 8, and a few more where a batch ends short of a full call.
    expect(calls).toBeLessThanOrEqual(12);
    expect(Math.max(...sizes)).toBe(MAX_CALL_BYTES);
    const got = await readFile(path.join(dir, 'f'));
    expect(got.length).toBe(64 * size);
    for (let i = 0; i < 64; i++) expect(got.subarray(i * size, (i + 1) * size).equals(block(i, size))).toBe(true);
  });

  it('splits one large write into calls of at most 256 KiB (large folios: see the module)', async () => {
    const q = new WriteQueue(fh, new InlineIo(false));
    const data = Buffer.from(Array.from({ length: 4 * MAX_CALL_BYTES + 5 }, (_, i) => (i * 7) % 256));
    await q.write(3, data);
    expect(sizes).toEqual([MAX_CALL_BYTES, MAX_CALL_BYTES, MAX_CALL_BYTES, MAX_CALL_BYTES, 5]);
    const got = await readFile(path.join(dir, 'f'));
    expect(got.subarray(3).equals(data)).toBe(true);
  });

  it('writes out-of-order and overlapping ranges in arrival order', async () => {
    const q = new WriteQueue(fh, new InlineIo(false));
    await Promise.all([
      q.write(10, Buffer.from('BBBBB')),
      // Arrives later and covers the first two B's.
      q.write(0, Buffer.from('AAAAAAAAAAAA')),
      // Overlaps the previous one and arrives after it: it wins.
      q.write(8, Buffer.from('cc')),
      q.write(20, Buffer.alloc(0)),
    ]);
    expect((await readFile(path.join(dir, 'f'), 'latin1'))).toBe('AAAAAAAAccAABBB');
  });

  it('a failing batch rejects each of its writes and later writes still run', async () => {
    const q = new WriteQueue(fh, new InlineIo(false));
    const first = q.write(0, Buffer.from('ok'));
    await first;
    await fh.close();
    const failed = await Promise.allSettled([q.write(2, Buffer.from('x')), q.write(3, Buffer.from('y'))]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'EBADF' });
  });
});
