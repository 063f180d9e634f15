// STOR/APPE's pump: data socket to file at explicit positions. The socket delivers 64 KiB chunks;
// they are merged into writes of at least MIN_WRITE (on this kind of machine a 64 KiB pwrite ran at
// 350 MB/s and a 1 MiB one at 1.9 GB/s), and the socket is paused while too much is waiting, so a
// fast client cannot grow server memory.
import { writeBuffers } from '../../../vfs/index.js';
import type { VfsHandle } from '../../../vfs/index.js';
import { noteTraffic } from '../../gc-pacer.js';
import type { DataSocketGuard } from './data-socket.js';

/** Pause reading from the client above this many buffered bytes. */
const HIGH_WATER = 4 * 1024 * 1024;

/** Smallest write while the stream goes on; the tail is written whatever its size. */
export const MIN_WRITE = 1024 * 1024;

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

    /** Once the stream ended (normally or not), what is left goes out whatever its size. */
    let draining = false;

    const pump = async () => {
      if (writing) return;
      writing = true;
      try {
        while (pendingBytes >= MIN_WRITE || (draining && pending.length > 0)) {
          const chunks = pending;
          const bytes = pendingBytes;
          pending = [];
          pendingBytes = 0;
          if (socket.isPaused() && !socket.destroyed) socket.resume();
          // The socket's chunks as they are, in one pwritev where the handle can: no copy into one
          // big buffer (that copy and its garbage were a third of the server's time on uploads).
          await writeBuffers(handle, position, chunks);
          position += bytes;
          stored?.(bytes);
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
      // Each chunk is a fresh 64 KiB buffer: see gc-pacer.ts.
      noteTraffic(chunk.length);
      if (failed !== undefined) return;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > HIGH_WATER) socket.pause();
      void pump();
    });
    const drain = () => {
      draining = true;
      void pump();
    };
    socket.once('end', () => {
      ended = true;
      drain();
    });
    socket.once('close', () => {
      if (!ended) failed ??= data.failure;
      // A broken upload still keeps what had arrived.
      drain();
    });
    socket.resume();
  });
}
