// A backend held entirely in memory, for tests and for exercising the VFS cache over a backend
// without random access. Semantics follow the local backend (EEXIST, ENOTEMPTY, ENOTDIR, EISDIR,
// no-clobber rename, hashes); links are resolved lexically as share paths and never leave the tree.
import { createHash } from 'node:crypto';
import { VfsError } from '../errors.js';
import { baseName, parentPath } from '../share-path.js';
import type { HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from '../types.js';
import type { Backend, BackendFeatures, BackendFile } from './backend.js';
import { MemoryFile } from './memory-file.js';
import { memEntry } from './memory-node.js';
import type { MemDir, MemFile } from './memory-node.js';
import { MemoryTree } from './memory-tree.js';

export interface MemoryBackendOptions {
  /** False makes it behave like an object store: no read-write opens, sequential writes only. */
  readonly randomAccess?: boolean;
  /** Bytes the tree may hold before writes fail with ENOSPC (default 1 GiB). */
  readonly capacity?: number;
}

const BLOCK_SIZE = 4096;
const MAX_FILES = 1_000_000;
const LIST_BATCH_SIZE = 100;

export class MemoryBackend implements Backend {
  readonly kind = 'memory';
  readonly features: BackendFeatures;
  private readonly tree: MemoryTree;

  constructor(options: MemoryBackendOptions = {}) {
    this.features = {
      randomAccess: options.randomAccess ?? true,
      canSetModTime: true,
      permissions: true,
      symlinks: true,
      hardlinks: true,
      serverSideCopy: true,
      hashes: ['md5', 'sha1', 'sha256'],
    };
    this.tree = new MemoryTree(options.capacity ?? 1024 ** 3);
  }

  async lstat(path: string): Promise<VfsEntry> {
    return memEntry(baseName(path), this.tree.existing(path, false));
  }

  async stat(path: string): Promise<VfsEntry> {
    return memEntry(baseName(path), this.tree.existing(path, true));
  }

  async *list(path: string): AsyncIterable<readonly VfsEntry[]> {
    const dir = this.tree.existing(path, true);
    if (dir.kind !== 'dir') throw new VfsError('ENOTDIR');
    const names = [...dir.children.keys()];
    for (let i = 0; i < names.length; i += LIST_BATCH_SIZE) {
      const batch: VfsEntry[] = [];
      for (const name of names.slice(i, i + LIST_BATCH_SIZE)) {
        // Entries removed while the listing was paused are skipped, as on disk.
        const node = dir.children.get(name);
        if (node) batch.push(memEntry(name, node));
      }
      yield batch;
    }
  }

  async open(path: string, flags: OpenFlags, mode: number): Promise<BackendFile> {
    const sequential = !this.features.randomAccess;
    if (sequential && flags.write && flags.read) {
      throw new VfsError('ENOSYS', 'This backend cannot open a file for reading and writing');
    }
    const file = this.openNode(path, flags, mode);
    if (sequential && flags.write && !flags.truncate && file.size > 0) {
      throw new VfsError('ENOSYS', 'This backend cannot update a file in place');
    }
    if (flags.truncate && flags.write) this.tree.resize(file, 0);
    return new MemoryFile(this.tree, file, baseName(path), sequential);
  }

  async mkdir(path: string, mode: number): Promise<void> {
    const { parent, name } = this.tree.free(path);
    this.tree.attach(parent, name, this.tree.newDir(mode, parent), true);
  }

  async rmdir(path: string): Promise<void> {
    const { parent, name, node } = this.tree.locate(path, false);
    if (parent === undefined) throw new VfsError('EPERM', 'Cannot remove the root of the share');
    if (node === undefined) throw new VfsError('ENOENT');
    if (node.kind !== 'dir') throw new VfsError('ENOTDIR');
    if (node.children.size > 0) throw new VfsError('ENOTEMPTY');
    this.tree.detach(parent, name);
  }

  async remove(path: string): Promise<void> {
    const { parent, name, node } = this.tree.locate(path, false);
    if (parent === undefined) throw new VfsError('EPERM', 'Cannot remove the root of the share');
    if (node === undefined) throw new VfsError('ENOENT');
    if (node.kind === 'dir') throw new VfsError('EISDIR');
    this.tree.detach(parent, name);
  }

  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    const src = this.tree.locate(from, false);
    const dst = this.tree.locate(to, false);
    if (src.parent === undefined || dst.parent === undefined) {
      throw new VfsError('EPERM', 'Cannot rename the root of the share');
    }
    const node = src.node;
    if (node === undefined) throw new VfsError('ENOENT');
    if (src.parent === dst.parent && src.name === dst.name) {
      if (overwrite) return;
      throw new VfsError('EEXIST');
    }
    if (node.kind === 'dir' && this.tree.isWithin(dst.parent, node)) {
      throw new VfsError('EINVAL', 'Cannot move a directory into itself');
    }
    const existing = dst.node;
    if (existing !== undefined) {
      if (!overwrite) throw new VfsError('EEXIST');
      // Two names of one file: rename(2) leaves both in place.
      if (existing === node) return;
      if (existing.kind === 'dir' && node.kind !== 'dir') throw new VfsError('EISDIR');
      if (existing.kind !== 'dir' && node.kind === 'dir') throw new VfsError('ENOTDIR');
      if (existing.kind === 'dir' && existing.children.size > 0) throw new VfsError('ENOTEMPTY');
      this.tree.detach(dst.parent, dst.name);
    }
    src.parent.children.delete(src.name);
    src.parent.mtimeMs = Date.now();
    dst.parent.children.set(dst.name, node);
    dst.parent.mtimeMs = Date.now();
    if (node.kind === 'dir') node.parent = dst.parent;
  }

  async setAttrs(path: string, attrs: SetAttrs, followLinks: boolean): Promise<void> {
    this.tree.setAttrs(this.tree.existing(path, followLinks), attrs);
  }

  async readlink(path: string): Promise<string> {
    const node = this.tree.existing(path, false);
    if (node.kind !== 'symlink') throw new VfsError('EINVAL', 'Not a symbolic link');
    return node.target;
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    if (typeof target !== 'string' || target === '' || target.includes('\0')) {
      throw new VfsError('EINVAL', 'Invalid link target');
    }
    const unified = target.replace(/\\/g, '/');
    if (!unified.startsWith('/') && climbsAbove(parentPath(linkPath), unified)) {
      throw new VfsError('EPERM', 'Path leads outside the share');
    }
    const { parent, name } = this.tree.free(linkPath);
    this.tree.attach(parent, name, this.tree.newLink(unified), true);
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    const node = this.tree.existing(existingPath, true);
    if (node.kind === 'dir') throw new VfsError('EPERM', 'Cannot hard-link a directory');
    const { parent, name } = this.tree.free(newPath);
    this.tree.attach(parent, name, node, false);
  }

  async copy(from: string, to: string, overwrite: boolean): Promise<void> {
    const src = this.tree.existing(from, true);
    if (src.kind !== 'file') throw new VfsError('EISDIR');
    const dst = this.tree.locate(to, overwrite);
    if (dst.parent === undefined) throw new VfsError('EISDIR');
    const data = src.data.subarray(0, src.size);
    if (dst.node === undefined) {
      const file = this.tree.newFile(src.mode);
      this.tree.write(file, 0, data);
      this.tree.attach(dst.parent, dst.name, file, true);
      return;
    }
    if (!overwrite) throw new VfsError('EEXIST');
    if (dst.node.kind === 'dir') throw new VfsError('EISDIR');
    if (dst.node === src) return;
    // copyFile keeps the target's identity and rewrites its bytes.
    const target = dst.node as MemFile;
    this.tree.resize(target, 0);
    this.tree.write(target, 0, Buffer.from(data));
  }

  async statfs(path: string): Promise<StatFs> {
    this.tree.existing(path, true);
    const blocks = Math.floor(this.tree.capacity / BLOCK_SIZE);
    const free = Math.max(0, blocks - Math.ceil(this.tree.used / BLOCK_SIZE));
    const filesFree = Math.max(0, MAX_FILES - this.tree.nodeCount);
    return {
      blockSize: BLOCK_SIZE,
      fragmentSize: BLOCK_SIZE,
      blocks,
      blocksFree: free,
      blocksAvail: free,
      files: MAX_FILES,
      filesFree,
      filesAvail: filesFree,
      maxNameLength: 255,
      readOnly: false,
    };
  }

  async hash(path: string, type: HashType): Promise<string> {
    const node = this.tree.existing(path, true);
    if (node.kind !== 'file') throw new VfsError('EISDIR');
    return createHash(type).update(node.data.subarray(0, node.size)).digest('hex');
  }

  async close(): Promise<void> {}

  /** The file an open names, created when asked (following a dangling link, like open(2)). */
  private openNode(path: string, flags: OpenFlags, mode: number): MemFile {
    const located = this.tree.locate(path, !(flags.create && flags.exclusive));
    const node = located.node;
    if (node !== undefined) {
      if (flags.create && flags.exclusive) throw new VfsError('EEXIST');
      if (node.kind === 'dir') throw new VfsError('EISDIR');
      if (node.kind !== 'file') throw new VfsError('EINVAL');
      return node;
    }
    if (!flags.create) throw new VfsError('ENOENT');
    const file = this.tree.newFile(mode);
    this.tree.attach(located.parent as MemDir, located.name, file, true);
    return file;
  }
}

/** True when the relative `target`, taken from the share directory `dir`, climbs above "/". */
function climbsAbove(dir: string, target: string): boolean {
  let depth = dir === '/' ? 0 : dir.split('/').length - 1;
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}
