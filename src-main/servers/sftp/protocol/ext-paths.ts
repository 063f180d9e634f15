// Path extensions, with OpenSSH's names and wire formats (PROTOCOL §4): posix-rename, hardlink,
// lsetstat, statvfs, expand-path, home-directory.
import type { StatFs } from '../../../vfs/index.js';
import { readAttrs } from './attrs.js';
import { Status, StatVfsFlag } from './constants.js';
import type { RequestHandler, SftpContext } from './context.js';
import { okReply, pathReply, uint64sReply } from './replies.js';
import { SftpStatusError } from './status.js';

/** Rename that replaces an existing target atomically (rename(2)). */
export const posixRename: RequestHandler = async (ctx, id, r) => {
  const from = r.string();
  const to = r.string();
  const fromShare = ctx.sharePath(from);
  const toShare = ctx.sharePath(to);
  ctx.access('posix-rename', fromShare, `to ${JSON.stringify(toShare)}`);
  ctx.checkWritable();
  await ctx.vfs.rename(fromShare, toShare, true);
  return okReply(id);
};

export const hardlink: RequestHandler = async (ctx, id, r) => {
  const existing = r.string();
  const link = r.string();
  const existingShare = ctx.sharePath(existing);
  const linkShare = ctx.sharePath(link);
  ctx.access('hardlink', linkShare, `-> ${JSON.stringify(existingShare)}`);
  ctx.checkWritable();
  await ctx.vfs.link(existingShare, linkShare);
  return okReply(id);
};

/** SETSTAT on the link itself; like OpenSSH it refuses a size (links cannot be truncated). */
export const lsetstat: RequestHandler = async (ctx, id, r) => {
  const path = r.string();
  const { attrs } = readAttrs(r);
  const sharePath = ctx.sharePath(path);
  ctx.access('lsetstat', sharePath, JSON.stringify(attrs));
  ctx.checkWritable();
  if (attrs.size !== undefined) throw new SftpStatusError(Status.BAD_MESSAGE, 'lsetstat cannot change the size');
  await ctx.vfs.setAttrs(sharePath, attrs, false);
  return okReply(id);
};

export function statvfsReply(ctx: SftpContext, id: number, fs: StatFs): Buffer {
  const readOnly = fs.readOnly || ctx.session.readOnly;
  return uint64sReply(id, [
    fs.blockSize,
    fs.fragmentSize,
    fs.blocks,
    fs.blocksFree,
    fs.blocksAvail,
    fs.files,
    fs.filesFree,
    fs.filesAvail,
    0, // f_fsid: nothing a client could use
    readOnly ? StatVfsFlag.RDONLY : 0,
    fs.maxNameLength,
  ]);
}

export const statvfs: RequestHandler = async (ctx, id, r) => {
  const sharePath = ctx.sharePath(r.string());
  ctx.logger.debug(`sftp: statvfs ${JSON.stringify(sharePath)}`);
  return statvfsReply(ctx, id, await ctx.vfs.statfs(sharePath));
};

/** "~", "~/x" and "~<own name>/x" are the user's home, which is their root "/". */
export const expandPath: RequestHandler = async (ctx, id, r) => {
  let path = r.string();
  if (path === '') path = '.';
  if (path.startsWith('~')) {
    const slash = path.indexOf('/');
    const user = path.slice(1, slash === -1 ? undefined : slash);
    if (user !== '' && user !== ctx.session.user) throw new SftpStatusError(Status.NO_SUCH_FILE, 'No such user');
    path = slash === -1 ? '/' : path.slice(slash);
  }
  const expanded = ctx.clientPath(ctx.sharePath(path));
  ctx.logger.debug(`sftp: expand-path -> ${JSON.stringify(expanded)}`);
  return pathReply(id, expanded);
};

export const homeDirectory: RequestHandler = async (ctx, id, r) => {
  const user = r.string();
  if (user !== '' && user !== ctx.session.user) throw new SftpStatusError(Status.FAILURE, 'No such user');
  return pathReply(id, ctx.clientPath(ctx.session.root));
};
