// Symbolic and hard links inside the share. Link targets are checked where the kernel will resolve
// them (from the link's real directory), created links are always relative so no local path is ever
// written into the share, and readlink never shows a target that leaves it.
import { link, readlink, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { VfsError } from '../errors.js';
import { parentPath, resolveSharePath } from '../share-path.js';
import type { LocalConfinement } from './local-confine.js';
import { OUTSIDE_MESSAGE } from './local-confine.js';
import { errnoOf, guard } from './local-guard.js';

/** `rel` against the share directory `baseDir`, or undefined when `..` climbs above the share. */
function resolveRelativeShare(baseDir: string, rel: string): string | undefined {
  const parts = baseDir === '/' ? [] : baseDir.slice(1).split('/');
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return `/${parts.join('/')}`;
}

/** Where the kernel resolves a link's text: relative texts start at the link's (real) directory. */
function kernelPath(linkLocal: string, text: string): string {
  return path.isAbsolute(text) ? text : `${path.dirname(linkLocal)}${path.sep}${text}`;
}

export async function readlinkConfined(confine: LocalConfinement, sharePath: string): Promise<string> {
  const local = await confine.entry(sharePath);
  return guard(async () => {
    const text = await readlink(local);
    const resolved = await confine.resolveLocal(kernelPath(local, text));
    if (!path.isAbsolute(text)) return text.split(path.sep).join('/');
    // Absolute targets are shown as share paths: as written when that is inside, else where they land.
    return confine.toShare(path.resolve(text)) ?? (confine.toShare(resolved) as string);
  });
}

/**
 * Creates `linkPath` pointing at `target`, a share path as the client gave it: absolute ("/a/b") or
 * relative to the link's directory. Refused (EPERM) when it climbs out of the share or, where it
 * exists, resolves outside. Stored relative: downward targets as given, others computed from the
 * link's real directory.
 */
export async function symlinkConfined(confine: LocalConfinement, target: string, linkPath: string): Promise<void> {
  if (typeof target !== 'string' || target === '' || target.includes('\0')) {
    throw new VfsError('EINVAL', 'Invalid link target');
  }
  const linkLocal = await confine.entry(linkPath);
  const unified = target.replace(/\\/g, '/');
  const parts = unified.split('/').filter((p) => p !== '' && p !== '.');
  let text: string;
  if (!unified.startsWith('/') && !parts.includes('..')) {
    text = parts.length === 0 ? '.' : parts.join(path.sep);
  } else {
    const shareTarget = unified.startsWith('/')
      ? resolveSharePath(unified)
      : resolveRelativeShare(parentPath(linkPath), unified);
    if (shareTarget === undefined) throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    text = path.relative(path.dirname(linkLocal), confine.lexical(shareTarget)) || '.';
  }
  const resolved = await confine.resolveLocal(kernelPath(linkLocal, text));
  await guard(async () => {
    const isDir = await stat(resolved).then(
      (s) => s.isDirectory(),
      (err: unknown) => {
        if (errnoOf(err) === 'ENOENT') return false;
        throw err;
      },
    );
    // The type matters on Windows only (directory links); POSIX ignores it.
    await symlink(text, linkLocal, isDir ? 'dir' : 'file');
  });
}

export async function hardlinkConfined(confine: LocalConfinement, existing: string, newPath: string): Promise<void> {
  const src = await confine.existing(existing);
  const dst = await confine.entry(newPath);
  await guard(async () => {
    if ((await stat(src)).isDirectory()) throw new VfsError('EPERM', 'Cannot hard-link a directory');
    await link(src, dst);
  });
}
