// The session context both protocol adapters carry, and the one place that turns a client path
// into a share path and checks the session's rights (SFTPGo's BaseConnection idea): adapters never
// re-implement these rules.
import { joinSharePath, relativeToRoot, resolveSharePath, VfsError } from '../vfs/index.js';
import type { Vfs } from '../vfs/index.js';
import type { TransferObserver } from './transfer-observer.js';

export type Protocol = 'sftp' | 'ftp';

export interface SessionContext {
  readonly id: string;
  readonly protocol: Protocol;
  readonly user: string;
  readonly clientIp: string;
  readonly vfs: Vfs;
  /** The user's root inside the share, as a normalised share path ("/" for the whole share). */
  readonly root: string;
  /** Read-only for this user, on top of the share's own read-only flag. */
  readonly readOnly: boolean;
  /** Told about every file opened and the bytes it moves (the app's live transfers); optional. */
  readonly transfers?: TransferObserver;
}

/** Client path (relative to `cwd`, itself a client path) to a share path inside the user's root. */
export function toSharePath(session: SessionContext, clientPath: string, cwd = '/'): string {
  return joinSharePath(session.root, resolveSharePath(clientPath, cwd));
}

/** Share path back to what the client sees; paths outside the user's root never leak. */
export function toClientPath(session: SessionContext, sharePath: string): string {
  const rel = relativeToRoot(session.root, sharePath);
  if (rel === undefined) throw new VfsError('EPERM', 'Path is outside your folder');
  return rel;
}

export function checkWritable(session: SessionContext): void {
  if (session.readOnly || session.vfs.readOnly) throw new VfsError('EROFS');
}
