// The streaming read handle (cache mode off, remote without random access): chunked requests that
// double up to a limit, read-ahead bounded by --buffer-size, forward seeks inside the buffer,
// out-of-order reads waiting for the in-sequence one, --no-seek, and retries on a failed read.
import { afterEach, describe, expect, it } from 'vitest';
import type { VfsOptions } from '../../../src-main/vfs/index.js';
import { makeCachedVfs, pattern, putRemote, READ, sleep } from './cache-helpers.js';
import type { CachedVfs, ReadRecord } from './cache-helpers.js';

const KIB = 1024;
const DATA = pattern(2048 * KIB, 5);

let under: CachedVfs | undefined;
afterEach(async () => {
  await under?.cleanup();
  under = undefined;
});

async function setup(options: Partial<VfsOptions>): Promise<CachedVfs> {
  under = await makeCachedVfs('off', options);
  await putRemote(under.memory, '/big', DATA);
  return under;
}

/** Chunk boundaries for a file read from 0: `initial` doubling up to `limit`. */
function boundaries(initial: number, limit: number | 'off', size: number): number[] {
  const out = [0];
  let chunk = initial;
  for (let at = initial; at < size; ) {
    out.push(at);
    chunk = limit === 'off' ? chunk * 2 : limit <= chunk ? chunk : Math.min(chunk * 2, limit);
    at += chunk;
  }
  return out;
}

function crossesBoundary(read: ReadRecord, marks: number[]): boolean {
  return marks.some((b) => read.position < b && read.position + read.length > b);
}

async function readAll(handle: { read(p: number, l: number): Promise<Buffer> }, chunk: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const part = await handle.read(at, chunk);
    if (part.length === 0) break;
    parts.push(part);
    at += part.length;
  }
  return Buffer.concat(parts);
}

describe('read handle (cache mode off)', () => {
  it('asks for the file in chunks that double (--vfs-read-chunk-size, limit off)', async () => {
    const { vfs, backend } = await setup({ readChunkSize: 64 * KIB, readChunkSizeLimit: 'off', bufferSize: 128 * KIB });
    const h = await vfs.openFile('/big', READ);
    expect((await readAll(h, 32 * KIB)).equals(DATA)).toBe(true);
    await h.close();
    const marks = boundaries(64 * KIB, 'off', DATA.length);
    expect(marks.slice(0, 5)).toEqual([0, 64 * KIB, 192 * KIB, 448 * KIB, 960 * KIB]);
    expect(backend.reads.filter((r) => crossesBoundary(r, marks))).toEqual([]);
    for (const mark of marks) expect(backend.reads.some((r) => r.position === mark)).toBe(true);
  });

  it('stops doubling at --vfs-read-chunk-size-limit', async () => {
    const { vfs, backend } = await setup({ readChunkSize: 64 * KIB, readChunkSizeLimit: 128 * KIB, bufferSize: 0 });
    const h = await vfs.openFile('/big', READ);
    expect((await readAll(h, 100 * KIB)).equals(DATA)).toBe(true);
    await h.close();
    const marks = boundaries(64 * KIB, 128 * KIB, DATA.length);
    expect(marks.slice(0, 4)).toEqual([0, 64 * KIB, 192 * KIB, 320 * KIB]);
    expect(backend.reads.filter((r) => crossesBoundary(r, marks))).toEqual([]);
    // Without a buffer nothing is read ahead: a request is never larger than the read it serves.
    expect(Math.max(...backend.reads.map((r) => r.length))).toBeLessThanOrEqual(100 * KIB);
  });

  it('reads ahead up to --buffer-size and no further', async () => {
    const { vfs, backend } = await setup({ readChunkSize: 0, bufferSize: 256 * KIB });
    const h = await vfs.openFile('/big', READ);
    expect((await h.read(0, 32 * KIB)).equals(DATA.subarray(0, 32 * KIB))).toBe(true);
    await sleep(100);
    const asked = backend.reads.reduce((sum, r) => sum + r.length, 0);
    // The buffer refilled behind the read: 32 KiB consumed plus 256 KiB held.
    expect(asked).toBe(32 * KIB + 256 * KIB);
    const before = backend.reads.length;
    expect((await h.read(32 * KIB, 32 * KIB)).equals(DATA.subarray(32 * KIB, 64 * KIB))).toBe(true);
    // Served from the buffer (the refill may follow, but the data was there already).
    expect(backend.reads.slice(before).every((r) => r.position >= 288 * KIB)).toBe(true);
    await h.close();
  });

  it('a forward jump inside the buffer skips instead of asking again', async () => {
    const { vfs, backend } = await setup({ readChunkSize: 0, bufferSize: 512 * KIB, readWaitMs: 0 });
    const h = await vfs.openFile('/big', READ);
    await h.read(0, 32 * KIB);
    await sleep(50);
    expect((await h.read(300 * KIB, 32 * KIB)).equals(DATA.subarray(300 * KIB, 332 * KIB))).toBe(true);
    // Every request continues where the previous ended: no reopen at 300 KiB.
    for (let i = 1; i < backend.reads.length; i++) {
      const prev = backend.reads[i - 1] as ReadRecord;
      expect((backend.reads[i] as ReadRecord).position).toBe(prev.position + prev.length);
    }
    // A jump backwards reopens there.
    expect((await h.read(KIB, 10)).equals(DATA.subarray(KIB, KIB + 10))).toBe(true);
    expect(backend.reads.some((r) => r.position === KIB)).toBe(true);
    await h.close();
  });

  it('an out-of-order read waits --vfs-read-wait for the in-sequence one instead of seeking', async () => {
    const { vfs, backend } = await setup({ readChunkSize: 0, bufferSize: 0, readWaitMs: 500 });
    const h = await vfs.openFile('/big', READ);
    // The second request arrives first, as pipelined requests may.
    const later = h.read(32 * KIB, 32 * KIB);
    await sleep(20);
    const first = h.read(0, 32 * KIB);
    expect((await first).equals(DATA.subarray(0, 32 * KIB))).toBe(true);
    expect((await later).equals(DATA.subarray(32 * KIB, 64 * KIB))).toBe(true);
    expect(backend.reads.map((r) => r.position)).toEqual([0, 32 * KIB]);
    await h.close();
  });

  it('without a wait the early read seeks (what the wait avoids)', async () => {
    const { vfs, backend } = await setup({ readChunkSize: 0, bufferSize: 0, readWaitMs: 0 });
    const h = await vfs.openFile('/big', READ);
    const later = h.read(32 * KIB, 32 * KIB);
    await sleep(20);
    await h.read(0, 32 * KIB);
    await later;
    expect(backend.reads.map((r) => r.position)).toEqual([32 * KIB, 0]);
    await h.close();
  });

  it('--no-seek refuses anything but sequential reads', async () => {
    const { vfs } = await setup({ noSeek: true, readWaitMs: 0 });
    const h = await vfs.openFile('/big', READ);
    expect((await h.read(0, 10)).equals(DATA.subarray(0, 10))).toBe(true);
    expect((await h.read(10, 10)).equals(DATA.subarray(10, 20))).toBe(true);
    await expect(h.read(100 * KIB, 10)).rejects.toMatchObject({ code: 'ENOSYS' });
    await expect(h.read(0, 10)).rejects.toMatchObject({ code: 'ENOSYS' });
    // Past the end is end of file, not a seek.
    expect((await h.read(DATA.length + 5, 10)).length).toBe(0);
    await h.close();
  });

  it('retries a failed remote read on a reopened file', async () => {
    const { vfs, backend } = await setup({ bufferSize: 0 });
    const h = await vfs.openFile('/big', READ);
    backend.failReads = 2;
    expect((await h.read(1000, 5000)).equals(DATA.subarray(1000, 6000))).toBe(true);
    backend.failReads = 10;
    await expect(h.read(6000, 10)).rejects.toMatchObject({ code: 'EPERM' });
    backend.failReads = 0;
    await h.close();
    await expect(h.read(0, 1)).rejects.toMatchObject({ code: 'ECLOSED' });
  });
});
