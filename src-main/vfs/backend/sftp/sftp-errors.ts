// SFTP failures into the engine's closed error set. SFTP v3 has few status codes and OpenSSH folds
// errno into them (ENOTDIR into NO_SUCH_FILE; EEXIST, ENOTEMPTY, EISDIR into FAILURE), so the
// backend asks follow-up questions on the error path only (sftp-diagnose.ts). Anything that is not
// an answer from the server (lost connection, no session) is `unreachable`, never not-found.
import { SFTP_STATUS } from '../../../../src-shared/sftp-status.js';
import { unreachableError, VfsError } from '../../errors.js';
import { SessionLostError } from './sftp-session.js';

export const SftpStatus = SFTP_STATUS;

/** The status code of an ssh2 SFTP error reply, or undefined for anything else. */
export function statusOf(err: unknown): number | undefined {
  if (err instanceof SessionLostError) return undefined;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** True when `err` says nothing about the path because the server could not be asked. */
export function isConnectionFailure(err: unknown): boolean {
  if (err instanceof VfsError) return err.unreachable;
  const status = statusOf(err);
  return status === undefined || status === SftpStatus.NO_CONNECTION || status === SftpStatus.CONNECTION_LOST;
}

/** The plain mapping, without follow-up questions. Messages are the engine's, never the server's. */
export function toVfsErrorFromSftp(err: unknown): VfsError {
  if (err instanceof VfsError) return err;
  if (isConnectionFailure(err)) return unreachableError();
  switch (statusOf(err)) {
    case SftpStatus.NO_SUCH_FILE:
      return new VfsError('ENOENT');
    case SftpStatus.PERMISSION_DENIED:
      return new VfsError('EPERM');
    case SftpStatus.BAD_MESSAGE:
      return new VfsError('EINVAL');
    case SftpStatus.OP_UNSUPPORTED:
      return new VfsError('ENOSYS', 'Operation not supported by the remote server');
    case SftpStatus.EOF:
      return new VfsError('EINVAL', 'Unexpected end of file');
    default:
      // FAILURE and codes from later protocol drafts: the server refused without saying why.
      return new VfsError('EPERM', 'The remote server refused the operation');
  }
}
