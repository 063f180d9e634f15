// STOR/APPE's pump: data socket to file at explicit positions. Chunks that arrive while a write is
// in progress are merged into the next write (fewer, larger writes), and the socket is paused while
// too much is waiting, so a fast client cannot grow server memory.
import type { VfsHandle } from '../../../vfs/index.js';
import type { DataSocketGuard } from './data-socket.js';

/** Pause reading from the client above this many buffered bytes. */
const HIGH_WATER = 4 * 1024 * 1024;

/**
 * Writes everything the client sends, starting at `start`. Resolves with the end position when the
 * client closes the stream normally. On any failure it still writes what had arrived (a broken
 * upload keeps its received bytes; nothing is deleted), then rejects. `stored` hears each write's size.
 */
export function receiveFile(data: DataSocketGuard, handle: VfsHandle, start: number, stored?: (bytes: number) => void): Promise<number> {
  const socket = data.socket;
  return new Promise((resolve, reject) => {
    let position = start;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let writing = false;
    let ended = false;
    let failed: unknown;
    let settled = false;

    const settle = () => {
      if (settled || writing || pending.length > 0) return;
      if (failed !== undefined) {
        settled = true;
        reject(failed);
      } else if (ended) {
        settled = true;
        resolve(position);
      }
    };

    const pump = async () => {
      if (writing) return;
      writing = true;
      try {
        while (pending.length > 0) {
          const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
          pending = [];
          pendingBytes = 0;
          if (socket.isPaused() && !socket.destroyed) socket.resume();
          await handle.write(position, chunk);
          position += chunk.length;
          stored?.(chunk.length);
        }
      } catch (err) {
        failed ??= err;
        pending = [];
        data.kill(data.failure);
      } finally {
        writing = false;
      }
      settle();
    };

    socket.on('data', (chunk: Buffer) => {
      if (failed !== undefined) return;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > HIGH_WATER) socket.pause();
      void pump();
    });
    socket.once('end', () => {
      ended = true;
      settle();
    });
    socket.once('close', () => {
      if (!ended) failed ??= data.failure;
      settle();
    });
    socket.resume();
  });
}
