import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../bench/config.js';
import { createFixtures, folderDifference, type Fixtures, sameContent } from '../../../bench/fixtures.js';

let root: string;
let fx: Fixtures;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-bench-fx-'));
  const config = readConfig({ BIG_MB: '5', PAR_MB: '1', PAR_N: '2', SMALL_N: '7', SMALL_KB: '3', LIST_N: '25' }, root);
  fx = await createFixtures(path.join(root, 'fixtures'), config);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('bench fixtures', () => {
  it('lays out the big, parallel, small and list fixtures at the asked sizes', async () => {
    expect((await fs.stat(path.join(fx.dir, fx.big))).size).toBe(5 * 1048576);
    expect(fx.par).toEqual(['par1.bin', 'par2.bin']);
    for (const p of fx.par) expect((await fs.stat(path.join(fx.dir, p))).size).toBe(1048576);
    const small = await fs.readdir(path.join(fx.dir, fx.small));
    expect(small).toHaveLength(7);
    for (const s of small) expect((await fs.stat(path.join(fx.dir, fx.small, s))).size).toBe(3072);
    const list = (await fs.readdir(path.join(fx.dir, fx.list))).sort();
    expect(list).toHaveLength(25);
    expect(list[0]).toBe('entry-000000');
    // Random content: two parallel files never match.
    expect(await sameContent(path.join(fx.dir, 'par1.bin'), path.join(fx.dir, 'par2.bin'))).toBe(false);
  });

  it('notices a single changed byte in a big file', async () => {
    const copy = path.join(root, 'copy.bin');
    await fs.copyFile(path.join(fx.dir, fx.big), copy);
    expect(await sameContent(path.join(fx.dir, fx.big), copy)).toBe(true);
    const fh = await fs.open(copy, 'r+');
    const pos = 5 * 1048576 - 10; // in the last chunk
    const one = Buffer.alloc(1);
    await fh.read(one, 0, 1, pos);
    one[0] = (one[0] ?? 0) ^ 0xff;
    await fh.write(one, 0, 1, pos);
    await fh.close();
    expect(await sameContent(path.join(fx.dir, fx.big), copy)).toBe(false);
  });

  it('explains how a copied folder differs', async () => {
    const src = path.join(fx.dir, fx.small);
    const copy = path.join(root, 'small-copy');
    await fs.cp(src, copy, { recursive: true });
    expect(await folderDifference(src, copy)).toBeUndefined();
    await fs.appendFile(path.join(copy, 's00003'), 'x');
    expect(await folderDifference(src, copy)).toBe('s00003 differs');
    await fs.rm(path.join(copy, 's00003'));
    expect(await folderDifference(src, copy)).toBe('6 entries instead of 7');
    expect(await folderDifference(src, path.join(root, 'nope'))).toBe('the copy does not exist');
  });
});
