// Handle over a backend file that supports random access (local disk): every POSIX open mode works
// without a disk cache, because the backend itself can read and write at any offset.
import { VfsError } from './errors.js';
import type { BackendFile } from './backend/backend.js';
import { BaseHandle, totalBytes, writeBuffers } from './handle.js';
import type { OpenFlags, SetAttrs, VfsEntry } from './types.js';

export class DirectHandle extends BaseHandle {
  private closed = false;
  /**
   * For O_APPEND: where the next append goes, whatever position the client names. A promise, so that
   * pipelined appends reserve their ranges synchronously, in arrival order, and never overlap.
   */
  private appendEnd: Promise<number> | undefined;

  constructor(
    path: string,
    flags: OpenFlags,
    private readonly file: BackendFile,
    private readonly decorate: (entry: VfsEntry) => VfsEntry,
  ) {
    super(path, flags);
  }

  override async read(position: number, length: number): Promise<Buffer> {
    this.checkOpen();
    if (!this.flags.read) throw new VfsError('EBADF', 'File not open for reading');
    return this.file.read(position, length);
  }

  async readInto(position: number, target: Buffer, offset: number, length: number): Promise<number> {
    this.checkOpen();
    if (!this.flags.read) throw new VfsError('EBADF', 'File not open for reading');
    if (this.file.readInto) return this.file.readInto(position, target, offset, length);
    const data = await this.file.read(position, length);
    return data.copy(target, offset, 0, Math.min(data.length, length));
  }

  override async write(position: number, data: Buffer): Promise<void> {
    this.checkOpen();
    if (!this.flags.write) throw new VfsError('EBADF', 'File not open for writing');
    if (this.flags.append) {
      await this.file.write(await this.reserveAppend(data.length), data);
      return;
    }
    await this.file.write(position, data);
  }

  async writev(position: number, data: readonly Buffer[]): Promise<void> {
    this.checkOpen();
    if (!this.flags.write) throw new VfsError('EBADF', 'File not open for writing');
    const at = this.flags.append ? await this.reserveAppend(totalBytes(data)) : position;
    await writeBuffers(this.file, at, data);
  }

  override async stat(): Promise<VfsEntry> {
    this.checkOpen();
    return this.decorate(await this.file.stat());
  }

  override async setAttrs(attrs: SetAttrs): Promise<void> {
    this.checkOpen();
    if (attrs.size !== undefined) {
      if (!this.flags.write) throw new VfsError('EBADF', 'File not open for writing');
      this.appendEnd = undefined;
    }
    await this.file.setAttrs(attrs);
  }

  override async sync(): Promise<void> {
    this.checkOpen();
    await this.file.sync();
  }

  override async close(): Promise<void> {
    if (this.closed) throw new VfsError('ECLOSED');
    this.closed = true;
    await this.file.close();
  }

  /** Reserves `length` bytes at the tracked end of file and returns where they start. */
  private reserveAppend(length: number): Promise<number> {
    const start = this.appendEnd ?? this.file.stat().then((entry) => entry.size);
    const next = start.then((at) => at + length);
    this.appendEnd = next;
    // A failed stat must not poison every later append: the next one asks again.
    next.catch(() => {
      if (this.appendEnd === next) this.appendEnd = undefined;
    });
    return start;
  }

  private checkOpen(): void {
    if (this.closed) throw new VfsError('ECLOSED');
  }
}
