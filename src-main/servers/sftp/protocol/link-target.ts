// Symlink targets as the backend stores them: absolute client targets become share paths; relative
// ones stay relative, but may not climb above the user's root (the backend only guards the share).
import { VfsError, parentPath } from '../../../vfs/index.js';
import type { SftpContext } from './context.js';

export function symlinkTarget(ctx: SftpContext, target: string, linkSharePath: string): string {
  if (target === '') throw new VfsError('EINVAL', 'Empty link target');
  const unified = target.replace(/\\/g, '/');
  if (unified.startsWith('/')) return ctx.sharePath(unified);
  if (unified.includes('\0')) throw new VfsError('EINVAL', 'Path contains a NUL character');
  const root = ctx.session.root;
  const rootDepth = root === '/' ? 0 : root.split('/').length - 1;
  const parent = parentPath(linkSharePath);
  const stack = parent === '/' ? [] : parent.slice(1).split('/');
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length <= rootDepth) throw new VfsError('EPERM', 'Link target is outside your folder');
      stack.pop();
    } else {
      stack.push(part);
    }
  }
  return unified;
}

/** READLINK's answer: share-absolute targets go back through the client view, relative ones as stored. */
export function readlinkAnswer(ctx: SftpContext, stored: string): string {
  return stored.startsWith('/') ? ctx.clientPath(stored) : stored;
}
