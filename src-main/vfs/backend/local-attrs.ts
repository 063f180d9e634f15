// Applies a SetAttrs to one local file, either through an open descriptor or by path (following the
// last link or not). Order matters: size first (it changes mtime), times last.
import { chmodSync, chownSync, statSync, truncateSync, utimesSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { chmod, chown, lchown, lstat, lutimes, stat, truncate, utimes } from 'node:fs/promises';
import { VfsError } from '../errors.js';
import type { SetAttrs } from '../types.js';
import type { LocalFd } from './local-fd.js';
import { guard } from './local-guard.js';
import type { InlineIo } from './local-inline-io.js';

/**
 * The verbs one target offers; `chmod` is undefined for a link that is not followed (no lchmod).
 * A verb answers at once when it ran inline (local-inline-io.ts).
 */
interface AttrTarget {
  stat(): Promise<Stats> | Stats;
  truncate(size: number): Promise<void> | void;
  chmod: ((mode: number) => Promise<void> | void) | undefined;
  chown(uid: number, gid: number): Promise<void> | void;
  utimes(atimeSec: number, mtimeSec: number): Promise<void> | void;
}

export function handleTarget(fh: LocalFd): AttrTarget {
  return {
    stat: () => fh.stat(),
    truncate: (size) => fh.truncate(size),
    chmod: (mode) => fh.chmod(mode),
    chown: (uid, gid) => fh.chown(uid, gid),
    utimes: (a, m) => fh.utimes(a, m),
  };
}

/** A path whose last link is followed, each verb run inline (the caller checked `io.allowed()`). */
export function inlinePathTarget(local: string, io: InlineIo): AttrTarget {
  return {
    stat: () => io.run(() => statSync(local)),
    truncate: (size) => io.run(() => truncateSync(local, size)),
    chmod: (mode) => io.run(() => chmodSync(local, mode)),
    chown: (uid, gid) => io.run(() => chownSync(local, uid, gid)),
    utimes: (a, m) => io.run(() => utimesSync(local, a, m)),
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
