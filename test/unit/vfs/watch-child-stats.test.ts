// A directory watch never stat()s the directory's children: chokidar's own listing of a watched
// folder (at the start and after every burst of changes) is cut to bare names no filter takes,
// since the watcher only uses the folder's raw OS events. The watch itself keeps working.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FSWatcher } from 'chokidar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-shared/logger.js';
import { LocalDirWatcher, skipChildStats } from '../../../src-main/vfs/watch.js';
import { makeTempDir, removeTempDir } from '../../vfs-suite/fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('child-stats');
  await Promise.all(Array.from({ length: 50 }, (_, i) => writeFile(path.join(dir, `f${i}`), 'x')));
  await mkdir(path.join(dir, 'sub'));
});
afterEach(async () => {
  await removeTempDir(dir);
});

function streamEntries(stream: NodeJS.ReadableStream | undefined): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    if (!stream) return reject(new Error('no stream'));
    const got: unknown[] = [];
    stream.on('data', (e: unknown) => got.push(e));
    stream.on('error', reject);
    stream.on('end', () => resolve(got));
  });
}

describe('skipChildStats', () => {
  it('asks chokidar for names without stats and lets no entry through', async () => {
    const watcher = new FSWatcher({ persistent: false });
    const seen: Record<string, unknown>[] = [];
    const original = watcher._readdirp;
    watcher._readdirp = (root, options) => {
      seen.push({ ...options });
      return original.call(watcher, root, options);
    };
    skipChildStats(watcher);
    const entries = await streamEntries(watcher._readdirp(dir, { fileFilter: () => true, directoryFilter: () => true }));
    expect(entries).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.['alwaysStat']).toBe(false);
    // Without the hook the same call lists (and stats) every child.
    const plain = new FSWatcher({ persistent: false });
    const all = await streamEntries(plain._readdirp(dir, { fileFilter: () => true, directoryFilter: () => true }));
    expect(all).toHaveLength(51);
    await Promise.all([watcher.close(), plain.close()]);
  });

  it('leaves a watched folder reporting its changes', async () => {
    const changed: string[] = [];
    let watching = false;
    const watcher = new LocalDirWatcher(
      dir,
      { changed: (p) => changed.push(p), changedTree: (p) => changed.push(p), changedChildren: () => undefined, watching: () => (watching = true) },
      silentLogger,
    );
    try {
      watcher.ensure('/');
      const end = Date.now() + 3000;
      while (!watching && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(watching).toBe(true);
      await writeFile(path.join(dir, 'new-file'), 'y');
      while (!changed.includes('/new-file') && Date.now() < end + 3000) await new Promise((r) => setTimeout(r, 10));
      expect(changed).toContain('/new-file');
    } finally {
      await watcher.close();
    }
  });
});
