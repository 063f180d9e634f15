// Rename on the remote. Without overwrite it is plain SFTP v3 RENAME, which OpenSSH refuses when
// the target exists (link + unlink for files). With overwrite it is posix-rename@openssh.com
// (rename(2), atomic); servers without it get remove-then-rename, which is not atomic.
import type { SFTPWrapper } from 'ssh2';
import { VfsError } from '../../errors.js';
import { explain, explainMissing, probe } from './sftp-diagnose.js';
import type { Probe } from './sftp-diagnose.js';
import { SftpStatus, statusOf, toVfsErrorFromSftp } from './sftp-errors.js';
import type { SftpSession } from './sftp-session.js';

type Issue = (sftp: SFTPWrapper, cb: (err: Error | null | undefined, value: undefined) => void) => void;

function exists(at: Probe): boolean {
  return at !== 'missing' && at !== 'unknown';
}

async function request(session: SftpSession, issue: Issue): Promise<void> {
  await session.request<undefined>(issue);
}

/**
 * NO_SUCH_FILE from a rename: the source is gone, the target's folder is, or (OpenSSH's ENOTDIR)
 * a folder was to replace a file.
 */
async function explainRenameMissing(session: SftpSession, src: string, dst: string): Promise<VfsError> {
  if ((await probe(session, src, false)) === 'missing') return new VfsError('ENOENT');
  if (exists(await probe(session, dst, false))) return (await explainReplace(session, src, dst)) ?? new VfsError('ENOENT');
  return explainMissing(session, dst);
}

/** Why rename(2) refused to replace `dst`: the kinds of the two entries tell. */
async function explainReplace(session: SftpSession, src: string, dst: string): Promise<VfsError | undefined> {
  const [srcAt, dstAt] = await Promise.all([probe(session, src, false), probe(session, dst, false)]);
  if (dstAt === 'dir' && srcAt !== 'dir') return new VfsError('EISDIR');
  if (dstAt !== 'dir' && srcAt === 'dir' && exists(dstAt)) return new VfsError('ENOTDIR');
  if (dstAt === 'dir' && srcAt === 'dir') return new VfsError('ENOTEMPTY');
  return undefined;
}

async function plainRename(session: SftpSession, src: string, dst: string): Promise<void> {
  try {
    await request(session, (sftp, cb) => sftp.rename(src, dst, (err) => cb(err, undefined)));
  } catch (err) {
    if (statusOf(err) === SftpStatus.NO_SUCH_FILE) throw await explainRenameMissing(session, src, dst);
    throw await explain(session, err, dst, { failure: (at) => (exists(at) ? new VfsError('EEXIST') : undefined) });
  }
}

async function posixRename(session: SftpSession, src: string, dst: string): Promise<void> {
  try {
    await request(session, (sftp, cb) => sftp.ext_openssh_rename(src, dst, (err) => cb(err, undefined)));
  } catch (err) {
    if (statusOf(err) === SftpStatus.NO_SUCH_FILE) throw await explainRenameMissing(session, src, dst);
    if (statusOf(err) === SftpStatus.FAILURE) {
      const explained = await explainReplace(session, src, dst);
      if (explained) throw explained;
    }
    throw toVfsErrorFromSftp(err);
  }
}

/** Replace without posix-rename: remove the target (if the kinds allow), then rename. */
async function removeThenRename(session: SftpSession, src: string, dst: string): Promise<void> {
  const dstAt = await probe(session, dst, false);
  if (exists(dstAt)) {
    const srcAt = await probe(session, src, false);
    if (srcAt === 'missing') throw new VfsError('ENOENT');
    if (dstAt === 'dir') {
      if (srcAt !== 'dir') throw new VfsError('EISDIR');
      try {
        await request(session, (sftp, cb) => sftp.rmdir(dst, (err) => cb(err, undefined)));
      } catch (err) {
        throw statusOf(err) === SftpStatus.FAILURE ? new VfsError('ENOTEMPTY') : toVfsErrorFromSftp(err);
      }
    } else {
      if (srcAt === 'dir') throw new VfsError('ENOTDIR');
      await request(session, (sftp, cb) => sftp.unlink(dst, (err) => cb(err, undefined))).catch((err: unknown) => {
        throw toVfsErrorFromSftp(err);
      });
    }
  }
  await plainRename(session, src, dst);
}

/** Renames remote path `src` to `dst` (both already under the root). */
export async function renameRemote(session: SftpSession, src: string, dst: string, overwrite: boolean): Promise<void> {
  if (src === dst || dst.startsWith(`${src}/`)) {
    const at = await probe(session, src, false);
    if (at === 'missing') throw new VfsError('ENOENT');
    if (src === dst) {
      if (overwrite) return;
      throw new VfsError('EEXIST');
    }
    if (at === 'dir') throw new VfsError('EINVAL', 'Cannot move a directory into itself');
    throw new VfsError('ENOTDIR');
  }
  if (!overwrite) await plainRename(session, src, dst);
  else if (session.supports('posix-rename@openssh.com')) await posixRename(session, src, dst);
  else await removeThenRename(session, src, dst);
}
