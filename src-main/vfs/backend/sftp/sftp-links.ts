// Symbolic and hard links on the remote. Links created through the share cannot point out of it
// (absolute targets are joined under the root and stored relative, relative ones may not climb
// above it), and readlink never shows a target outside the root. Links that already exist on the
// remote are the remote owner's: the remote server follows them.
import path from 'node:path';
import { VfsError } from '../../errors.js';
import { joinSharePath, parentPath, relativeToRoot, resolveSharePath } from '../../share-path.js';
import { explain, probe } from './sftp-diagnose.js';
import { SftpStatus, statusOf } from './sftp-errors.js';
import type { SftpSession } from './sftp-session.js';

const OUTSIDE_MESSAGE = 'Path leads outside the share';

/** True when the relative link text, read from share directory `dir`, climbs above "/". */
function climbsAbove(dir: string, text: string): boolean {
  let depth = dir === '/' ? 0 : dir.split('/').length - 1;
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

function existsNow(at: string): VfsError | undefined {
  return at !== 'missing' && at !== 'unknown' ? new VfsError('EEXIST') : undefined;
}

/** The link's target: a share path for absolute targets, the stored text for relative ones. */
export async function readlinkRemote(session: SftpSession, remote: string, sharePath: string): Promise<string> {
  let text: string;
  try {
    text = await session.request<string>((sftp, cb) => sftp.readlink(remote, cb));
  } catch (err) {
    throw await explain(session, err, remote, {
      failure: (at) => (at !== 'symlink' && at !== 'missing' && at !== 'unknown' ? new VfsError('EINVAL', 'Not a symbolic link') : undefined),
    });
  }
  if (text.startsWith('/')) {
    const inside = relativeToRoot(session.root, resolveSharePath(text));
    if (inside === undefined) throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    return inside;
  }
  if (climbsAbove(parentPath(sharePath), text)) throw new VfsError('EPERM', OUTSIDE_MESSAGE);
  return text;
}

/** Creates the link at `linkPath` (a share path) to `target` as the client gave it. */
export async function symlinkRemote(session: SftpSession, target: string, linkPath: string): Promise<void> {
  if (typeof target !== 'string' || target === '' || target.includes('\0')) {
    throw new VfsError('EINVAL', 'Invalid link target');
  }
  const linkRemote = joinSharePath(session.root, linkPath);
  const unified = target.replace(/\\/g, '/');
  let text: string;
  if (unified.startsWith('/')) {
    // Stored relative, so the link keeps working wherever the remote folder is reached from.
    const targetRemote = joinSharePath(session.root, resolveSharePath(unified));
    text = path.posix.relative(path.posix.dirname(linkRemote), targetRemote) || '.';
  } else {
    if (climbsAbove(parentPath(linkPath), unified)) throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    text = unified;
  }
  try {
    // ssh2 puts the arguments in OpenSSH's (swapped) order itself.
    await session.request<undefined>((sftp, cb) => sftp.symlink(text, linkRemote, (err) => cb(err, undefined)));
  } catch (err) {
    throw await explain(session, err, linkRemote, { failure: existsNow });
  }
}

/** Hard link through hardlink@openssh.com (ENOSYS on servers without it). */
export async function hardlinkRemote(session: SftpSession, src: string, dst: string): Promise<void> {
  if (!session.supports('hardlink@openssh.com')) {
    throw new VfsError('ENOSYS', 'The remote server does not support hard links');
  }
  try {
    await session.request<undefined>((sftp, cb) => sftp.ext_openssh_hardlink(src, dst, (err) => cb(err, undefined)));
  } catch (err) {
    if (statusOf(err) === SftpStatus.NO_SUCH_FILE && (await probe(session, src, true)) === 'missing') {
      throw new VfsError('ENOENT');
    }
    if (statusOf(err) === SftpStatus.PERMISSION_DENIED && (await probe(session, src, true)) === 'dir') {
      throw new VfsError('EPERM', 'Cannot hard-link a directory');
    }
    throw await explain(session, err, dst, { failure: existsNow });
  }
}
