// Follow-up questions that turn SFTP v3's vague answers into precise errors, asked on the error
// path only. OpenSSH answers NO_SUCH_FILE for ENOTDIR too, and a bare FAILURE for EEXIST,
// ENOTEMPTY and EISDIR: a stat of the path or its parent tells which it was. A connection failure
// during a question is reported as unreachable, never guessed.
import type { Stats } from 'ssh2';
import { VfsError } from '../../errors.js';
import type { EntryType } from '../../types.js';
import { entryTypeOf } from './sftp-attrs.js';
import { isConnectionFailure, SftpStatus, statusOf, toVfsErrorFromSftp } from './sftp-errors.js';
import type { SftpSession } from './sftp-session.js';

/** What is at a remote path: its type, 'missing', or 'unknown' (the server would not say). */
export type Probe = EntryType | 'missing' | 'unknown';

export async function probe(session: SftpSession, remote: string, follow: boolean): Promise<Probe> {
  try {
    const attrs = await session.request<Stats>((sftp, cb) => (follow ? sftp.stat(remote, cb) : sftp.lstat(remote, cb)));
    return entryTypeOf(attrs.mode);
  } catch (err) {
    if (isConnectionFailure(err)) throw toVfsErrorFromSftp(err);
    return statusOf(err) === SftpStatus.NO_SUCH_FILE ? 'missing' : 'unknown';
  }
}

function remoteParent(remote: string): string {
  const i = remote.lastIndexOf('/');
  return i <= 0 ? '/' : remote.slice(0, i);
}

/** For a NO_SUCH_FILE about `remote`: ENOTDIR when its parent exists but is not a directory. */
export async function explainMissing(session: SftpSession, remote: string): Promise<VfsError> {
  if (remote === '/' || remote === session.root) return new VfsError('ENOENT');
  const parent = await probe(session, remoteParent(remote), true);
  return parent !== 'dir' && parent !== 'missing' && parent !== 'unknown' ? new VfsError('ENOTDIR') : new VfsError('ENOENT');
}

export interface Explainers {
  /** Explains a bare FAILURE from what is at the path now. */
  readonly failure?: (at: Probe) => VfsError | undefined;
  /** Explains NO_SUCH_FILE when the path itself exists (OpenSSH's ENOTDIR). */
  readonly noSuchFile?: (at: Probe) => VfsError | undefined;
  /** Probe following links (stat) instead of lstat. */
  readonly follow?: boolean;
}

/**
 * Maps a failed request about `remote`: NO_SUCH_FILE is checked against the path and its parent,
 * FAILURE against the path, with the operation's own explainers; other codes map directly.
 */
export async function explain(session: SftpSession, err: unknown, remote: string, how: Explainers = {}): Promise<VfsError> {
  if (err instanceof VfsError || isConnectionFailure(err)) return toVfsErrorFromSftp(err);
  const status = statusOf(err);
  if (status === SftpStatus.NO_SUCH_FILE) {
    if (how.noSuchFile) {
      const explained = how.noSuchFile(await probe(session, remote, how.follow ?? false));
      if (explained) return explained;
    }
    return explainMissing(session, remote);
  }
  if (status === SftpStatus.FAILURE && how.failure) {
    const explained = how.failure(await probe(session, remote, how.follow ?? false));
    if (explained) return explained;
  }
  return toVfsErrorFromSftp(err);
}
