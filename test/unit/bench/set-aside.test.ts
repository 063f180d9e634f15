// A run's folder leaves the fixture folder without being deleted, and a missing one is no error.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setAside } from '../../../bench/set-aside.js';
import { useTempDir } from '../../vfs-suite/fixtures.js';

const dir = useTempDir('aside');

describe('setAside', () => {
  it('moves the tree under scratch/aside with its files intact, twice under one name', async () => {
    const scratch = path.join(dir(), 'scratch');
    await fs.mkdir(scratch);
    for (let round = 0; round < 2; round++) {
      const tree = path.join(dir(), 'w3');
      await fs.mkdir(tree);
      await fs.writeFile(path.join(tree, 'f'), `round ${round}`);
      const { ino } = await fs.stat(path.join(tree, 'f'));
      await setAside(scratch, tree);
      await expect(fs.stat(tree)).rejects.toMatchObject({ code: 'ENOENT' });
      const kept = await fs.readdir(path.join(scratch, 'aside'));
      expect(kept).toHaveLength(round + 1);
      const inodes = await Promise.all(kept.map(async (k) => (await fs.stat(path.join(scratch, 'aside', k, 'f'))).ino));
      expect(inodes).toContain(ino);
    }
  });

  it('accepts a tree that does not exist', async () => {
    await setAside(dir(), path.join(dir(), 'missing'));
    expect(await fs.readdir(path.join(dir(), 'aside'))).toEqual([]);
  });
});
