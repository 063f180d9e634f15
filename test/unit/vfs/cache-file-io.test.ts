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

describe('writeAllAt in parallel', () => {
  it('keeps several calls in flight at once, and every byte still lands in place', async () => {
    const file = Buffer.alloc(3 * 1024 * 1024);
    let inFlight = 0;
    let most = 0;
    const handle = {
      async write(buffer: Buffer, offset: number, length: number, position: number) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        buffer.copy(file, position, offset, offset + length);
        inFlight--;
        return { bytesWritten: length, buffer };
      },
    } as unknown as FileHandle;
    const parts = [Buffer.alloc(1024 * 1024, 7), Buffer.alloc(700 * 1024, 9)];
    await writeAllAt(handle, parts, 512);
    expect(file.subarray(512, 512 + byteLength(parts)).equals(Buffer.concat(parts))).toBe(true);
    expect(most).toBeGreaterThan(1);
  });

  it('on a failed call, returns only once every call in flight has settled, and starts no more', async () => {
    let started = 0;
    let settled = 0;
    const handle = {
      async write(buffer: Buffer, _offset: number, length: number, position: number) {
        started++;
        await new Promise((r) => setTimeout(r, position === 0 ? 1 : 20));
        settled++;
        if (position === 0) throw new Error('disk full');
        return { bytesWritten: length, buffer };
      },
    } as unknown as FileHandle;
    await expect(writeAllAt(handle, Buffer.alloc(4 * 1024 * 1024), 0)).rejects.toThrow('disk full');
    // The caller may reuse its buffer now: nothing is still writing from it.
    expect(settled).toBe(started);
    expect(started).toBeLessThan(16);
  });
});
