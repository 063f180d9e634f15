// A folder that changes faster than a cache can help (an upload of many files) loses its chokidar
// watch and rests unwatched: chokidar re-reads the whole folder after each burst of changes, which
// made every upload into a growing folder cost a pass over all of it. While it
// rests nothing about it is cached (so nothing can go stale), changes made through the share keep
// it resting, and once they stop it is watched (and cached) again.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-shared/logger.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import { LocalDirWatcher } from '../../../src-main/vfs/watch.js';
import { CREATE_TRUNC, listNames, useTempDir } from '../../vfs-suite/fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(probe: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) return false;
    await sleep(10);
  }
  return true;
}

const dir = useTempDir('churn');

describe('LocalDirWatcher churn', () => {
  it('drops a churning folder, keeps it resting while changes go on, and watches it again after', async () => {
    let clock = 1_000_000;
    const trees: string[] = [];
    const watcher = new LocalDirWatcher(
      dir(),
      { changed: () => undefined, changedTree: (p) => trees.push(p), changedChildren: () => undefined },
      silentLogger,
      { churnEvents: 10, churnWindowMs: 60_000, restMs: 5000, now: () => clock },
    );
    try {
      expect(watcher.ensure('/')).toBe(false);
      expect(await until(() => watcher.ensure('/'))).toBe(true);

      // A burst from elsewhere: more events than the limit within the window.
      for (let i = 0; i < 30; i++) await writeFile(path.join(dir(), `f${i}`), 'x');
      expect(await until(() => watcher.isResting('/'))).toBe(true);
      // Dropping said the whole folder changed: its cached data goes.
      expect(trees).toContain('/');
      expect(watcher.ensure('/')).toBe(false);

      // Changes through the share push the end of the rest out.
      clock += 4000;
      watcher.changedHere('/');
      clock += 4000;
      expect(watcher.isResting('/')).toBe(true);
      expect(watcher.ensure('/')).toBe(false);
      // A change elsewhere does not.
      watcher.changedHere('/other');
      clock += 1001;
      expect(watcher.isResting('/')).toBe(false);

      // Quiet again: watched (and trusted) once more.
      expect(watcher.ensure('/')).toBe(false);
      expect(await until(() => watcher.ensure('/'))).toBe(true);
    } finally {
      await watcher.close();
    }
  });

  it('a slow trickle of changes never trips it', async () => {
    let clock = 0;
    const watcher = new LocalDirWatcher(
      dir(),
      { changed: () => undefined, changedTree: () => undefined, changedChildren: () => undefined },
      silentLogger,
      { churnEvents: 5, churnWindowMs: 1000, restMs: 5000, now: () => clock },
    );
    try {
      watcher.ensure('/');
      expect(await until(() => watcher.ensure('/'))).toBe(true);
      for (let i = 0; i < 12; i++) {
        // Each file is its own window: at most a few events each.
        clock += 1000;
        await writeFile(path.join(dir(), `slow${i}`), 'x');
        await sleep(30);
      }
      expect(watcher.isResting('/')).toBe(false);
      expect(watcher.ensure('/')).toBe(true);
    } finally {
      await watcher.close();
    }
  });
});

describe('a Vfs over a churning folder', () => {
  it('serves fresh listings while the folder rests, and caches again once it is quiet', async () => {
    const vfs = new Vfs(await createLocalBackend(dir()), { ...DEFAULT_VFS_OPTIONS, dirCacheTimeMs: 5 * 60_000, pollIntervalMs: 60_000 });
    try {
      await vfs.mkdir('/up');
      // Watched and cached first.
      await listNames(vfs, '/up');
      await sleep(200);
      await listNames(vfs, '/up');
      // Many uploads through the share: the folder's watch goes (the default limit is 64 events a second).
      for (let i = 0; i < 100; i++) {
        const h = await vfs.openFile(`/up/f${i}`, CREATE_TRUNC);
        await h.write(0, Buffer.from('data'));
        await h.close();
      }
      expect((await listNames(vfs, '/up')).length).toBe(100);
      // Another process adds a file: with no cache kept for the resting folder, it shows at once.
      await writeFile(path.join(dir(), 'up', 'outside'), 'x');
      expect(await listNames(vfs, '/up')).toContain('outside');
    } finally {
      await vfs.shutdown();
    }
  });
});
