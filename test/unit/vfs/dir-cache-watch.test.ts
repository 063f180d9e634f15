// Local shares: the directory cache is kept honest by watching (chokidar) the folders it holds,
// so files created, changed or removed on disk by another process show up. With the watcher off
// (--poll-interval 0) the same change stays hidden until the cache expires: the watcher is what
// makes the difference.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import type { Backend, VfsEntry, VfsOptions } from '../../../src-main/vfs/index.js';
import { listNames, makeTempDir, removeTempDir } from '../../vfs-suite/fixtures.js';

const run = promisify(execFile);

/** Another process changes the disk: a separate node running one fs call. */
async function otherProcess(script: string, ...args: string[]): Promise<void> {
  await run(process.execPath, ['-e', `const fs = require('node:fs'); ${script}`, ...args]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 3000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > end) return value;
    await sleep(20);
  }
}

let dir: string;
let vfs: Vfs;
let lists: number;

async function makeVfs(extra: Partial<VfsOptions>): Promise<Vfs> {
  const backend: Backend = await createLocalBackend(dir);
  const list = backend.list.bind(backend);
  backend.list = (p: string): AsyncIterable<readonly VfsEntry[]> => {
    lists++;
    return list(p);
  };
  return new Vfs(backend, { ...DEFAULT_VFS_OPTIONS, dirCacheTimeMs: 5 * 60_000, ...extra });
}

/** Lists until the listing is served from the cache (the folder is watched and cached). */
async function cached(p: string): Promise<string[]> {
  const end = Date.now() + 3000;
  for (;;) {
    const before = lists;
    const names = await listNames(vfs, p);
    if (lists === before) return names;
    if (Date.now() > end) throw new Error(`${p} never came from the cache`);
    await sleep(10);
  }
}

beforeEach(async () => {
  dir = await makeTempDir('watch');
  await mkdir(path.join(dir, 'sub'));
  await writeFile(path.join(dir, 'sub', 'old'), 'x');
  lists = 0;
});
afterEach(async () => {
  await vfs.shutdown();
  await removeTempDir(dir);
});

describe('changes on disk by others (chokidar)', () => {
  it('reads a listed folder again once its watch is live, so the next listing is cached', async () => {
    vfs = await makeVfs({});
    expect(await listNames(vfs, '/sub')).toEqual(['old']);
    expect(lists).toBe(1);
    // The watch comes live in the background and the folder is read once more, unasked...
    const end = Date.now() + 3000;
    while (lists < 2 && Date.now() < end) await sleep(10);
    expect(lists).toBe(2);
    // ...so the client's second listing touches the disk no more.
    expect(await listNames(vfs, '/sub')).toEqual(['old']);
    expect(lists).toBe(2);
    // A lookup inside a folder watches it but never reads it unasked.
    await writeFile(path.join(dir, 'other-file'), 'y');
    await vfs.stat('/other-file');
    await sleep(500);
    expect(lists).toBe(2);
    // The warm listing sees what changed between the first listing and the watch.
    await otherProcess('fs.writeFileSync(process.argv[1], "z")', path.join(dir, 'sub', 'new'));
    expect(await until(() => listNames(vfs, '/sub'), (n) => n.includes('new'))).toEqual(['new', 'old']);
  });

  it('notices a file created, grown and removed by another process', async () => {
    vfs = await makeVfs({ pollIntervalMs: 60_000 });
    expect(await cached('/sub')).toEqual(['old']);
    expect((await vfs.stat('/sub/old')).size).toBe(1);

    await otherProcess('fs.writeFileSync(process.argv[1], "new")', path.join(dir, 'sub', 'new'));
    expect(await until(() => listNames(vfs, '/sub'), (n) => n.includes('new'))).toEqual(['new', 'old']);

    await otherProcess('fs.appendFileSync(process.argv[1], "more")', path.join(dir, 'sub', 'old'));
    expect(await until(async () => (await vfs.stat('/sub/old')).size, (s) => s === 5)).toBe(5);

    await otherProcess('fs.unlinkSync(process.argv[1])', path.join(dir, 'sub', 'old'));
    expect(await until(() => listNames(vfs, '/sub'), (n) => !n.includes('old'))).toEqual(['new']);
  });

  it('follows a watched folder replaced by another process', async () => {
    vfs = await makeVfs({ pollIntervalMs: 60_000 });
    await cached('/sub');
    await otherProcess(
      'fs.rmSync(process.argv[1], { recursive: true }); fs.mkdirSync(process.argv[1]); fs.writeFileSync(process.argv[1] + "/fresh", "")',
      path.join(dir, 'sub'),
    );
    expect(await until(() => listNames(vfs, '/sub'), (n) => n.includes('fresh'))).toEqual(['fresh']);
    // Still cached (and still right) after the new folder is watched.
    await cached('/sub');
    await otherProcess('fs.writeFileSync(process.argv[1], "")', path.join(dir, 'sub', 'later'));
    expect(await until(() => listNames(vfs, '/sub'), (n) => n.includes('later'))).toEqual(['fresh', 'later']);
  });

  it('without change notification (--poll-interval 0) the cache holds until it expires or is forgotten', async () => {
    vfs = await makeVfs({ pollIntervalMs: 0 });
    expect(await cached('/sub')).toEqual(['old']);
    await otherProcess('fs.writeFileSync(process.argv[1], "new")', path.join(dir, 'sub', 'new'));
    await sleep(300);
    expect(await listNames(vfs, '/sub')).toEqual(['old']);
    vfs.forget('/sub');
    expect(await listNames(vfs, '/sub')).toEqual(['new', 'old']);
  });
});
