// The closed error set of the engine. Backends classify their own failures into these codes; each
// protocol adapter has exactly one mapping from code to its status (SFTP) or reply (FTP).
// Messages are client-safe: they never contain a local path or a stack.

export const VFS_ERROR_CODES = [
  'ENOENT',
  'EEXIST',
  'ENOTEMPTY',
  'ENOTDIR',
  'EISDIR',
  'EBADF',
  'EROFS',
  'ENOSYS',
  'EPERM',
  'EINVAL',
  'ENOSPC',
  'ECLOSED',
] as const;

export type VfsErrorCode = (typeof VFS_ERROR_CODES)[number];

const DEFAULT_MESSAGES: Readonly<Record<VfsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EBADF: 'Bad file handle',
  EROFS: 'Read-only file system',
  ENOSYS: 'Operation not supported',
  EPERM: 'Permission denied',
  EINVAL: 'Invalid argument',
  ENOSPC: 'No space left on device',
  ECLOSED: 'File already closed',
};

export interface VfsErrorOptions {
  /**
   * The backend could not be reached (connection refused, lost, timed out, login failed): the
   * answer says nothing about the path, so callers must not treat it as not-found. The VFS cache
   * keeps clean cached files then; adapters may report it as a transient failure.
   */
  readonly unreachable?: boolean;
}

export class VfsError extends Error {
  readonly code: VfsErrorCode;
  readonly unreachable: boolean;

  constructor(code: VfsErrorCode, message: string = DEFAULT_MESSAGES[code], options: VfsErrorOptions = {}) {
    super(message);
    this.name = 'VfsError';
    this.code = code;
    this.unreachable = options.unreachable ?? false;
  }
}

export function isVfsError(err: unknown): err is VfsError {
  return err instanceof VfsError;
}

/**
 * The error for "the remote cannot be reached right now". Its code is ECLOSED (the storage behind
 * the share is closed to us, a transient condition: FTP 450), and `unreachable` tells it apart.
 * The message is client-safe: it never names the remote host.
 */
export function unreachableError(message = 'The remote storage cannot be reached'): VfsError {
  return new VfsError('ECLOSED', message, { unreachable: true });
}

/** A FIFO, socket or device where a file was asked for: never opened (it could wait forever). */
export function notRegularFile(): VfsError {
  return new VfsError('EPERM', 'Not a regular file');
}

/** True for errors meaning "backend unreachable", never for not-found or other answers. */
export function isUnreachable(err: unknown): boolean {
  return err instanceof VfsError && err.unreachable;
}

/** Node's errno codes that map onto the closed set; anything else becomes EPERM (`unclassified`). */
const NODE_CODES: Readonly<Record<string, VfsErrorCode>> = {
  ENOENT: 'ENOENT',
  EEXIST: 'EEXIST',
  ENOTEMPTY: 'ENOTEMPTY',
  ENOTDIR: 'ENOTDIR',
  EISDIR: 'EISDIR',
  EBADF: 'EBADF',
  EROFS: 'EROFS',
  ENOSYS: 'ENOSYS',
  ENOTSUP: 'ENOSYS',
  EOPNOTSUPP: 'ENOSYS',
  EPERM: 'EPERM',
  EACCES: 'EPERM',
  EINVAL: 'EINVAL',
  ENAMETOOLONG: 'EINVAL',
  ELOOP: 'EINVAL',
  EXDEV: 'ENOSYS',
  ENOSPC: 'ENOSPC',
  EDQUOT: 'ENOSPC',
  EFBIG: 'ENOSPC',
  EMLINK: 'EPERM',
  // node's own argument checks (negative offsets, ids out of range): the request was invalid.
  ERR_OUT_OF_RANGE: 'EINVAL',
  ERR_INVALID_ARG_TYPE: 'EINVAL',
  ERR_INVALID_ARG_VALUE: 'EINVAL',
};

/**
 * Converts any thrown value into a VfsError with a client-safe message. Node errors carry local
 * paths in their messages, so only the code survives; the default message for it is used.
 */
export function toVfsError(err: unknown): VfsError {
  if (err instanceof VfsError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const mapped = Object.hasOwn(NODE_CODES, code) ? NODE_CODES[code] : undefined;
    if (mapped) return new VfsError(mapped);
  }
  return new VfsError('EPERM', 'Operation failed');
}
