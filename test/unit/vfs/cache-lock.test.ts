// One running instance per cache folder: a second Vfs on the same folder is refused, in this
// process or from another live one; a lock left by a dead process (or a reused PID) is taken over.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheLockedError, DEFAULT_VFS_OPTIONS, MemoryBackend, Vfs } from '../../../src-main/vfs/index.js';
import { LOCK_FILE, processStartTime } from '../../../src-main/vfs/cache/cache-lock.js';
import { cacheFolder } from '../../../src-main/vfs/cache/vfs-cache.js';
import { makeCacheDir } from './cache-helpers.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
});

function open(cacheDir: string, cacheName = 'share'): Promise<Vfs> {
  return Vfs.create(new MemoryBackend({ randomAccess: false }), { ...DEFAULT_VFS_OPTIONS, cacheMode: 'writes', cacheDir, cacheName });
}

async function writeLock(cacheDir: string, record: object): Promise<void> {
  const dir = cacheFolder({ cacheDir, cacheName: 'share' });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, LOCK_FILE), JSON.stringify(record));
}

describe('cache folder lock', () => {
  it('refuses a second instance in this process until the first stops', async () => {
    const cacheDir = await makeCacheDir();
    try {
      const first = await open(cacheDir);
      await expect(open(cacheDir)).rejects.toBeInstanceOf(CacheLockedError);
      // Another share has its own folder under the same --cache-dir.
      const other = await open(cacheDir, 'other share');
      await other.shutdown();
      await first.shutdown();
      const again = await open(cacheDir);
      await again.shutdown();
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('refuses while another live process holds it, and takes it over once that process is gone', async () => {
    const cacheDir = await makeCacheDir();
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(child);
    const pid = child.pid as number;
    try {
      await writeLock(cacheDir, { pid, start: processStartTime(pid), host: os.hostname(), token: 'other' });
      const refused = open(cacheDir);
      await expect(refused).rejects.toBeInstanceOf(CacheLockedError);
      await expect(refused).rejects.toThrow(`pid ${pid}`);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(pid, 'SIGKILL');
      await exited;
      const taken = await open(cacheDir);
      await taken.shutdown();
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('takes over a lock whose PID now belongs to another program, or that is unreadable', async () => {
    const cacheDir = await makeCacheDir();
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(child);
    try {
      await writeLock(cacheDir, { pid: child.pid, start: 'started-long-ago', host: os.hostname(), token: 'old' });
      await (await open(cacheDir)).shutdown();
      await writeLock(cacheDir, { garbage: true });
      await (await open(cacheDir)).shutdown();
    } finally {
      if (child.pid) process.kill(child.pid, 'SIGKILL');
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
