// Plain data the engine exchanges with adapters and backends. Paths are always share-relative,
// POSIX-style, absolute and normalised ("/", "/a/b"): `resolveSharePath` makes them at the edge.

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface VfsEntry {
  /** Base name; "/" for the root. */
  readonly name: string;
  readonly type: EntryType;
  readonly size: number;
  /** Permission bits only (0o7777); adapters add the file-type bits their protocol needs. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly nlink: number;
}

/** Attributes a client may change; absent fields are left alone. */
export interface SetAttrs {
  readonly size?: number;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly atimeMs?: number;
  readonly mtimeMs?: number;
}

/** POSIX-style open intent, decoded once by each protocol adapter. */
export interface OpenFlags {
  readonly read: boolean;
  readonly write: boolean;
  readonly append: boolean;
  readonly create: boolean;
  readonly truncate: boolean;
  /** With create: fail with EEXIST when the file exists. */
  readonly exclusive: boolean;
}

export interface StatFs {
  readonly blockSize: number;
  readonly fragmentSize: number;
  readonly blocks: number;
  readonly blocksFree: number;
  readonly blocksAvail: number;
  readonly files: number;
  readonly filesFree: number;
  readonly filesAvail: number;
  readonly maxNameLength: number;
  readonly readOnly: boolean;
}

export type HashType = 'md5' | 'sha1' | 'sha256';
