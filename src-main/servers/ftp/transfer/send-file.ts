// RETR's pump: reads the file at explicit positions and writes to the data socket, keeping one read
// in flight while the previous chunk drains, so disk and network overlap. ftp-srv paused and resumed
// a read stream around every 64 KiB write callback.
import type { VfsHandle } from '../../../vfs/index.js';
import type { DataSocketGuard } from './data-socket.js';

/** 256 KiB: large enough to keep a fast link busy, small enough to stay well under memory limits. */
export const SEND_CHUNK = 256 * 1024;

/** Sends the file from `offset` to the end; returns the bytes sent. */
export async function sendFile(handle: VfsHandle, offset: number, data: DataSocketGuard): Promise<number> {
  let position = offset;
  let next = readAhead(handle, position);
  for (;;) {
    const chunk = await next;
    if (chunk.length === 0) break;
    position += chunk.length;
    next = readAhead(handle, position);
    await data.write(chunk);
  }
  await data.finish();
  return position - offset;
}

/**
 * Starts a read that may fail while we are still waiting on the socket: it is marked handled at
 * once (an unhandled rejection would end the process), and `await` on it still sees the error.
 */
function readAhead(handle: VfsHandle, position: number): Promise<Buffer> {
  const read = handle.read(position, SEND_CHUNK);
  read.catch(() => undefined);
  return read;
}
