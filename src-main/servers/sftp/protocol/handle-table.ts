// The per-session table of open handles (files and directories). Handle strings are opaque 4-byte
// ids, unique within the session and never reused while open. Each entry counts its in-flight
// requests so CLOSE (and session end) waits for pipelined READ/WRITEs before closing the file.
import type { VfsHandle } from '../../../vfs/index.js';
import type { TransferProbe } from '../../transfer-observer.js';
import { Status } from './constants.js';
import type { DirReader } from './dir-reader.js';
import { SftpStatusError } from './status.js';

abstract class OpenEntry {
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  /** `path` is the share path the handle was opened on (logs, statvfs, copy-data checks). */
  constructor(readonly path: string) {}

  /** Call around every request that uses the entry; `end` must follow each `begin`. */
  begin(): void {
    this.pending++;
  }

  end(): void {
    if (--this.pending === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

export class FileEntry extends OpenEntry {
  readonly kind = 'file';
  bytesRead = 0;
  bytesWritten = 0;
  /** The app's transfer probe, when the session has an observer. */
  probe: TransferProbe | undefined;

  constructor(
    path: string,
    readonly handle: VfsHandle,
  ) {
    super(path);
  }
}

export class DirEntry extends OpenEntry {
  readonly kind = 'dir';

  constructor(
    path: string,
    readonly reader: DirReader,
  ) {
    super(path);
  }
}

export type HandleEntry = FileEntry | DirEntry;

export class HandleTable {
  private readonly entries = new Map<number, HandleEntry>();
  private reserved = 0;
  private nextId = 1;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Claims a slot before the file is opened, so concurrent OPENs cannot pass the limit. */
  reserve(): void {
    if (this.entries.size + this.reserved >= this.max) {
      throw new SftpStatusError(Status.FAILURE, 'Too many open handles');
    }
    this.reserved++;
  }

  release(): void {
    this.reserved--;
  }

  /** Turns a reservation into an open handle and returns its wire string. */
  add(entry: HandleEntry): Buffer {
    this.reserved--;
    let id = this.nextId;
    while (this.entries.has(id)) id = (id + 1) >>> 0 || 1;
    this.nextId = (id + 1) >>> 0 || 1;
    this.entries.set(id, entry);
    const handle = Buffer.allocUnsafe(4);
    handle.writeUInt32BE(id, 0);
    return handle;
  }

  get(handle: Buffer): HandleEntry {
    const entry = handle.length === 4 ? this.entries.get(handle.readUInt32BE(0)) : undefined;
    if (!entry) throw new SftpStatusError(Status.FAILURE, 'Invalid handle');
    return entry;
  }

  file(handle: Buffer): FileEntry {
    const entry = this.get(handle);
    if (entry.kind !== 'file') throw new SftpStatusError(Status.FAILURE, 'Not a file handle');
    return entry;
  }

  dir(handle: Buffer): DirEntry {
    const entry = this.get(handle);
    if (entry.kind !== 'dir') throw new SftpStatusError(Status.FAILURE, 'Not a directory handle');
    return entry;
  }

  /** Removes the handle from the table; later requests naming it get "Invalid handle". */
  remove(handle: Buffer): HandleEntry {
    const entry = this.get(handle);
    this.entries.delete(handle.readUInt32BE(0));
    return entry;
  }

  removeAll(): HandleEntry[] {
    const all = [...this.entries.values()];
    this.entries.clear();
    return all;
  }
}
