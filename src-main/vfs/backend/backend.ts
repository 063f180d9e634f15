// The small interface every backend implements (local, memory, sftp): file-system verbs plus a
// `features` object. Backends receive normalised share-relative paths and must keep every access
// inside their root; they classify their own errors into VfsError codes (vfs/errors.ts).
import type { HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from '../types.js';

export interface BackendFeatures {
  /**
   * Files may be opened for random-access read and write without a cache, in every cache mode
   * (a local disk). False follows rclone's rules for remotes (the SFTP backend, object stores).
   */
  readonly randomAccess: boolean;
  readonly canSetModTime: boolean;
  readonly permissions: boolean;
  readonly symlinks: boolean;
  readonly hardlinks: boolean;
  readonly serverSideCopy: boolean;
  readonly hashes: readonly HashType[];
  /**
   * Granularity of stored modification times in ms (rclone's Fs.Precision): 1000 for SFTP v3,
   * which carries whole seconds. Absent means 1 ms or finer.
   */
  readonly modTimePrecisionMs?: number;
}

/** An open backend file; positions are explicit so concurrent requests never share a cursor. */
export interface BackendFile {
  read(position: number, length: number): Promise<Buffer>;
  /**
   * Optional fast path: reads at most `length` bytes at `position` into `target` from `offset`
   * (no buffer of its own) and returns how many; 0 means end of file.
   */
  readInto?(position: number, target: Buffer, offset: number, length: number): Promise<number>;
  write(position: number, data: Buffer): Promise<void>;
  /** Optional fast path of `write`: `data` one after another from `position` (see VfsHandle.writev). */
  writev?(position: number, data: readonly Buffer[]): Promise<void>;
  stat(): Promise<VfsEntry>;
  truncate(size: number): Promise<void>;
  setAttrs(attrs: SetAttrs): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface Backend {
  readonly kind: 'local' | 'memory' | 'sftp';
  readonly features: BackendFeatures;
  /** Attributes of the entry itself (a symlink is reported as a symlink). */
  lstat(path: string): Promise<VfsEntry>;
  /** Attributes after following links; a link leading outside the root is EPERM. */
  stat(path: string): Promise<VfsEntry>;
  /** Streams a directory in batches, so a huge folder is never held whole. */
  list(path: string): AsyncIterable<readonly VfsEntry[]>;
  open(path: string, flags: OpenFlags, mode: number): Promise<BackendFile>;
  mkdir(path: string, mode: number): Promise<void>;
  rmdir(path: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** With `overwrite` false, an existing target is EEXIST (checked atomically where the OS allows). */
  rename(from: string, to: string, overwrite: boolean): Promise<void>;
  setAttrs(path: string, attrs: SetAttrs, followLinks: boolean): Promise<void>;
  /** Returns the target as a share path (absolute targets) or as stored (relative ones). */
  readlink(path: string): Promise<string>;
  symlink(target: string, linkPath: string): Promise<void>;
  link(existingPath: string, newPath: string): Promise<void>;
  copy(from: string, to: string, overwrite: boolean): Promise<void>;
  statfs(path: string): Promise<StatFs>;
  hash(path: string, type: HashType): Promise<string>;
  close(): Promise<void>;
}
