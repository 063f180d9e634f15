// The nodes of the in-memory tree. They are the backend's private, mutable state; what leaves the
// backend is always a fresh VfsEntry or a copied Buffer.
import { assertNever } from '../../../src-shared/assert-never.js';
import type { VfsEntry } from '../types.js';

interface NodeMeta {
  readonly ino: number;
  mode: number;
  uid: number;
  gid: number;
  atimeMs: number;
  mtimeMs: number;
  /** Names that refer to this node; a file's bytes are released when it drops to zero. */
  nlink: number;
}

export interface MemFile extends NodeMeta {
  readonly kind: 'file';
  /** Backing store, grown geometrically; bytes past `size` are undefined until written. */
  data: Buffer;
  size: number;
}

export interface MemDir extends NodeMeta {
  readonly kind: 'dir';
  readonly children: Map<string, MemNode>;
  /** The directory holding this one (itself for the root): lets rename refuse moving into a subtree. */
  parent: MemDir;
}

export interface MemLink extends NodeMeta {
  readonly kind: 'symlink';
  /** As stored: a share path ("/a") or relative to the link's directory ("../a"). */
  readonly target: string;
}

export type MemNode = MemFile | MemDir | MemLink;

export function memEntry(name: string, node: MemNode): VfsEntry {
  let size: number;
  switch (node.kind) {
    case 'file':
      size = node.size;
      break;
    case 'dir':
      size = 4096;
      break;
    case 'symlink':
      size = Buffer.byteLength(node.target);
      break;
    default:
      return assertNever(node, 'memory node');
  }
  return {
    name,
    type: node.kind,
    size,
    mode: node.mode,
    uid: node.uid,
    gid: node.gid,
    atimeMs: node.atimeMs,
    mtimeMs: node.mtimeMs,
    nlink: node.nlink,
  };
}
