// writev on a Vfs handle: the buffers land one after another from the position (or at the end of
// file in append mode), through every layer (tracking, directory cache, local file, and the
// cache's rw handle, which writes them to its cache file one by one without joining them). The
// writes-mode file is larger than the write-back's 1 MiB block, so its upload reuses one buffer
// over several blocks and must still deliver every byte.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import { APPEND, CREATE_TRUNC, useTempDir } from '../../vfs-suite/fixtures.js';

const dir = useTempDir('writev');

const parts = [Buffer.from('one-'), Buffer.alloc(0), Buffer.from('two-'), Buffer.alloc(70_000, 120), Buffer.from('-end'), randomBytes(1_500_000), randomBytes(900_000)];
const whole = Buffer.concat(parts);

describe('VfsHandle.writev', () => {
  for (const cacheMode of ['off', 'writes'] as const) {
    it(`writes the buffers in order (cache mode ${cacheMode})`, async () => {
      const vfs = await Vfs.create(await createLocalBackend(dir()), { ...DEFAULT_VFS_OPTIONS, cacheMode, cacheDir: path.join(dir(), '.cache') });
      try {
        const h = await vfs.openFile('/f', CREATE_TRUNC);
        expect(h.writev).toBeDefined();
        await h.writev?.(0, parts);
        await h.writev?.(whole.length, [Buffer.from('!')]);
        await h.close();
        expect((await vfs.stat('/f')).size).toBe(whole.length + 1);
      } finally {
        // Shutting down uploads what the cache holds (writes mode) before the bytes are checked.
        await vfs.shutdown();
      }
      const got = await readFile(path.join(dir(), 'f'));
      expect(got.equals(Buffer.concat([whole, Buffer.from('!')]))).toBe(true);
    });
  }

  for (const cacheMode of ['off', 'writes'] as const) {
    it(`appends at the end of file in append mode, whatever the position (cache mode ${cacheMode})`, async () => {
      await writeFile(path.join(dir(), 'log'), 'start:');
      const vfs = await Vfs.create(await createLocalBackend(dir()), { ...DEFAULT_VFS_OPTIONS, cacheMode, cacheDir: path.join(dir(), '.cache') });
      try {
        const h = await vfs.openFile('/log', APPEND);
        await h.writev?.(0, [Buffer.from('a'), Buffer.from('b')]);
        await h.writev?.(0, [Buffer.from('c')]);
        await h.close();
      } finally {
        await vfs.shutdown();
      }
      expect(await readFile(path.join(dir(), 'log'), 'utf8')).toBe('start:abc');
    });
  }
});
