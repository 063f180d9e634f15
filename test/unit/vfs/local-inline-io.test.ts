// Inline local I/O: on while calls are fast, off for a cool-down after two slow calls in a row (or
// one stalled call), never for big
// transfers; and what the local file answers without a syscall (end of file just found by a short
// read, the stat taken at open) stays right when the handle itself changes the file.
import { createHook } from 'node:async_hooks';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COOL_DOWN_MS, INLINE_MAX_BYTES, InlineIo, SLOW_MS, SLOW_WINDOW_MS, STALL_MS } from '../../../src-main/vfs/backend/local-inline-io.js';
import { createLocalBackend } from '../../../src-main/vfs/index.js';
import type { Backend } from '../../../src-main/vfs/index.js';
import { CREATE_TRUNC, makeTempDir, RDWR, READ, removeTempDir } from '../../vfs-suite/fixtures.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: a call that takes this long
  }
}

describe('InlineIo', () => {
  it('allows small calls, and after a second slow call sends everything to the thread pool for the cool-down', () => {
    let clock = 0;
    const io = new InlineIo(true, () => clock);
    expect(io.allowed(4096)).toBe(true);
    expect(io.allowed(INLINE_MAX_BYTES + 1)).toBe(false);
    expect(io.run(() => 42)).toBe(42);
    expect(io.coolingDown).toBe(false);
    io.run(() => busy(SLOW_MS + 2));
    // One slow call may be the process descheduled mid-call: still inline.
    expect(io.coolingDown).toBe(false);
    clock += SLOW_WINDOW_MS / 2;
    io.run(() => busy(SLOW_MS + 2));
    expect(io.coolingDown).toBe(true);
    expect(io.allowed()).toBe(false);
    clock += COOL_DOWN_MS;
    expect(io.allowed()).toBe(true);
  });

  it('forgives slow calls further apart than the window, but not one stalled call', () => {
    let clock = 0;
    const io = new InlineIo(true, () => clock);
    io.slow(SLOW_MS + 1);
    clock += SLOW_WINDOW_MS + 1;
    io.slow(SLOW_MS + 1);
    clock += SLOW_WINDOW_MS + 1;
    io.slow(SLOW_MS + 1);
    expect(io.coolingDown).toBe(false);
    io.slow(STALL_MS);
    expect(io.coolingDown).toBe(true);
  });

  it('passes errors through and still times the call', () => {
    const io = new InlineIo(true, () => 0);
    for (let i = 0; i < 2; i++) {
      expect(() =>
        io.run(() => {
          busy(SLOW_MS + 2);
          throw new Error('boom');
        }),
      ).toThrow('boom');
    }
    expect(io.coolingDown).toBe(true);
  });

  it('can be switched off', () => {
    expect(new InlineIo(false).allowed()).toBe(false);
  });
});

describe('local file answers without a syscall', () => {
  let dir: string;
  let backend: Backend;
  beforeEach(async () => {
    dir = await makeTempDir('inline');
    await writeFile(path.join(dir, 'f'), '0123456789');
    backend = await createLocalBackend(dir);
  });
  afterEach(async () => {
    await backend.close();
    await removeTempDir(dir);
  });

  it('the read after a short read is EOF for a moment; then the file is read again', async () => {
    const file = await backend.open('/f', READ, 0);
    expect((await file.read(0, 100)).toString()).toBe('0123456789');
    await appendFile(path.join(dir, 'f'), 'more');
    // Right after the short read: its end of file answers.
    expect((await file.read(10, 100)).length).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await file.read(10, 100)).toString()).toBe('more');
    await file.close();
  });

  it('a write through the handle forgets the end of file and the stat taken at open', async () => {
    const file = await backend.open('/f', RDWR, 0);
    expect((await file.stat()).size).toBe(10);
    expect((await file.read(0, 100)).length).toBe(10);
    await file.write(10, Buffer.from('abc'));
    expect((await file.read(10, 100)).toString()).toBe('abc');
    expect((await file.stat()).size).toBe(13);
    await file.close();
  });
});

describe('a small upload never waits for the thread pool', () => {
  let dir: string;
  let backend: Backend;
  beforeEach(async () => {
    dir = await makeTempDir('inline-file');
    backend = await createLocalBackend(dir);
  });
  afterEach(async () => {
    await backend.close();
    await removeTempDir(dir);
  });

  /** The node:fs requests handed to libuv's thread pool while `body` runs. */
  async function poolRequests(body: () => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    const hook = createHook({
      init(_id, type) {
        if (type.startsWith('FSREQ')) seen.push(type);
      },
    });
    hook.enable();
    try {
      await body();
    } finally {
      hook.disable();
    }
    return seen;
  }

  it('opens, writes, closes and sets the time inline; a close after a big write goes to the pool', async () => {
    const small = await poolRequests(async () => {
      const file = await backend.open('/small', CREATE_TRUNC, 0o644);
      await file.write(0, Buffer.from('hello'));
      await file.close();
      await backend.setAttrs('/small', { mtimeMs: 1_000_000_000 }, true);
    });
    expect(small).toEqual([]);
    expect(await readFile(path.join(dir, 'small'), 'utf8')).toBe('hello');
    expect((await backend.stat('/small')).mtimeMs).toBe(1_000_000_000);

    const file = await backend.open('/big', CREATE_TRUNC, 0o644);
    const big = Buffer.alloc(INLINE_MAX_BYTES + 1, 1);
    await file.write(0, big);
    const closing = await poolRequests(() => file.close());
    expect(closing).toHaveLength(1);
    expect((await readFile(path.join(dir, 'big'))).equals(big)).toBe(true);
  });
});
