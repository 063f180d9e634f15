// The shape of one FTP command handler. Handlers get the session and the raw argument (everything
// after the verb and one space, untouched, so names keep their quotes and inner spaces).
import type { FtpSession } from '../ftp-session.js';
import type { VfsFileSystem } from '../vfs-file-system.js';

export interface FtpCommand {
  /** The verb and its aliases (XCWD for CWD...). */
  readonly verbs: readonly string[];
  /** Shown by HELP <verb>. */
  readonly syntax: string;
  /** Allowed before login (USER, PASS, AUTH, FEAT...). */
  readonly beforeLogin?: boolean;
  handler(session: FtpSession, arg: string, verb: string): Promise<void> | void;
}

/** The logged-in file system; the session runs commands that need it only after login. */
export function fsOf(session: FtpSession): VfsFileSystem {
  if (!session.fs) throw new Error('not logged in');
  return session.fs;
}
