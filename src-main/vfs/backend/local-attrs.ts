// Applies a SetAttrs to one local file, either through an open descriptor or by path (following the
// last link or not). Order matters: size first (it changes mtime), times last.
import type { Stats } from 'node:fs';
import { chmod, chown, lchown, lstat, lutimes, stat, truncate, utimes } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { VfsError } from '../errors.js';
import type { SetAttrs } from '../types.js';
import { guard } from './local-guard.js';

/** The verbs one target offers; `chmod` is undefined for a link that is not followed (no lchmod). */
interface AttrTarget {
  stat(): Promise<Stats>;
  truncate(size: number): Promise<void>;
  chmod: ((mode: number) => Promise<void>) | undefined;
  chown(uid: number, gid: number): Promise<void>;
  utimes(atimeSec: number, mtimeSec: number): Promise<void>;
}

export function handleTarget(fh: FileHandle): AttrTarget {
  return {
    stat: () => fh.stat(),
    truncate: (size) => fh.truncate(size),
    chmod: (mode) => fh.chmod(mode),
    chown: (uid, gid) => fh.chown(uid, gid),
    utimes: (a, m) => fh.utimes(a, m),
  };
}

/** A path target; `isLink` with `followLinks` false acts on the link itself. */
export function pathTarget(local: string, followLinks: boolean, isLink: boolean): AttrTarget {
  if (followLinks || !isLink) {
    return {
      stat: () => stat(local),
      truncate: (size) => truncate(local, size),
      chmod: (mode) => chmod(local, mode),
      chown: (uid, gid) => chown(local, uid, gid),
      utimes: (a, m) => utimes(local, a, m),
    };
  }
  return {
    stat: () => lstat(local),
    truncate: () => Promise.reject(new VfsError('EINVAL', 'Cannot change the size of a link')),
    chmod: undefined,
    chown: (uid, gid) => lchown(local, uid, gid),
    utimes: (a, m) => lutimes(local, a, m),
  };
}

export async function applyAttrs(target: AttrTarget, attrs: SetAttrs): Promise<void> {
  await guard(async () => {
    if (attrs.size !== undefined) await target.truncate(attrs.size);
    if (attrs.mode !== undefined && target.chmod) await target.chmod(attrs.mode & 0o7777);
    if (attrs.uid !== undefined || attrs.gid !== undefined) {
      // -1 leaves that id unchanged (chown(2)).
      await target.chown(attrs.uid ?? -1, attrs.gid ?? -1);
    }
    if (attrs.atimeMs !== undefined || attrs.mtimeMs !== undefined) {
      let { atimeMs, mtimeMs } = attrs;
      if (atimeMs === undefined || mtimeMs === undefined) {
        const current = await target.stat();
        atimeMs ??= current.atimeMs;
        mtimeMs ??= current.mtimeMs;
      }
      await target.utimes(atimeMs / 1000, mtimeMs / 1000);
    }
  });
}
