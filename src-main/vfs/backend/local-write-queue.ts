// Pipelined writes to one local file, merged. SFTP clients keep many small WRITEs in flight
// (OpenSSH's sftp: 64 x 32 KiB), and a pwrite has a fixed cost per call. So while one write runs,
// the ones that arrive wait, and the next call writes each run of contiguous ranges with one
// pwritev; so do writes issued together. Writes land in arrival order, so overlapping ones never
// race. No call carries more than MAX_CALL_BYTES, though: see there.
import { writeSync, writevSync } from 'node:fs';
import { VfsError } from '../errors.js';
import { totalBytes } from '../handle.js';
import type { LocalFd } from './local-fd.js';
import { guarded, inline } from './local-guard.js';
import type { InlineIo } from './local-inline-io.js';

/** Most buffers and bytes merged into one batch (Linux IOV_MAX is 1024). */
const MAX_BUFFERS = 64;
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Most bytes per pwrite(v). Linux (6.x, ext4 with large folios) sizes page-cache folios by the
 * write, and on a virtual machine whose host takes back free guest memory, large folios come from
 * exactly that memory: writing 1 GiB after a few idle seconds took 1.1 s in 1 MiB writes and
 * 0.45 s in 512 KiB ones, but 0.22 s in 128 or 256 KiB ones (0.27 s in 64 KiB ones), every time.
 */
export const MAX_CALL_BYTES = 256 * 1024;

interface PendingWrite {
  readonly position: number;
  readonly data: Buffer;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export class WriteQueue {
  private readonly queue: PendingWrite[] = [];
  private running = false;

  constructor(
    private readonly fh: LocalFd,
    private readonly io: InlineIo,
  ) {}

  write(position: number, data: Buffer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ position, data, resolve, reject });
      if (this.running) return;
      // Started after the current job, so that writes issued together (a writev, or the WRITEs of
      // one network read) go out as one call even when each call finishes at once (inline).
      this.running = true;
      queueMicrotask(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.takeContiguous();
        try {
          await writeAll(this.fh, this.io, batch.map((w) => w.data), batch[0]!.position);
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The oldest write and the ones queued right behind it that continue where it ends. */
  private takeContiguous(): PendingWrite[] {
    const first = this.queue.shift() as PendingWrite;
    const batch = [first];
    let end = first.position + first.data.length;
    let bytes = first.data.length;
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.position !== end || batch.length >= MAX_BUFFERS) break;
      if (bytes + next.data.length > MAX_BYTES) break;
      this.queue.shift();
      batch.push(next);
      end += next.data.length;
      bytes += next.data.length;
    }
    return batch;
  }
}

/** Writes every byte of `buffers` from `position`, continuing after short writes. */
async function writeAll(fh: LocalFd, io: InlineIo, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers.filter((b) => b.length > 0);
  while (rest.length > 0) {
    const bytesWritten = await writeOnce(fh, io, upTo(rest, MAX_CALL_BYTES), position);
    if (bytesWritten === 0) throw new VfsError('ENOSPC');
    position += bytesWritten;
    rest = skipBytes(rest, bytesWritten);
  }
}

/** One pwrite/pwritev: inline while the disk answers fast, else on the thread pool. */
async function writeOnce(fh: LocalFd, io: InlineIo, buffers: Buffer[], position: number): Promise<number> {
  const only = buffers.length === 1 ? buffers[0]! : undefined;
  const bytes = only ? only.length : totalBytes(buffers);
  if (io.allowed(bytes)) {
    return inline(() => io.run(() => (only ? writeSync(fh.fd, only, 0, only.length, position) : writevSync(fh.fd, buffers, position))));
  }
  return guarded(only ? fh.write(only, position) : fh.writev(buffers, position));
}

/** The leading buffers holding at most `max` bytes (the last one cut short if need be). */
function upTo(buffers: Buffer[], max: number): Buffer[] {
  const out: Buffer[] = [];
  let left = max;
  for (const b of buffers) {
    if (left === 0) break;
    out.push(b.length <= left ? b : b.subarray(0, left));
    left -= Math.min(b.length, left);
  }
  return out;
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  const out: Buffer[] = [];
  for (const b of buffers) {
    if (left >= b.length) {
      left -= b.length;
      continue;
    }
    out.push(left > 0 ? b.subarray(left) : b);
    left = 0;
  }
  return out;
}
