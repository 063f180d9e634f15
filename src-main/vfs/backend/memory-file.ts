// An open in-memory file. With `sequential` (a backend without random access, like an object store)
// writes must follow each other from the start, so the cached VFS modes have something real to hide.
import { VfsError } from '../errors.js';
import type { SetAttrs, VfsEntry } from '../types.js';
import type { BackendFile } from './backend.js';
import type { MemFile } from './memory-node.js';
import { memEntry } from './memory-node.js';
import type { MemoryTree } from './memory-tree.js';

function checkRange(position: number, length: number): void {
  if (!Number.isSafeInteger(position) || position < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new VfsError('EINVAL', 'Invalid offset or length');
  }
}

export class MemoryFile implements BackendFile {
  private closed = false;
  /** Next offset a sequential writer must use. */
  private writtenTo = 0;

  constructor(
    private readonly tree: MemoryTree,
    private readonly node: MemFile,
    private readonly name: string,
    private readonly sequential: boolean,
  ) {}

  async read(position: number, length: number): Promise<Buffer> {
    this.checkOpen();
    checkRange(position, length);
    if (position >= this.node.size) return Buffer.alloc(0);
    const end = Math.min(this.node.size, position + length);
    // A copy: later writes must not change bytes already handed out.
    return Buffer.from(this.node.data.subarray(position, end));
  }

  async write(position: number, data: Buffer): Promise<void> {
    this.checkOpen();
    checkRange(position, data.length);
    if (this.sequential) {
      if (position !== this.writtenTo) throw new VfsError('ENOSYS', 'This backend only writes files sequentially');
      this.writtenTo += data.length;
    }
    this.tree.write(this.node, position, data);
  }

  async stat(): Promise<VfsEntry> {
    this.checkOpen();
    return memEntry(this.name, this.node);
  }

  async truncate(size: number): Promise<void> {
    await this.setAttrs({ size });
  }

  async setAttrs(attrs: SetAttrs): Promise<void> {
    this.checkOpen();
    if (this.sequential && attrs.size !== undefined && attrs.size !== this.node.size) {
      throw new VfsError('ENOSYS', 'This backend cannot change the size of an open file');
    }
    this.tree.setAttrs(this.node, attrs);
  }

  async sync(): Promise<void> {
    this.checkOpen();
  }

  async close(): Promise<void> {
    this.checkOpen();
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new VfsError('ECLOSED');
  }
}
