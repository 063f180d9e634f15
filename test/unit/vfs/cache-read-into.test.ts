// readInto on a cached file (--vfs-cache-mode minimal, writes, full): the SFTP server reads straight
// into its pooled reply buffers through it. Bytes land at the target's offset, no more than asked,
// 0 at end of file, and a handle open for writing only refuses.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import { READ, useTempDir, WRITE } from '../../vfs-suite/fixtures.js';

const dir = useTempDir('read-into');

describe('readInto through the file cache', () => {
  for (const cacheMode of ['minimal', 'writes', 'full'] as const) {
    it(`fills the target at its offset (cache mode ${cacheMode})`, async () => {
      const content = randomBytes(300_000);
      await writeFile(path.join(dir(), 'f'), content);
      const vfs = await Vfs.create(await createLocalBackend(dir()), { ...DEFAULT_VFS_OPTIONS, cacheMode, cacheDir: path.join(dir(), '.cache') });
      try {
        const h = await vfs.openFile('/f', READ);
        expect(h.readInto).toBeDefined();
        const target = Buffer.alloc(70_000, 0xee);
        expect(await h.readInto?.(100_000, target, 13, 65_536)).toBe(65_536);
        expect(target.subarray(13, 13 + 65_536).equals(content.subarray(100_000, 165_536))).toBe(true);
        // Nothing outside the window asked for was touched.
        expect(target.subarray(0, 13).every((b) => b === 0xee)).toBe(true);
        expect(target.subarray(13 + 65_536).every((b) => b === 0xee)).toBe(true);
        // Near the end: only what is left; at the end: 0.
        expect(await h.readInto?.(299_990, target, 0, 1000)).toBe(10);
        expect(target.subarray(0, 10).equals(content.subarray(299_990))).toBe(true);
        expect(await h.readInto?.(300_000, target, 0, 1000)).toBe(0);
        await h.close();
        const w = await vfs.openFile('/f', WRITE);
        if (w.readInto) await expect(w.readInto(0, target, 0, 10)).rejects.toMatchObject({ code: 'EBADF' });
        await w.close();
      } finally {
        await vfs.shutdown();
      }
    });
  }
});
