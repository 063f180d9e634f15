// Opening a local file inside the share. The path is confined first; after the open the descriptor
// itself is located (Linux: /proc/self/fd; elsewhere: device + inode against a fresh realpath), so a
// link swapped in between the check and the open is caught. The open itself uses O_NOFOLLOW. Every
// step runs inline while the disk answers fast (local-inline-io.ts), else as a trip to libuv's
// thread pool (~50 us each here), where independent ones go together.
import { constants, fstatSync, open, openSync, readlinkSync, realpathSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { notRegularFile, toVfsError, VfsError } from '../errors.js';
import type { OpenFlags } from '../types.js';
import type { LocalConfinement } from './local-confine.js';
import { OUTSIDE_MESSAGE } from './local-confine.js';
import { sameFile } from './local-entry.js';
import { LocalFd } from './local-fd.js';
import { errnoOf, inline } from './local-guard.js';
import type { InlineIo } from './local-inline-io.js';

/** O_NOFOLLOW is POSIX only; elsewhere the post-open identity check stands alone. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/**
 * Every open is non-blocking: opening a FIFO (or some devices) otherwise waits for the other end,
 * and an inline open waiting held the event loop, so one OPEN of a FIFO in the share froze every
 * session (on the thread pool it would hold a thread for good). Regular files ignore the flag;
 * anything else is refused after the fstat.
 */
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

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
  return fsFlags | NO_FOLLOW | NON_BLOCK;
}

/** An open local file and its fstat, taken right after the open. */
export interface OpenedFile {
  readonly fh: LocalFd;
  readonly stats: Stats;
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
  io: InlineIo,
): Promise<OpenedFile> {
  if (flags.create && !flags.exclusive) {
    const quick = await openCreateQuick(confine, sharePath, flags, mode, io);
    if (quick !== undefined) return quick;
  }
  let local: string;
  if (!flags.create) local = io.allowed() ? existingInline(confine, io, sharePath) : await confine.existing(sharePath);
  else if (flags.exclusive) local = await confine.entry(sharePath);
  else local = await confine.target(sharePath);
  return verifyOpened(confine, io, await openLocal(io, local, flags, mode), local);
}

/** `confine.existing`, inline (the caller checked `io.allowed()`). */
export function existingInline(confine: LocalConfinement, io: InlineIo, sharePath: string): string {
  const lexical = confine.lexical(sharePath);
  return confine.check(inline(() => io.run(() => realpathSync.native(lexical))));
}

/**
 * The upload case with one lookup: only the parent is resolved, and the name is opened under it
 * with O_NOFOLLOW, so a regular file (new or not) opens at once while a link at the name fails with
 * ELOOP and takes the full walk (`confine.target`) instead. Undefined means "take the full walk".
 */
async function openCreateQuick(
  confine: LocalConfinement,
  sharePath: string,
  flags: OpenFlags,
  mode: number,
  io: InlineIo,
): Promise<OpenedFile | undefined> {
  if (sharePath === '/') return undefined;
  const lexical = confine.lexical(sharePath);
  const parentLexical = path.dirname(lexical);
  let parent: string;
  try {
    parent = io.allowed() ? io.run(() => realpathSync.native(parentLexical)) : await realpath(parentLexical);
  } catch {
    return undefined;
  }
  const local = path.join(confine.check(parent), path.basename(lexical));
  let fh: LocalFd;
  try {
    fh = await openFd(io, local, flags, mode);
  } catch (err) {
    // ELOOP: a link sits at the name (a dangling one is followed inside the share by the walk).
    // ENOENT: the parent went away meanwhile. Either way the full walk decides.
    const code = errnoOf(err);
    if (code === 'ELOOP' || code === 'ENOENT') return undefined;
    throw openFailure(err);
  }
  return verifyOpened(confine, io, fh, local);
}

/** open(2): inline while the disk answers fast, else on the thread pool. Errors are node's. */
async function openFd(io: InlineIo, local: string, flags: OpenFlags, mode: number): Promise<LocalFd> {
  const fsFlags = toFsFlags(flags);
  if (io.allowed()) return new LocalFd(io.run(() => openSync(local, fsFlags, mode & 0o7777)));
  const fd = await new Promise<number>((resolve, reject) => open(local, fsFlags, mode & 0o7777, (err, opened) => (err ? reject(err) : resolve(opened))));
  return new LocalFd(fd);
}

async function openLocal(io: InlineIo, local: string, flags: OpenFlags, mode: number): Promise<LocalFd> {
  try {
    return await openFd(io, local, flags, mode);
  } catch (err) {
    // O_NOFOLLOW met a link: something swapped the checked path for a link since the check.
    if (errnoOf(err) === 'ELOOP') throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    throw openFailure(err);
  }
}

/**
 * open(2)'s error as a VfsError. ENXIO: a FIFO opened for writing with no reader (O_NONBLOCK), or
 * a device with nothing behind it.
 */
function openFailure(err: unknown): VfsError {
  return errnoOf(err) === 'ENXIO' ? notRegularFile() : toVfsError(err);
}

/** The descriptor must be a non-directory inside the share; otherwise it is closed and refused. */
async function verifyOpened(confine: LocalConfinement, io: InlineIo, fh: LocalFd, local: string): Promise<OpenedFile> {
  try {
    // Both questions at once: one thread-pool round instead of two (or none, inline).
    const [stats, where] = io.allowed() ? io.run(() => [fstatSync(fh.fd), procPathSync(fh)] as const) : await Promise.all([fh.stat(), procPath(fh)]);
    if (stats.isDirectory()) throw new VfsError('EISDIR');
    if (!stats.isFile()) throw notRegularFile();
    const inside = where !== undefined ? confine.contains(where) : await isInsideByPath(confine, local, stats);
    if (!inside) throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    return { fh, stats };
  } catch (err) {
    await fh.discard();
    throw toVfsError(err);
  }
}

/** Where the open descriptor really is, as Linux names it in /proc (immune to later swaps). */
async function procPath(fh: LocalFd): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  return readlink(`/proc/self/fd/${fh.fd}`).catch(() => undefined);
}

function procPathSync(fh: LocalFd): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readlinkSync(`/proc/self/fd/${fh.fd}`);
  } catch {
    return undefined;
  }
}

/** Without /proc: the checked path is realpath-ed again and must still be this very file. */
async function isInsideByPath(confine: LocalConfinement, local: string, opened: Stats): Promise<boolean> {
  const again = await realpath(local);
  return confine.contains(again) && sameFile(opened, await stat(again)) && (await realpath(local)) === again;
}
