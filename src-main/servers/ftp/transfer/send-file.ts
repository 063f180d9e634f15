// RETR's pump: reads the file at explicit positions and writes to the data socket, keeping one read
// in flight while the previous chunk drains, so disk and network overlap. ftp-srv paused and resumed
// a read stream around every 64 KiB write callback. Reads go into pooled buffers (see buffer-pool).
import type { VfsHandle } from '../../../vfs/index.js';
import { BufferPool } from './buffer-pool.js';
import type { DataSocketGuard } from './data-socket.js';

/** 256 KiB: large enough to keep a fast link busy, small enough to stay well under memory limits. */
export const SEND_CHUNK = 256 * 1024;

/** Shared by every download: each holds about three buffers at a time (read ahead, queued, sending). */
const POOL = new BufferPool(SEND_CHUNK, 16);

interface Chunk {
  readonly bytes: Buffer;
  /** Gives the backing buffer back once nothing refers to it any more. */
  readonly release: () => void;
}

/**
 * Chunks handed to the socket and not yet written out. Reads are often answered at once (inline,
 * from the page cache), so without this bound the loop would outrun the socket's write callbacks,
 * which are what return buffers to the pool, and take a fresh 256 KiB buffer each time: four
 * parallel downloads grew the server to 250 MB.
 */
const MAX_UNSENT = 2;

/** Sends the file from `offset` to the end; returns the bytes sent. `sent` hears each chunk's size. */
export async function sendFile(handle: VfsHandle, offset: number, data: DataSocketGuard, sent?: (bytes: number) => void): Promise<number> {
  let position = offset;
  const unsent: Promise<void>[] = [];
  let next = readAhead(handle, position);
  for (;;) {
    const chunk = await next;
    if (chunk.bytes.length === 0) {
      chunk.release();
      break;
    }
    position += chunk.bytes.length;
    while (unsent.length >= MAX_UNSENT) await unsent.shift();
    next = readAhead(handle, position);
    let settle!: () => void;
    unsent.push(new Promise<void>((done) => (settle = done)));
    // `settle` runs whether or not the write succeeded, so a broken socket never leaves the loop
    // waiting; a failed write keeps its buffer out of the pool (the socket may still refer to it).
    await data.write(chunk.bytes, (ok) => {
      if (ok) chunk.release();
      settle();
    });
    sent?.(chunk.bytes.length);
  }
  await data.finish();
  return position - offset;
}

/**
 * Starts a read that may fail while we are still waiting on the socket: it is marked handled at
 * once (an unhandled rejection would end the process), and `await` on it still sees the error.
 * A read that is abandoned keeps its buffer (never returned to the pool, so never reused early).
 */
function readAhead(handle: VfsHandle, position: number): Promise<Chunk> {
  const read = readChunk(handle, position);
  read.catch(() => undefined);
  return read;
}

async function readChunk(handle: VfsHandle, position: number): Promise<Chunk> {
  if (!handle.readInto) {
    const bytes = await handle.read(position, SEND_CHUNK);
    return { bytes, release: () => undefined };
  }
  const buffer = POOL.take();
  const n = await handle.readInto(position, buffer, 0, SEND_CHUNK);
  return { bytes: buffer.subarray(0, n), release: () => POOL.give(buffer) };
}
