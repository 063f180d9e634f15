// The one mapping from errors to SFTP status codes. VfsError messages are client-safe by contract;
// anything else is reported as a bare "Operation failed" so a local path or a stack never leaks.
import { isVfsError } from '../../../vfs/index.js';
import type { VfsErrorCode } from '../../../vfs/index.js';
import { assertNever } from '../../../../src-shared/assert-never.js';
import { Status } from './constants.js';
import type { StatusCode } from './constants.js';

/** A protocol-level refusal that carries its own status (bad handle, too many handles, EOF...). */
export class SftpStatusError extends Error {
  constructor(
    readonly status: StatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'SftpStatusError';
  }
}

export interface StatusReply {
  readonly code: StatusCode;
  readonly message: string;
  /** True when the error was not one of ours: the caller logs the original at debug. */
  readonly unexpected: boolean;
}

export const STATUS_MESSAGES: Readonly<Record<StatusCode, string>> = {
  [Status.OK]: 'Success',
  [Status.EOF]: 'End of file',
  [Status.NO_SUCH_FILE]: 'No such file',
  [Status.PERMISSION_DENIED]: 'Permission denied',
  [Status.FAILURE]: 'Failure',
  [Status.BAD_MESSAGE]: 'Bad message',
  [Status.NO_CONNECTION]: 'No connection',
  [Status.CONNECTION_LOST]: 'Connection lost',
  [Status.OP_UNSUPPORTED]: 'Operation unsupported',
};

export function statusForVfsCode(code: VfsErrorCode): StatusCode {
  switch (code) {
    case 'ENOENT':
      return Status.NO_SUCH_FILE;
    case 'EPERM':
    case 'EROFS':
      return Status.PERMISSION_DENIED;
    case 'ENOSYS':
      return Status.OP_UNSUPPORTED;
    case 'EEXIST':
    case 'ENOTEMPTY':
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EBADF':
    case 'EINVAL':
    case 'ENOSPC':
    case 'ECLOSED':
      return Status.FAILURE;
    default:
      return assertNever(code, 'vfs error code');
  }
}

export function toStatusReply(err: unknown): StatusReply {
  if (err instanceof SftpStatusError) return { code: err.status, message: err.message, unexpected: false };
  if (isVfsError(err)) return { code: statusForVfsCode(err.code), message: err.message, unexpected: false };
  return { code: Status.FAILURE, message: 'Operation failed', unexpected: true };
}
