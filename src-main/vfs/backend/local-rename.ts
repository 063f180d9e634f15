// Rename inside the share. With `overwrite` it is rename(2) (posix-rename). Without, a regular file
// moves by link + unlink, which fails atomically with EEXIST when the target exists (what OpenSSH's
// sftp-server does); other entries, and file systems without hard links, check then rename.
import type { Stats } from 'node:fs';
import { link, lstat, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { VfsError } from '../errors.js';
import type { LocalConfinement } from './local-confine.js';
import { sameFile } from './local-entry.js';
import { errnoOf, guard } from './local-guard.js';

/** link(2) failures meaning "this file system has no hard links": fall back to check-then-rename. */
const NO_HARDLINKS = new Set(['EPERM', 'ENOSYS', 'EOPNOTSUPP', 'ENOTSUP', 'EXDEV', 'EMLINK']);

async function lstatOrUndefined(local: string): Promise<Stats | undefined> {
  try {
    return await lstat(local);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw err;
  }
}

async function checkThenRename(src: string, dst: string): Promise<void> {
  if (await lstatOrUndefined(dst)) throw new VfsError('EEXIST');
  await rename(src, dst);
}

/** A rename that changes only letter case on a case-insensitive disk: the "target" is the source. */
function isCaseOnlyRename(src: string, dst: string, srcStats: Stats, dstStats: Stats): boolean {
  return src !== dst && src.toLowerCase() === dst.toLowerCase() && sameFile(srcStats, dstStats);
}

async function moveFileNoClobber(src: string, dst: string, srcStats: Stats): Promise<void> {
  try {
    await link(src, dst);
  } catch (err) {
    const code = errnoOf(err);
    if (code === 'EEXIST') {
      const dstStats = await lstatOrUndefined(dst);
      if (dstStats && isCaseOnlyRename(src, dst, srcStats, dstStats)) {
        await rename(src, dst);
        return;
      }
      throw new VfsError('EEXIST');
    }
    if (code !== undefined && NO_HARDLINKS.has(code)) {
      await checkThenRename(src, dst);
      return;
    }
    throw err;
  }
  try {
    await unlink(src);
  } catch (err) {
    // Undo the new name so a failed rename leaves the tree as it was.
    await unlink(dst).catch(() => undefined);
    throw err;
  }
}

export async function renameConfined(
  confine: LocalConfinement,
  from: string,
  to: string,
  overwrite: boolean,
): Promise<void> {
  if (from === '/' || to === '/') throw new VfsError('EPERM', 'Cannot rename the root of the share');
  const src = await confine.entry(from);
  const dst = await confine.entry(to);
  await guard(async () => {
    const srcStats = await lstat(src);
    if (src === dst) {
      if (overwrite) return;
      throw new VfsError('EEXIST');
    }
    if (srcStats.isDirectory() && dst.startsWith(src + path.sep)) {
      throw new VfsError('EINVAL', 'Cannot move a directory into itself');
    }
    if (overwrite) await rename(src, dst);
    else if (srcStats.isFile()) await moveFileNoClobber(src, dst, srcStats);
    else await checkThenRename(src, dst);
  });
}
