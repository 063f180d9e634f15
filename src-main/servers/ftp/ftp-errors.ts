// The one mapping from the engine's closed error set to FTP replies. Messages come from VfsError,
// whose contract is client-safe text: no local path, no stack (ftp-srv sent node's own messages,
// local paths included, in its 550 replies).
import { assertNever } from '../../../src-shared/assert-never.js';
import { toVfsError } from '../../vfs/index.js';
import type { VfsErrorCode } from '../../vfs/index.js';

export interface FtpReply {
  readonly code: number;
  readonly message: string;
}

function codeFor(code: VfsErrorCode): number {
  switch (code) {
    case 'ENOENT':
    case 'EEXIST':
    case 'ENOTEMPTY':
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EPERM':
    case 'EROFS':
    case 'EBADF':
      return 550;
    case 'EINVAL':
      return 553;
    case 'ENOSYS':
      return 502;
    case 'ENOSPC':
      return 452;
    case 'ECLOSED':
      return 450;
    default:
      return assertNever(code, 'VFS error code');
  }
}

/** Any thrown value to the reply the client sees. */
export function ftpErrorReply(err: unknown): FtpReply {
  const vfsError = toVfsError(err);
  return { code: codeFor(vfsError.code), message: vfsError.message };
}
