// Path resolution on the local disk that tolerates a missing tail: like realpath(3) for the part
// that exists, and kept as written for the rest. Confinement needs it for paths about to be created
// (the deepest existing ancestor decides where they land) and for dangling links, whose target the
// kernel would create on O_CREAT.
import { lstat, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { VfsError } from '../errors.js';
import { errnoOf, guarded } from './local-guard.js';

/** The kernel's own limit on links followed in one lookup (Linux MAXSYMLINKS). */
const MAX_LINK_HOPS = 40;

function split(p: string): string[] {
  return p.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
}

/**
 * Resolves an absolute local path through every existing component and link (the last one too).
 * A missing component ends the walk: it and the rest are appended as written. Throws ENOTDIR when a
 * non-directory is used as one and EINVAL on link loops.
 */
export async function resolveTolerant(start: string): Promise<string> {
  try {
    return await realpath(start);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw err;
  }
  // The common case (a new file in an existing folder) in two calls instead of one lstat per
  // component: the parent resolves and the name is free. Anything else takes the full walk.
  const missing = await missingInResolvedParent(start);
  if (missing !== undefined) return missing;
  let current = path.parse(start).root;
  let pending = split(start.slice(current.length));
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    let stats;
    try {
      stats = await lstat(next);
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      // The kernel cannot walk `..` out of a directory that does not exist: neither do we.
      if (pending.includes('..')) throw new VfsError('ENOENT');
      return path.join(next, ...pending);
    }
    if (stats.isSymbolicLink()) {
      hops += 1;
      if (hops > MAX_LINK_HOPS) throw new VfsError('EINVAL', 'Too many levels of symbolic links');
      const target = await guarded(readlink(next));
      if (path.isAbsolute(target)) current = path.parse(target).root;
      pending = [...split(path.isAbsolute(target) ? target.slice(path.parse(target).root.length) : target), ...pending];
      continue;
    }
    if (pending.length > 0 && !stats.isDirectory()) throw new VfsError('ENOTDIR');
    current = next;
  }
  return current;
}

/** `realpath(dirname) + basename` when the parent resolves and the name itself does not exist. */
async function missingInResolvedParent(start: string): Promise<string | undefined> {
  const name = path.basename(start);
  const parent = path.dirname(start);
  if (name === '' || name === '.' || name === '..' || parent === start) return undefined;
  let real: string;
  try {
    real = await realpath(parent);
  } catch {
    return undefined;
  }
  const candidate = path.join(real, name);
  try {
    await lstat(candidate);
  } catch (err) {
    return errnoOf(err) === 'ENOENT' ? candidate : undefined;
  }
  // The name exists after all (a dangling link, or created meanwhile): walk it properly.
  return undefined;
}
