// The cache file's write loop: several buffers go to the file one after another without being
// joined (no copy), no single call carries more than MAX_CALL_BYTES, and short writes are resumed.
import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MAX_CALL_BYTES } from '../../../src-main/vfs/backend/local-write-queue.js';
import { byteLength, writeAllAt } from '../../../src-main/vfs/cache/file-io.js';

/** A file in memory that records each write call and, when asked, writes less than requested. */
function fakeFile(shortBy = 0) {
  const file = Buffer.alloc(4 * 1024 * 1024);
  const calls: { readonly source: Buffer; readonly length: number }[] = [];
  const handle = {
    async write(buffer: Buffer, offset: number, length: number, position: number) {
      const n = Math.max(1, length - shortBy);
      buffer.copy(file, position, offset, offset + n);
      calls.push({ source: buffer, length: n });
      return { bytesWritten: n, buffer };
    },
  };
  return { handle: handle as unknown as FileHandle, file, calls };
}

describe('writeAllAt', () => {
  it('writes several buffers in order from the position, each from itself, in calls of at most MAX_CALL_BYTES', async () => {
    const parts = [Buffer.alloc(300 * 1024, 1), Buffer.alloc(0), Buffer.from('middle'), Buffer.alloc(600 * 1024, 2)];
    const { handle, file, calls } = fakeFile();
    await writeAllAt(handle, parts, 1000);
    const whole = Buffer.concat(parts);
    expect(file.subarray(1000, 1000 + whole.length).equals(whole)).toBe(true);
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(MAX_CALL_BYTES);
    // Never a joined copy: every call wrote from one of the caller's own buffers.
    for (const c of calls) expect(parts).toContain(c.source);
    expect(calls.reduce((n, c) => n + c.length, 0)).toBe(byteLength(parts));
  });

  it('resumes short writes until every byte is written', async () => {
    const data = Buffer.from('abcdefghijklmnopqrstuvwxyz');
    const { handle, file, calls } = fakeFile(20);
    await writeAllAt(handle, data, 7);
    expect(file.subarray(7, 7 + data.length).toString()).toBe(data.toString());
    expect(calls.length).toBeGreaterThan(1);
  });
});
