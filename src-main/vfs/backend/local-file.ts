// An open local file: positioned reads and writes on one descriptor, so pipelined requests never
// share a cursor. Appends are not O_APPEND: DirectHandle serialises them at the tracked end.
import { fstatSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { VfsError } from '../errors.js';
import { totalBytes } from '../handle.js';
import type { SetAttrs, VfsEntry } from '../types.js';
import type { BackendFile } from './backend.js';
import { applyAttrs, handleTarget } from './local-attrs.js';
import { toEntry } from './local-entry.js';
import type { LocalFd } from './local-fd.js';
import { guard, guarded, inline } from './local-guard.js';
import type { InlineIo } from './local-inline-io.js';
import { WriteQueue } from './local-write-queue.js';

/** Largest read served at once; callers loop for more, as they must for any short read. */
const MAX_READ = 16 * 1024 * 1024;

function checkRange(position: number, length: number): void {
  if (!Number.isSafeInteger(position) || position < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new VfsError('EINVAL', 'Invalid offset or length');
  }
}

/** How long the stat taken at open may answer stats of the untouched handle. */
const OPEN_STAT_MS = 200;

/** How long a short read's end of file answers the read that follows it. */
const EOF_MS = 200;

export interface LocalFileOptions {
  readonly onClose: (file: LocalFile) => void;
  /** The fstat taken while opening. */
  readonly openStats?: Stats;
  readonly readOnly?: boolean;
  /** Inline I/O while the disk answers fast (the backend's). */
  readonly io: InlineIo;
}

export class LocalFile implements BackendFile {
  private closed = false;
  /**
   * The fstat taken while opening: clients ask for it right away (OpenSSH's get: OPEN, FSTAT, and
   * the transfer probe asks too), so it answers stats until this handle changes the file or
   * OPEN_STAT_MS pass: one thread-pool trip less per small file.
   */
  private openStat: { readonly stats: Stats; readonly at: number } | undefined;
  private readonly writes: WriteQueue;
  /**
   * Where a short read just found the end of the file. Clients read on until a read returns
   * nothing (OpenSSH's get: data, then EOF), so the read right after a short one is answered
   * from it, without another thread-pool trip, unless this handle wrote or EOF_MS passed.
   */
  private eof: { readonly position: number; readonly at: number } | undefined;
  /** Bytes this handle wrote: closing after a big write may start writeback (ext4 after O_TRUNC). */
  private written = 0;

  private readonly onClose: (file: LocalFile) => void;
  /** Opened without write access: closing cannot lose data, so it need not be waited for. */
  private readonly readOnly: boolean;
  private readonly io: InlineIo;

  constructor(
    private readonly fh: LocalFd,
    private readonly name: string,
    options: LocalFileOptions,
  ) {
    this.onClose = options.onClose;
    this.readOnly = options.readOnly ?? false;
    this.io = options.io;
    this.openStat = options.openStats && { stats: options.openStats, at: Date.now() };
    this.writes = new WriteQueue(fh, this.io);
  }

  async read(position: number, length: number): Promise<Buffer> {
    this.checkOpen();
    checkRange(position, length);
    // "At most length": one request never makes us allocate more than MAX_READ.
    const wanted = Math.min(length, MAX_READ);
    if (wanted > 0 && this.atKnownEnd(position)) return Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(wanted);
    let filled = 0;
    // Regular files read short only at end of file, but loop anyway rather than trust it.
    while (filled < wanted) {
      const bytesRead = await this.pread(buffer, filled, wanted - filled, position + filled);
      if (bytesRead === 0) {
        this.eof = { position: position + filled, at: Date.now() };
        break;
      }
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }

  async readInto(position: number, target: Buffer, offset: number, length: number): Promise<number> {
    this.checkOpen();
    checkRange(position, length);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > target.length) {
      throw new VfsError('EINVAL', 'Invalid buffer range');
    }
    if (length > 0 && this.atKnownEnd(position)) return 0;
    // One pread, no loop: a short count is a valid answer (callers ask again), and looping would
    // cost a second thread-pool trip at every end of file just to learn it is the end.
    const bytesRead = await this.pread(target, offset, length, position);
    if (bytesRead < length) this.eof = { position: position + bytesRead, at: Date.now() };
    return bytesRead;
  }

  write(position: number, data: Buffer): Promise<void> {
    return this.writev(position, [data]);
  }

  async writev(position: number, data: readonly Buffer[]): Promise<void> {
    this.checkOpen();
    this.forgetEarlyAnswers();
    const bytes = totalBytes(data);
    checkRange(position, bytes);
    this.written += bytes;
    let at = position;
    // Queued together: the write queue hands them to one pwritev.
    await Promise.all(
      data.map((b) => {
        const write = this.writes.write(at, b);
        at += b.length;
        return write;
      }),
    );
  }

  async stat(): Promise<VfsEntry> {
    this.checkOpen();
    const early = this.openStat;
    if (early !== undefined && Date.now() - early.at < OPEN_STAT_MS) return toEntry(this.name, early.stats);
    this.openStat = undefined;
    if (this.io.allowed()) return toEntry(this.name, inline(() => this.io.run(() => fstatSync(this.fh.fd))));
    return toEntry(this.name, await guarded(this.fh.stat()));
  }

  async truncate(size: number): Promise<void> {
    this.checkOpen();
    this.forgetEarlyAnswers();
    checkRange(size, 0);
    await guarded(this.fh.truncate(size));
  }

  async setAttrs(attrs: SetAttrs): Promise<void> {
    this.checkOpen();
    this.forgetEarlyAnswers();
    await applyAttrs(handleTarget(this.fh), attrs);
  }

  async sync(): Promise<void> {
    this.checkOpen();
    await guarded(this.fh.sync());
  }

  async close(): Promise<void> {
    this.checkOpen();
    this.closed = true;
    this.onClose(this);
    // Inline while the disk answers fast, a thread-pool trip less per file; not after a big write,
    // whose close(2) may have to start writing it back (ext4 does after a truncating open).
    if (this.io.allowed(this.written) && inline(() => this.io.run(() => this.fh.tryCloseSync()))) return;
    if (this.readOnly && process.platform !== 'win32') {
      // close(2) of a read-only descriptor has nothing to report, so it need not be waited for.
      // (Not on Windows, where an open file can still get in the way of a rename the client sends
      // right after.)
      void this.fh.discard();
      return;
    }
    await guard(() => this.fh.close());
  }

  /** Closes without reporting (backend shutdown); errors are irrelevant then. */
  async forceClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.discard();
  }

  /** One pread: inline while the disk answers fast, else on the thread pool. */
  private async pread(target: Buffer, offset: number, length: number, position: number): Promise<number> {
    if (this.io.allowed(length)) return inline(() => this.io.run(() => readSync(this.fh.fd, target, offset, length, position)));
    return guarded(this.fh.read(target, offset, length, position));
  }

  /** This handle changes the file: the stat taken at open and a known end of file no longer hold. */
  private forgetEarlyAnswers(): void {
    this.openStat = undefined;
    this.eof = undefined;
  }

  private atKnownEnd(position: number): boolean {
    const eof = this.eof;
    if (eof === undefined) return false;
    if (Date.now() - eof.at >= EOF_MS) {
      this.eof = undefined;
      return false;
    }
    return position >= eof.position;
  }

  private checkOpen(): void {
    if (this.closed) throw new VfsError('ECLOSED');
  }
}
