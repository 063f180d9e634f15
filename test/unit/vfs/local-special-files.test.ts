// A FIFO (or any other non-regular file) in a local share is refused at once, for every open mode,
// whether the backend opens inline or on the thread pool, and as the source of a copy. Without
// O_NONBLOCK an open of a FIFO waits for the other end: inline, that froze the event loop and so
// every session. Should it ever block again, a helper process opens the FIFO after 2 s, so the
// open completes late (and the test fails on the time) instead of hanging the test run.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../../src-main/vfs/index.js';
import type { Backend } from '../../../src-main/vfs/index.js';
import { APPEND, CREATE_TRUNC, makeTempDir, RDWR, READ, removeTempDir, WRITE } from '../../vfs-suite/fixtures.js';

let dir: string;
let unblocker: ChildProcess | undefined;

beforeEach(async () => {
  dir = await makeTempDir('special');
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  // O_RDWR on a FIFO never blocks and counts as both ends: it would release a blocked open.
  unblocker = spawn('/usr/bin/python3', ['-c', `import os,time; time.sleep(2); fd=os.open(${JSON.stringify(path.join(dir, 'pipe'))}, os.O_RDWR); time.sleep(3)`], { stdio: 'ignore' });
});

afterEach(async () => {
  unblocker?.kill('SIGKILL');
  delete process.env.WHARF_INLINE_IO;
  await removeTempDir(dir);
});

async function refusedAtOnce(attempt: () => Promise<unknown>): Promise<void> {
  // A thunk: an inline open that blocks does so before it returns its promise.
  const started = performance.now();
  await expect(attempt()).rejects.toMatchObject({ code: 'EPERM', message: expect.stringMatching(/Not a regular file/) });
  expect(performance.now() - started).toBeLessThan(1000);
}

for (const inline of [true, false]) {
  describe(`a FIFO in a local share (${inline ? 'inline opens' : 'thread-pool opens'})`, () => {
    let backend: Backend;
    beforeEach(async () => {
      // The backend reads WHARF_INLINE_IO when it is created.
      if (!inline) process.env.WHARF_INLINE_IO = '0';
      backend = await createLocalBackend(dir);
    });
    afterEach(async () => {
      await backend.close();
    });

    it('is refused at once for reading, writing, appending, read-write and create-truncate', async () => {
      for (const flags of [READ, WRITE, APPEND, RDWR, CREATE_TRUNC]) await refusedAtOnce(() => backend.open('/pipe', flags, 0o644));
    });

    it('is refused as the source of a copy', async () => {
      await refusedAtOnce(() => backend.copy('/pipe', '/copy', false));
    });
  });
}
