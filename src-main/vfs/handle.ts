// An open file as the adapters see it. Every read and write names its position, so pipelined
// requests on one handle never race on a shared cursor. `BaseHandle` answers everything ENOSYS so a
// handle kind implements only what its cache mode allows (rclone vfs/file.go).
import { VfsError } from './errors.js';
import type { OpenFlags, SetAttrs, VfsEntry } from './types.js';

export interface VfsHandle {
  readonly path: string;
  readonly flags: OpenFlags;
  /** Returns at most `length` bytes; an empty buffer means end of file. */
  read(position: number, length: number): Promise<Buffer>;
  /**
   * Optional fast path of `read`: fills `target` from `offset` with at most `length` bytes and
   * returns how many (0 = end of file). Adapters use it to read straight into a reply buffer.
   */
  readInto?(position: number, target: Buffer, offset: number, length: number): Promise<number>;
  /** `data` stays the caller's: nothing refers to it once the promise settles (it may be reused). */
  write(position: number, data: Buffer): Promise<void>;
  /**
   * Optional fast path of `write`: `data` one after another from `position`, in one system call
   * where the backend can (pwritev), with no copy into one buffer first.
   */
  writev?(position: number, data: readonly Buffer[]): Promise<void>;
  stat(): Promise<VfsEntry>;
  setAttrs(attrs: SetAttrs): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export abstract class BaseHandle implements VfsHandle {
  constructor(
    readonly path: string,
    readonly flags: OpenFlags,
  ) {}

  read(_position: number, _length: number): Promise<Buffer> {
    return Promise.reject(new VfsError('ENOSYS'));
  }

  write(_position: number, _data: Buffer): Promise<void> {
    return Promise.reject(new VfsError('ENOSYS'));
  }

  stat(): Promise<VfsEntry> {
    return Promise.reject(new VfsError('ENOSYS'));
  }

  setAttrs(_attrs: SetAttrs): Promise<void> {
    return Promise.reject(new VfsError('ENOSYS'));
  }

  sync(): Promise<void> {
    return Promise.reject(new VfsError('ENOSYS'));
  }

  abstract close(): Promise<void>;
}

/** Bytes in `buffers` together. */
export function totalBytes(buffers: readonly Buffer[]): number {
  let n = 0;
  for (const b of buffers) n += b.length;
  return n;
}

/**
 * `data` one after another from `position`, in one call: `writev` where the target has it, else one
 * `write` of the buffers joined (one large write beats many small ones on every backend).
 */
export function writeBuffers(
  target: { write(position: number, data: Buffer): Promise<void>; writev?(position: number, data: readonly Buffer[]): Promise<void> },
  position: number,
  data: readonly Buffer[],
): Promise<void> {
  if (target.writev) return target.writev(position, data);
  return target.write(position, data.length === 1 ? (data[0] as Buffer) : Buffer.concat(data));
}
