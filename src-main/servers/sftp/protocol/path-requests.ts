// Requests naming a path: STAT, LSTAT, SETSTAT, REMOVE, MKDIR, RMDIR, REALPATH, RENAME, READLINK,
// SYMLINK. Every client path goes through ctx.sharePath; every path sent back through ctx.clientPath.
import { readAttrs } from './attrs.js';
import type { RequestHandler } from './context.js';
import { readlinkAnswer, symlinkTarget } from './link-target.js';
import { attrsReply, okReply, pathReply } from './replies.js';

export const stat: RequestHandler = async (ctx, id, r) => {
  const sharePath = ctx.sharePath(r.string());
  ctx.logger.debug(`sftp: stat ${JSON.stringify(sharePath)}`);
  return attrsReply(id, await ctx.vfs.stat(sharePath));
};

export const lstat: RequestHandler = async (ctx, id, r) => {
  const sharePath = ctx.sharePath(r.string());
  ctx.logger.debug(`sftp: lstat ${JSON.stringify(sharePath)}`);
  return attrsReply(id, await ctx.vfs.lstat(sharePath));
};

export const setstat: RequestHandler = async (ctx, id, r) => {
  const path = r.string();
  const { attrs } = readAttrs(r);
  const sharePath = ctx.sharePath(path);
  ctx.access('setstat', sharePath, JSON.stringify(attrs));
  ctx.checkWritable();
  await ctx.vfs.setAttrs(sharePath, attrs, true);
  return okReply(id);
};

export const remove: RequestHandler = async (ctx, id, r) => {
  const sharePath = ctx.sharePath(r.string());
  ctx.access('remove', sharePath);
  ctx.checkWritable();
  await ctx.vfs.remove(sharePath);
  return okReply(id);
};

export const mkdir: RequestHandler = async (ctx, id, r) => {
  const path = r.string();
  const { permissions } = readAttrs(r);
  const sharePath = ctx.sharePath(path);
  ctx.access('mkdir', sharePath);
  ctx.checkWritable();
  await ctx.vfs.mkdir(sharePath, permissions);
  return okReply(id);
};

export const rmdir: RequestHandler = async (ctx, id, r) => {
  const sharePath = ctx.sharePath(r.string());
  ctx.access('rmdir', sharePath);
  ctx.checkWritable();
  await ctx.vfs.rmdir(sharePath);
  return okReply(id);
};

/** Lexical, against the user's root ("." and "" are "/"); the path need not exist. */
export const realpath: RequestHandler = async (ctx, id, r) => {
  const path = r.string();
  const resolved = ctx.clientPath(ctx.sharePath(path === '' ? '.' : path));
  ctx.logger.debug(`sftp: realpath ${JSON.stringify(path)} -> ${JSON.stringify(resolved)}`);
  return pathReply(id, resolved);
};

/** Plain v3 RENAME never replaces an existing target (posix-rename@openssh.com does). */
export const rename: RequestHandler = async (ctx, id, r) => {
  const from = r.string();
  const to = r.string();
  const fromShare = ctx.sharePath(from);
  const toShare = ctx.sharePath(to);
  ctx.access('rename', fromShare, `to ${JSON.stringify(toShare)}`);
  ctx.checkWritable();
  await ctx.vfs.rename(fromShare, toShare, false);
  return okReply(id);
};

export const readlink: RequestHandler = async (ctx, id, r) => {
  const sharePath = ctx.sharePath(r.string());
  ctx.logger.debug(`sftp: readlink ${JSON.stringify(sharePath)}`);
  return pathReply(id, readlinkAnswer(ctx, await ctx.vfs.readlink(sharePath)));
};

/**
 * OpenSSH's sftp-server (and so its client, `ln -s`) sends target first, link path second: the
 * reverse of the draft. We follow OpenSSH, as most servers do, so common clients work.
 */
export const symlink: RequestHandler = async (ctx, id, r) => {
  const target = r.string();
  const linkPath = r.string();
  const linkShare = ctx.sharePath(linkPath);
  ctx.access('symlink', linkShare, `-> ${JSON.stringify(target)}`);
  ctx.checkWritable();
  await ctx.vfs.symlink(symlinkTarget(ctx, target, linkShare), linkShare);
  return okReply(id);
};
