// One open local descriptor: the part of node's FileHandle the local backend uses, over a raw fd.
// A FileHandle can only come from fs.promises.open, a trip to libuv's thread pool, and its close is
// one more: together ~65 us of CPU per file here against ~3 us for openSync + closeSync, paid by
// every small file a client moves. With a raw fd the open and the close can run inline
// (local-inline-io.ts) while the calls that wait stay on the pool.
//
// What FileHandle gave for free is kept: a close waits for the pool calls still running (a reused
// descriptor number must never receive their bytes), calls after the close are refused with EBADF
// (`fd` reads -1 then, so sync calls fail the same way), and the descriptor is closed once.
import { close, closeSync, fchmod, fchown, fstat, fsync, ftruncate, futimes, read, write, writev } from 'node:fs';
import type { Stats } from 'node:fs';
import { VfsError } from '../errors.js';

type Callback<T> = (err: NodeJS.ErrnoException | null, value: T) => void;

export class LocalFd {
  private closing = false;
  /** Pool calls in flight; the close waits for them. */
  private pending = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly raw: number) {}

  /** The descriptor, or -1 once a close started: its number may already belong to another file. */
  get fd(): number {
    return this.closing ? -1 : this.raw;
  }

  stat(): Promise<Stats> {
    return this.call<Stats>((cb) => fstat(this.raw, cb));
  }

  read(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    return this.call<number>((cb) => read(this.raw, buffer, offset, length, position, cb));
  }

  write(buffer: Buffer, position: number): Promise<number> {
    return this.call<number>((cb) => write(this.raw, buffer, 0, buffer.length, position, cb));
  }

  writev(buffers: readonly Buffer[], position: number): Promise<number> {
    return this.call<number>((cb) => writev(this.raw, buffers as Buffer[], position, cb));
  }

  truncate(size: number): Promise<void> {
    return this.call<void>((cb) => ftruncate(this.raw, size, (err) => cb(err, undefined)));
  }

  chmod(mode: number): Promise<void> {
    return this.call<void>((cb) => fchmod(this.raw, mode, (err) => cb(err, undefined)));
  }

  chown(uid: number, gid: number): Promise<void> {
    return this.call<void>((cb) => fchown(this.raw, uid, gid, (err) => cb(err, undefined)));
  }

  utimes(atimeSec: number, mtimeSec: number): Promise<void> {
    return this.call<void>((cb) => futimes(this.raw, atimeSec, mtimeSec, (err) => cb(err, undefined)));
  }

  sync(): Promise<void> {
    return this.call<void>((cb) => fsync(this.raw, (err) => cb(err, undefined)));
  }

  /**
   * Closes right here (inline I/O) unless pool calls are still running: false then, and `close`
   * must be used. True after an earlier close too. A close(2) error still releases the descriptor.
   */
  tryCloseSync(): boolean {
    if (this.closing) return true;
    if (this.pending > 0) return false;
    this.closing = true;
    closeSync(this.raw);
    return true;
  }

  /** Closes on the pool once the pool calls still running return. A second close does nothing. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await new Promise<void>((resolve, reject) => close(this.raw, (err) => (err ? reject(err) : resolve())));
  }

  /**
   * Closes without reporting (error paths, shutdown), on the pool: whether a call may run inline is
   * the caller's decision (`tryCloseSync` under local-inline-io.ts), never this one's.
   */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
  }

  private call<T>(start: (cb: Callback<T>) => void): Promise<T> {
    if (this.closing) return Promise.reject(new VfsError('EBADF', 'The file is closed'));
    this.pending += 1;
    return new Promise<T>((resolve, reject) => {
      start((err, value) => {
        this.pending -= 1;
        if (this.pending === 0 && this.drained) {
          const drained = this.drained;
          this.drained = undefined;
          drained();
        }
        if (err) reject(err);
        else resolve(value);
      });
    });
  }
}
