// Positional reads and writes on a cache file that loop until done: the OS may move fewer bytes
// than asked in one call.
import type { FileHandle } from 'node:fs/promises';
import { MAX_CALL_BYTES } from '../backend/local-write-queue.js';
import { totalBytes } from '../handle.js';

/** Bytes in one buffer or several. */
export function byteLength(data: Buffer | readonly Buffer[]): number {
  return Buffer.isBuffer(data) ? data.length : totalBytes(data);
}

/** Writes `data` (one buffer, or several one after another, never joined: no copy) from `position`. */
export async function writeAllAt(fd: FileHandle, data: Buffer | readonly Buffer[], position: number): Promise<void> {
  let at = position;
  for (const buffer of Buffer.isBuffer(data) ? [data] : data) {
    let done = 0;
    while (done < buffer.length) {
      // Never more than MAX_CALL_BYTES per call: larger writes land on slow large folios (see there).
      const { bytesWritten } = await fd.write(buffer, done, Math.min(buffer.length - done, MAX_CALL_BYTES), at + done);
      if (bytesWritten === 0) throw new Error('cache file write made no progress');
      done += bytesWritten;
    }
    at += buffer.length;
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
