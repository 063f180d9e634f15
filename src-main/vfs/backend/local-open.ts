// Opening a local file inside the share. The path is confined first; after the open the descriptor
// itself is located (Linux: /proc/self/fd; elsewhere: device + inode against a fresh realpath), so a
// link swapped in between the check and the open is caught. The open itself uses O_NOFOLLOW.
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, readlink, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { toVfsError, VfsError } from '../errors.js';
import type { OpenFlags } from '../types.js';
import type { LocalConfinement } from './local-confine.js';
import { OUTSIDE_MESSAGE } from './local-confine.js';
import { sameFile } from './local-entry.js';
import { errnoOf } from './local-guard.js';

/** O_NOFOLLOW is POSIX only; elsewhere the post-open identity check stands alone. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** OpenFlags to open(2) flags. Never O_APPEND: DirectHandle positions appends itself. */
export function toFsFlags(flags: OpenFlags): number {
  let fsFlags: number;
  if (flags.read && flags.write) fsFlags = constants.O_RDWR;
  else if (flags.write) fsFlags = constants.O_WRONLY;
  else fsFlags = constants.O_RDONLY;
  if (flags.create) {
    fsFlags |= constants.O_CREAT;
    if (flags.exclusive) fsFlags |= constants.O_EXCL;
  }
  // Truncation is a write: a read-only open never destroys data, whatever the client asked.
  if (flags.truncate && flags.write) fsFlags |= constants.O_TRUNC;
  return fsFlags | NO_FOLLOW;
}

/**
 * Opens `sharePath` confined to the share. With create+exclusive the name itself must be free (a
 * dangling link counts as taken, as with open(2)); with create alone a dangling link is followed to
 * a target inside the share. Directories are refused with EISDIR.
 */
export async function openConfined(
  confine: LocalConfinement,
  sharePath: string,
  flags: OpenFlags,
  mode: number,
): Promise<FileHandle> {
  let local: string;
  if (!flags.create) local = await confine.existing(sharePath);
  else if (flags.exclusive) local = await confine.entry(sharePath);
  else local = await confine.target(sharePath);

  let fh: FileHandle;
  try {
    fh = await open(local, toFsFlags(flags), mode & 0o7777);
  } catch (err) {
    // O_NOFOLLOW met a link: something swapped the checked path for a link since the check.
    if (errnoOf(err) === 'ELOOP') throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    throw toVfsError(err);
  }
  try {
    const opened = await fh.stat();
    if (opened.isDirectory()) throw new VfsError('EISDIR');
    if (!(await isInside(confine, fh, local, opened))) throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    return fh;
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw toVfsError(err);
  }
}

/**
 * Where the open descriptor really is. Linux names it in /proc (the kernel's own answer, immune to
 * later swaps); elsewhere the checked path is realpath-ed again and must still be this very file.
 */
async function isInside(confine: LocalConfinement, fh: FileHandle, local: string, opened: Stats): Promise<boolean> {
  if (process.platform === 'linux') {
    const actual = await readlink(`/proc/self/fd/${fh.fd}`).catch(() => undefined);
    if (actual !== undefined) return confine.contains(actual);
  }
  const again = await realpath(local);
  return confine.contains(again) && sameFile(opened, await stat(again)) && (await realpath(local)) === again;
}
