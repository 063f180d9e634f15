// A listing's lstats run inline one by one, each timed on its own: a batch whose lstats are all fast
// never counts as a slow call, however long the whole batch takes (timed as one call, a listing of
// a big folder on a busy machine sent the share to the thread pool); once the share cools down,
// the rest of a batch goes to the thread pool with the same answers.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { statBatch } from '../../../src-main/vfs/backend/local-stat.js';
import { InlineIo, STALL_MS } from '../../../src-main/vfs/backend/local-inline-io.js';
import { makeTempDir, removeTempDir } from '../../vfs-suite/fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('stat-batch');
  await Promise.all(['a', 'b', 'c'].map((n) => writeFile(path.join(dir, n), n.repeat(3))));
});
afterEach(async () => {
  await removeTempDir(dir);
});

describe('statBatch', () => {
  it('times each lstat on its own, so a long batch of fast ones is no slow call', async () => {
    const io = new InlineIo(true);
    const timed = vi.spyOn(io, 'run');
    const names = Array.from({ length: 500 }, (_, i) => `missing-${i}`);
    expect(await statBatch(io, dir, [...names, 'a'])).toHaveLength(1);
    expect(timed).toHaveBeenCalledTimes(501);
  });

  it('answers the same on the thread pool, skipping entries that vanished', async () => {
    const io = new InlineIo(true);
    const inlineEntries = await statBatch(io, dir, ['a', 'gone', 'b', 'c']);
    io.slow(STALL_MS + 1);
    expect(io.coolingDown).toBe(true);
    const poolEntries = await statBatch(io, dir, ['a', 'gone', 'b', 'c']);
    expect(inlineEntries.map((e) => [e.name, e.size])).toEqual([
      ['a', 3],
      ['b', 3],
      ['c', 3],
    ]);
    expect(poolEntries).toEqual(inlineEntries);
  });
});
