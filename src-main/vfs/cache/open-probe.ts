// What an open needs to know about the remote before choosing what to do: does the file exist,
// what is it, and where do symbolic links lead (the cache keys files by their real path, and an
// upload must replace the target, never the link). Errors other than "not found" are kept for the
// caller, which may carry on from the cache when the remote is out of reach.
import type { Backend } from '../backend/backend.js';
import { toVfsError, VfsError } from '../errors.js';
import { parentPath, resolveSharePath } from '../share-path.js';
import type { VfsEntry } from '../types.js';

const MAX_LINK_HOPS = 40;

export interface Probe {
  /** The path with symbolic links resolved (where a missing file would be created). */
  readonly path: string;
  readonly entry: VfsEntry | undefined;
  readonly error: VfsError | undefined;
}

export async function probeRemote(backend: Backend, path: string): Promise<Probe> {
  let current = path;
  for (let hops = 0; hops <= MAX_LINK_HOPS; hops += 1) {
    let entry: VfsEntry;
    try {
      entry = await backend.lstat(current);
    } catch (err) {
      const error = toVfsError(err);
      return error.code === 'ENOENT' ? { path: current, entry: undefined, error: undefined } : { path: current, entry: undefined, error };
    }
    if (entry.type !== 'symlink') return { path: current, entry, error: undefined };
    current = resolveSharePath(await backend.readlink(current), parentPath(current));
  }
  throw new VfsError('EINVAL', 'Too many levels of symbolic links');
}
