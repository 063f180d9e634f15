// Positional reads and writes on a cache file that loop until done: the OS may move fewer bytes
// than asked in one call.
import type { FileHandle } from 'node:fs/promises';

export async function writeAllAt(fd: FileHandle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await fd.write(data, done, data.length - done, position + done);
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
