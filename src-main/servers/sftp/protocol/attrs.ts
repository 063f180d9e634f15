// SFTP v3 ATTRS: encoding a VfsEntry for replies and decoding client attributes into SetAttrs.
import type { EntryType, SetAttrs, VfsEntry } from '../../../vfs/index.js';
import { assertNever } from '../../../../src-shared/assert-never.js';
import { AttrFlag, FileTypeBits } from './constants.js';
import type { PacketReader } from './packet-reader.js';
import type { WireWriter } from './wire-writer.js';

/** flags + size + uid/gid + permissions + atime/mtime. */
export const FULL_ATTRS_SIZE = 4 + 8 + 8 + 4 + 8;
const FULL_FLAGS = AttrFlag.SIZE | AttrFlag.UIDGID | AttrFlag.PERMISSIONS | AttrFlag.ACMODTIME;
const MAX_U32 = 0xffffffff;

export function typeBits(type: EntryType): number {
  switch (type) {
    case 'file':
      return FileTypeBits.FILE;
    case 'dir':
      return FileTypeBits.DIR;
    case 'symlink':
      return FileTypeBits.SYMLINK;
    case 'other':
      return 0;
    default:
      return assertNever(type, 'entry type');
  }
}

function seconds(ms: number): number {
  const s = Math.floor(ms / 1000);
  return s < 0 ? 0 : s > MAX_U32 ? MAX_U32 : s;
}

export function writeAttrs(w: WireWriter, entry: VfsEntry): void {
  w.u32(FULL_FLAGS)
    .u64(entry.size)
    .u32(entry.uid)
    .u32(entry.gid)
    .u32((entry.mode & 0o7777) | typeBits(entry.type))
    .u32(seconds(entry.atimeMs))
    .u32(seconds(entry.mtimeMs));
}

/** Attributes sent by a client (OPEN, MKDIR, SETSTAT...). */
export interface ClientAttrs {
  readonly attrs: SetAttrs;
  /** Permission bits when the client sent them (create mode for OPEN/MKDIR). */
  readonly permissions: number | undefined;
  readonly isEmpty: boolean;
}

export function readAttrs(r: PacketReader): ClientAttrs {
  const flags = r.uint32();
  let size: number | undefined;
  let uid: number | undefined;
  let gid: number | undefined;
  let permissions: number | undefined;
  let atimeMs: number | undefined;
  let mtimeMs: number | undefined;
  if (flags & AttrFlag.SIZE) size = r.uint64();
  if (flags & AttrFlag.UIDGID) {
    uid = r.uint32();
    gid = r.uint32();
  }
  if (flags & AttrFlag.PERMISSIONS) permissions = r.uint32() & 0o7777;
  if (flags & AttrFlag.ACMODTIME) {
    atimeMs = r.uint32() * 1000;
    mtimeMs = r.uint32() * 1000;
  }
  if (flags & AttrFlag.EXTENDED) {
    // Vendor attributes: parsed to stay in step with the packet, then ignored (as OpenSSH does).
    const count = r.uint32();
    for (let i = 0; i < count; i++) {
      r.bytes();
      r.bytes();
    }
  }
  const attrs: SetAttrs = {
    ...(size !== undefined && { size }),
    ...(uid !== undefined && { uid, gid }),
    ...(permissions !== undefined && { mode: permissions }),
    ...(atimeMs !== undefined && { atimeMs, mtimeMs }),
  };
  const isEmpty = size === undefined && uid === undefined && permissions === undefined && atimeMs === undefined;
  return { attrs, permissions, isEmpty };
}
