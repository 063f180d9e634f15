// The one resolver every adapter uses at the edge: a client-supplied path becomes a normalised,
// share-relative POSIX path ("/a/b"). It never touches the disk; the backend confines the result
// to its root (realpath checks). `..` cannot climb above "/".
import { VfsError } from './errors.js';

/** Longest path a client may send, in UTF-16 units (generous: PATH_MAX is 4096 bytes). */
const MAX_PATH_LENGTH = 4096;

export function resolveSharePath(input: string, cwd = '/'): string {
  if (input.includes('\0')) throw new VfsError('EINVAL', 'Path contains a NUL character');
  if (input.length > MAX_PATH_LENGTH) throw new VfsError('EINVAL', 'Path too long');
  const unified = input.replace(/\\/g, '/');
  const start = unified.startsWith('/') ? unified : `${cwd}/${unified}`;
  const parts: string[] = [];
  for (const part of start.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Joins a normalised share path under a root that is itself a normalised share path. */
export function joinSharePath(root: string, path: string): string {
  if (root === '/') return path;
  return path === '/' ? root : `${root}${path}`;
}

/** The inverse of joinSharePath: strips `root`, or returns undefined when `path` is outside it. */
export function relativeToRoot(root: string, path: string): string | undefined {
  if (root === '/') return path;
  if (path === root) return '/';
  return path.startsWith(`${root}/`) ? path.slice(root.length) : undefined;
}

export function baseName(path: string): string {
  if (path === '/') return '/';
  return path.slice(path.lastIndexOf('/') + 1);
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/**
 * Backends accept only what `resolveSharePath` produces: anything else (a relative path, `..`, a
 * backslash, NUL) is a bug or an attack one layer up, refused before it can reach the disk.
 */
export function assertSharePath(path: string): void {
  if (typeof path !== 'string' || resolveSharePath(path) !== path) {
    throw new VfsError('EINVAL', 'Invalid path');
  }
}
