// Positional reads and writes on a cache file that loop until done: the OS may move fewer bytes
// than asked in one call.
import type { FileHandle } from 'node:fs/promises';
import { MAX_CALL_BYTES } from '../backend/local-write-queue.js';
import { totalBytes } from '../handle.js';

/** Bytes in one buffer or several. */
export function byteLength(data: Buffer | readonly Buffer[]): number {
  return Buffer.isBuffer(data) ? data.length : totalBytes(data);
}

/** Calls in flight at once: each is a trip to libuv's thread pool (4 threads by default). */
const PARALLEL_CALLS = 4;

interface Slice {
  readonly buffer: Buffer;
  readonly offset: number;
  readonly length: number;
  readonly position: number;
}

/**
 * Writes `data` (one buffer, or several one after another, never joined: no copy) from `position`,
 * in calls of at most MAX_CALL_BYTES (larger writes land on slow large folios: see there). The
 * calls cover distinct ranges, so several run at once: one after another, each waited for, a
 * 1 GiB upload spent more time handing writes to the thread pool and back than writing.
 */
export async function writeAllAt(fd: FileHandle, data: Buffer | readonly Buffer[], position: number): Promise<void> {
  const slices: Slice[] = [];
  let at = position;
  for (const buffer of Buffer.isBuffer(data) ? [data] : data) {
    for (let offset = 0; offset < buffer.length; offset += MAX_CALL_BYTES) {
      const length = Math.min(buffer.length - offset, MAX_CALL_BYTES);
      slices.push({ buffer, offset, length, position: at + offset });
    }
    at += buffer.length;
  }
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    try {
      while (next < slices.length && !failed) await writeSlice(fd, slices[next++] as Slice);
    } catch (err) {
      // The other lanes finish the call they are in and take no more.
      failed = true;
      throw err;
    }
  };
  // Every call settles before this returns, failed or not: the caller may reuse its buffers then.
  const results = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL_CALLS, slices.length) }, lane));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function writeSlice(fd: FileHandle, slice: Slice): Promise<void> {
  let done = 0;
  while (done < slice.length) {
    const { bytesWritten } = await fd.write(slice.buffer, slice.offset + done, slice.length - done, slice.position + done);
    if (bytesWritten === 0) throw new Error('cache file write made no progress');
    done += bytesWritten;
  }
}

/** Fills `buffer` from `position`; returns how many bytes were read (fewer only at end of file). */
export async function readAllAt(fd: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await fd.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
