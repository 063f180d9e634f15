// Every open handle of a Vfs, with per-file progress for the app. `track` wraps a handle so the
// counters stay right whatever its kind, and the entry disappears when the handle closes.
import { writeBuffers } from '../handle.js';
import type { VfsHandle } from '../handle.js';
import type { OpenFlags, SetAttrs, VfsEntry } from '../types.js';
import type { HandleKind, OpenFileStat } from './cache-stats.js';

interface OpenFile {
  readonly id: number;
  readonly path: string;
  readonly kind: HandleKind;
  readonly flags: OpenFlags;
  readonly openedAtMs: number;
  readonly size: () => number | undefined;
  bytesRead: number;
  bytesWritten: number;
}

export class OpenFiles {
  private readonly files = new Map<number, OpenFile>();
  private nextId = 1;

  track(handle: VfsHandle, kind: HandleKind, size: () => number | undefined = () => undefined): VfsHandle {
    const file: OpenFile = {
      id: this.nextId++,
      path: handle.path,
      kind,
      flags: handle.flags,
      openedAtMs: Date.now(),
      size,
      bytesRead: 0,
      bytesWritten: 0,
    };
    this.files.set(file.id, file);
    return new TrackedHandle(handle, file, () => this.files.delete(file.id));
  }

  list(): OpenFileStat[] {
    return [...this.files.values()].map((f) => ({
      id: f.id,
      path: f.path,
      kind: f.kind,
      read: f.flags.read,
      write: f.flags.write,
      size: f.size(),
      bytesRead: f.bytesRead,
      bytesWritten: f.bytesWritten,
      openedAtMs: f.openedAtMs,
    }));
  }
}

class TrackedHandle implements VfsHandle {
  constructor(
    private readonly inner: VfsHandle,
    private readonly file: OpenFile,
    private readonly untrack: () => void,
  ) {}

  get path(): string {
    return this.inner.path;
  }

  get flags(): OpenFlags {
    return this.inner.flags;
  }

  async read(position: number, length: number): Promise<Buffer> {
    const data = await this.inner.read(position, length);
    this.file.bytesRead += data.length;
    return data;
  }

  async readInto(position: number, target: Buffer, offset: number, length: number): Promise<number> {
    const inner = this.inner;
    let n: number;
    if (inner.readInto) {
      n = await inner.readInto(position, target, offset, length);
    } else {
      const data = await inner.read(position, length);
      n = data.copy(target, offset, 0, Math.min(data.length, length));
    }
    this.file.bytesRead += n;
    return n;
  }

  async write(position: number, data: Buffer): Promise<void> {
    await this.inner.write(position, data);
    this.file.bytesWritten += data.length;
  }

  async writev(position: number, data: readonly Buffer[]): Promise<void> {
    await writeBuffers(this.inner, position, data);
    for (const b of data) this.file.bytesWritten += b.length;
  }

  stat(): Promise<VfsEntry> {
    return this.inner.stat();
  }

  setAttrs(attrs: SetAttrs): Promise<void> {
    return this.inner.setAttrs(attrs);
  }

  sync(): Promise<void> {
    return this.inner.sync();
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      this.untrack();
    }
  }
}
