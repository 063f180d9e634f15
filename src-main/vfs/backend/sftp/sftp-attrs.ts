// SFTP v3 attributes to the engine's VfsEntry and back. SFTP v3 times are whole seconds (uint32),
// so modification times have one-second precision on this backend; nlink is not in the protocol.
import type { Attributes, InputAttributes } from 'ssh2';
import { VfsError } from '../../errors.js';
import type { EntryType, SetAttrs, VfsEntry } from '../../types.js';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Largest time SFTP v3 can carry: uint32 seconds (year 2106). */
const MAX_SECONDS = 0xffffffff;

export const SFTP_MODTIME_PRECISION_MS = 1000;

type RemoteAttrs = Partial<Pick<Attributes, 'mode' | 'uid' | 'gid' | 'size' | 'atime' | 'mtime'>>;

export function entryTypeOf(mode: number | undefined): EntryType {
  switch ((mode ?? 0) & S_IFMT) {
    case S_IFREG:
      return 'file';
    case S_IFDIR:
      return 'dir';
    case S_IFLNK:
      return 'symlink';
    default:
      return 'other';
  }
}

export function toEntry(name: string, attrs: RemoteAttrs): VfsEntry {
  return {
    name,
    type: entryTypeOf(attrs.mode),
    size: numberOr(attrs.size, 0),
    mode: numberOr(attrs.mode, 0) & 0o7777,
    uid: numberOr(attrs.uid, 0),
    gid: numberOr(attrs.gid, 0),
    atimeMs: numberOr(attrs.atime, 0) * 1000,
    mtimeMs: numberOr(attrs.mtime, 0) * 1000,
    nlink: 1,
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function toSeconds(ms: number): number {
  const s = Math.floor(ms / 1000);
  if (s < 0 || s > MAX_SECONDS) throw new VfsError('EINVAL', 'Time out of range for SFTP');
  return s;
}

/**
 * SetAttrs as SFTP attributes. The protocol sets atime and mtime together and uid and gid together,
 * so when only one of a pair is given the other comes from `current` (the caller fetches it).
 */
export function toSftpAttrs(attrs: SetAttrs, current?: VfsEntry): InputAttributes {
  const out: InputAttributes = {};
  if (attrs.size !== undefined) out.size = attrs.size;
  if (attrs.mode !== undefined) out.mode = attrs.mode & 0o7777;
  if (attrs.uid !== undefined || attrs.gid !== undefined) {
    out.uid = attrs.uid ?? current?.uid;
    out.gid = attrs.gid ?? current?.gid;
  }
  if (attrs.atimeMs !== undefined || attrs.mtimeMs !== undefined) {
    const atimeMs = attrs.atimeMs ?? current?.atimeMs;
    const mtimeMs = attrs.mtimeMs ?? current?.mtimeMs;
    if (atimeMs !== undefined) out.atime = toSeconds(atimeMs);
    if (mtimeMs !== undefined) out.mtime = toSeconds(mtimeMs);
  }
  return out;
}

/** True when toSftpAttrs needs the current attributes to fill half of a pair. */
export function needsCurrentAttrs(attrs: SetAttrs): boolean {
  const oneTime = (attrs.atimeMs === undefined) !== (attrs.mtimeMs === undefined);
  const oneId = (attrs.uid === undefined) !== (attrs.gid === undefined);
  return oneTime || oneId;
}
