// STOR/APPE's pump: data socket to file (upload-writer.ts), fed one of two ways. A socket built
// with a UserReads switch (data/user-reads.ts) reads straight into pooled 1 MiB buffers, which
// then go to the file as they are; any other socket (TLS, or one that could not be rebuilt) gives
// 'data' events of fresh 64 KiB chunks. Either way reading pauses while too much waits for the
// disk, so a fast client cannot grow server memory.
import type { VfsHandle } from '../../../vfs/index.js';
import { MIN_ROOM, userReadsOf } from '../data/user-reads.js';
import type { ReadTarget, UserReads } from '../data/user-reads.js';
import { noteFreshBytes } from '../../gc-pacer.js';
import { BufferPool } from './buffer-pool.js';
import type { DataSocketGuard } from './data-socket.js';
import { UploadWriter } from './upload-writer.js';

/** Reads land in buffers of this size; a full one (less than MIN_ROOM left) goes to the file. */
export const RECEIVE_BUFFER = 1024 * 1024;

/** Shared by every upload: each holds up to ~6 buffers (filling, queued up to the high water, writing). */
const POOL = new BufferPool(RECEIVE_BUFFER, 16);

/**
 * Writes everything the client sends, starting at `start`. Resolves with the end position when the
 * client closes the stream normally. On any failure it still writes what had arrived (a broken
 * upload keeps its received bytes; nothing is deleted), then rejects. `stored` hears each write's size.
 */
export function receiveFile(data: DataSocketGuard, handle: VfsHandle, start: number, stored?: (bytes: number) => void): Promise<number> {
  const reads = userReadsOf(data.socket);
  return reads ? receiveIntoPool(data, reads, handle, start, stored) : receiveChunks(data, handle, start, stored);
}

/** The common end of both feeders: 'end' is a normal finish, a 'close' before it a failure. */
function finishOnEnd(data: DataSocketGuard, writer: UploadWriter, beforeFinish: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let ended = false;
    let finished = false;
    const finish = (failure?: unknown) => {
      if (finished) return;
      finished = true;
      beforeFinish();
      writer.finish(failure).then(resolve, reject);
    };
    data.socket.once('end', () => {
      ended = true;
      finish();
    });
    // A broken upload still keeps what had arrived.
    data.socket.once('close', () => finish(ended ? undefined : data.failure));
  });
}

function receiveChunks(data: DataSocketGuard, handle: VfsHandle, start: number, stored?: (bytes: number) => void): Promise<number> {
  const socket = data.socket;
  const writer = new UploadWriter(handle, start, {
    stored,
    room: () => {
      if (socket.isPaused() && !socket.destroyed) socket.resume();
    },
    fail: () => data.kill(data.failure),
  });
  socket.on('data', (chunk: Buffer) => {
    // Each chunk is a fresh 64 KiB buffer: see gc-pacer.ts.
    noteFreshBytes(chunk.length);
    writer.add(chunk);
    if (writer.full) socket.pause();
  });
  const done = finishOnEnd(data, writer, () => undefined);
  socket.resume();
  return done;
}

function receiveIntoPool(data: DataSocketGuard, reads: UserReads, handle: VfsHandle, start: number, stored?: (bytes: number) => void): Promise<number> {
  const socket = data.socket;
  let stopped = false;
  const writer = new UploadWriter(handle, start, {
    stored,
    room: () => {
      if (!stopped || socket.destroyed) return;
      stopped = false;
      socket.resume();
    },
    fail: () => data.kill(data.failure),
  });
  let buffer = POOL.take();
  let filled = 0;
  /** Hands the filled part of the current buffer to the writer, which gives it back once written. */
  const handOver = () => {
    const full = buffer;
    writer.add(full.subarray(0, filled), () => POOL.give(full));
  };
  const target: ReadTarget = {
    room: () => buffer.subarray(filled),
    landed: (n, into) => {
      // The first read after attaching may have gone to the room the switch handed out before.
      if (into.buffer !== buffer.buffer || into.byteOffset !== buffer.byteOffset + filled) into.copy(buffer, filled, 0, n);
      filled += n;
      if (buffer.length - filled < MIN_ROOM) {
        handOver();
        buffer = POOL.take();
        filled = 0;
      }
      if (!writer.full && !writer.broken) return true;
      stopped = true;
      return false;
    },
  };
  reads.attach(target);
  const done = finishOnEnd(data, writer, () => {
    reads.release(target);
    if (filled > 0) handOver();
    else POOL.give(buffer);
  });
  socket.resume();
  return done;
}
