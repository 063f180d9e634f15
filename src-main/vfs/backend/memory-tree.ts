// The in-memory tree: path lookup (links followed lexically, as share paths), node creation and
// removal, and the byte accounting behind statfs and ENOSPC.
import { VfsError } from '../errors.js';
import { assertSharePath, resolveSharePath } from '../share-path.js';
import type { SetAttrs } from '../types.js';
import type { MemDir, MemFile, MemLink, MemNode } from './memory-node.js';

/** Links followed in one lookup before giving up (Linux MAXSYMLINKS). */
const MAX_LINK_HOPS = 40;

/** Where a path leads: the directory holding the last name, and the node there if any. */
export interface Located {
  /** Undefined for the root itself. */
  readonly parent: MemDir | undefined;
  readonly name: string;
  readonly node: MemNode | undefined;
}

function split(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

export class MemoryTree {
  readonly root: MemDir;
  /** Bytes held by linked files. */
  used = 0;
  nodeCount = 1;
  private nextIno = 2;
  private readonly uid = process.getuid?.() ?? 0;
  private readonly gid = process.getgid?.() ?? 0;

  constructor(readonly capacity: number) {
    const now = Date.now();
    const root: MemDir = {
      kind: 'dir',
      ino: 1,
      mode: 0o755,
      uid: this.uid,
      gid: this.gid,
      atimeMs: now,
      mtimeMs: now,
      nlink: 2,
      children: new Map(),
      parent: undefined as unknown as MemDir,
    };
    root.parent = root;
    this.root = root;
  }

  /** Resolves a share path; intermediate links are always followed, the last one if `followLast`. */
  locate(path: string, followLast: boolean): Located {
    assertSharePath(path);
    let parts = split(path);
    let hops = 0;
    for (;;) {
      let dir = this.root;
      const seen: string[] = [];
      let restarted = false;
      for (let i = 0; i < parts.length; i++) {
        const name = parts[i] as string;
        const node = dir.children.get(name);
        const last = i === parts.length - 1;
        if (node === undefined) {
          if (!last) throw new VfsError('ENOENT');
          return { parent: dir, name, node: undefined };
        }
        if (node.kind === 'symlink' && (!last || followLast)) {
          hops += 1;
          if (hops > MAX_LINK_HOPS) throw new VfsError('EINVAL', 'Too many levels of symbolic links');
          parts = [...split(resolveSharePath(node.target, `/${seen.join('/')}`)), ...parts.slice(i + 1)];
          restarted = true;
          break;
        }
        if (last) return { parent: dir, name, node };
        if (node.kind !== 'dir') throw new VfsError('ENOTDIR');
        dir = node;
        seen.push(name);
      }
      if (!restarted) return { parent: undefined, name: '/', node: this.root };
    }
  }

  /** The node at `path`, or ENOENT. */
  existing(path: string, followLast: boolean): MemNode {
    const { node } = this.locate(path, followLast);
    if (node === undefined) throw new VfsError('ENOENT');
    return node;
  }

  /** Where a new entry named by `path` goes: the name must be free (EEXIST otherwise). */
  free(path: string): { readonly parent: MemDir; readonly name: string } {
    const { parent, name, node } = this.locate(path, false);
    if (node !== undefined || parent === undefined) throw new VfsError('EEXIST');
    return { parent, name };
  }

  newFile(mode: number): MemFile {
    return { kind: 'file', ...this.meta(mode), data: Buffer.alloc(0), size: 0 };
  }

  newDir(mode: number, parent: MemDir): MemDir {
    return { kind: 'dir', ...this.meta(mode), nlink: 2, children: new Map(), parent };
  }

  newLink(target: string): MemLink {
    return { kind: 'symlink', ...this.meta(0o777), target };
  }

  /** Adds `node` under `dir` as `name` (a new node, or one more name for a file). */
  attach(dir: MemDir, name: string, node: MemNode, isNewNode: boolean): void {
    dir.children.set(name, node);
    if (node.kind === 'dir') node.parent = dir;
    if (isNewNode) this.nodeCount += 1;
    else node.nlink += 1;
    dir.mtimeMs = Date.now();
  }

  /** Removes the name; a node left with no names is gone (an open file keeps its bytes). */
  detach(dir: MemDir, name: string): void {
    const node = dir.children.get(name);
    if (node === undefined) return;
    dir.children.delete(name);
    dir.mtimeMs = Date.now();
    node.nlink -= node.kind === 'dir' ? 2 : 1;
    if (node.nlink <= 0) {
      this.nodeCount -= 1;
      if (node.kind === 'file') this.used -= node.size;
    }
  }

  /** True when `dir` is `ancestor` or lies inside it. */
  isWithin(dir: MemDir, ancestor: MemDir): boolean {
    for (let d = dir; ; d = d.parent) {
      if (d === ancestor) return true;
      if (d === this.root) return false;
    }
  }

  /** Sets a file's size; growth reads as zeros and counts against the capacity. */
  resize(file: MemFile, size: number): void {
    if (!Number.isSafeInteger(size) || size < 0) throw new VfsError('EINVAL', 'Invalid size');
    const delta = size - file.size;
    const linked = file.nlink > 0;
    if (linked && delta > 0 && this.used + delta > this.capacity) throw new VfsError('ENOSPC');
    if (size > file.data.length) {
      const grown = Buffer.alloc(Math.max(size, Math.min(file.data.length * 2, size + 64 * 1024 * 1024)));
      file.data.copy(grown, 0, 0, file.size);
      file.data = grown;
    } else if (delta > 0) {
      file.data.fill(0, file.size, size);
    }
    file.size = size;
    if (linked) this.used += delta;
    file.mtimeMs = Date.now();
  }

  write(file: MemFile, position: number, data: Buffer): void {
    const end = position + data.length;
    if (end > file.size) this.resize(file, end);
    data.copy(file.data, position);
    file.mtimeMs = Date.now();
  }

  /** Applies attributes; `node` is a link only when the caller did not follow it. */
  setAttrs(node: MemNode, attrs: SetAttrs): void {
    // Check everything first so a bad field changes nothing.
    const uid = attrs.uid === undefined ? undefined : checkId(attrs.uid);
    const gid = attrs.gid === undefined ? undefined : checkId(attrs.gid);
    const atimeMs = attrs.atimeMs === undefined ? undefined : checkTime(attrs.atimeMs);
    const mtimeMs = attrs.mtimeMs === undefined ? undefined : checkTime(attrs.mtimeMs);
    if (attrs.mode !== undefined && !Number.isInteger(attrs.mode)) throw new VfsError('EINVAL', 'Invalid mode');
    if (attrs.size !== undefined) {
      if (node.kind === 'dir') throw new VfsError('EISDIR');
      if (node.kind === 'symlink') throw new VfsError('EINVAL', 'Cannot change the size of a link');
      this.resize(node, attrs.size);
    }
    if (attrs.mode !== undefined && node.kind !== 'symlink') node.mode = attrs.mode & 0o7777;
    if (uid !== undefined) node.uid = uid;
    if (gid !== undefined) node.gid = gid;
    if (atimeMs !== undefined) node.atimeMs = atimeMs;
    if (mtimeMs !== undefined) node.mtimeMs = mtimeMs;
  }

  private meta(mode: number): Omit<MemFile, 'kind' | 'data' | 'size'> {
    const now = Date.now();
    const ino = this.nextIno;
    this.nextIno += 1;
    return { ino, mode: mode & 0o7777, uid: this.uid, gid: this.gid, atimeMs: now, mtimeMs: now, nlink: 1 };
  }
}

function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 0 || id > 0xfffffffe) throw new VfsError('EINVAL', 'Invalid owner');
  return id;
}

function checkTime(ms: number): number {
  if (!Number.isFinite(ms)) throw new VfsError('EINVAL', 'Invalid time');
  return ms;
}
