// The one switch that picks a handle kind for an open, by cache mode (rclone vfs/file.go File.Open).
// Backends with random access (local disk) get a direct handle in the uncached modes; the cached
// modes and the streaming read/write handles for remotes arrive with the VFS cache.
import { assertNever } from '../../src-shared/assert-never.js';
import type { CacheMode } from '../../src-shared/cache-mode.js';
import type { Backend } from './backend/backend.js';
import { DirectHandle } from './direct-handle.js';
import { VfsError } from './errors.js';
import type { VfsHandle } from './handle.js';
import type { OpenFlags, VfsEntry } from './types.js';

export async function openHandle(
  backend: Backend,
  cacheMode: CacheMode,
  path: string,
  flags: OpenFlags,
  createMode: number,
  decorate: (entry: VfsEntry) => VfsEntry,
): Promise<VfsHandle> {
  switch (cacheMode) {
    case 'off':
    case 'minimal':
      if (backend.features.randomAccess) {
        return new DirectHandle(path, flags, await backend.open(path, flags, createMode), decorate);
      }
      throw new VfsError('ENOSYS', `This backend needs a VFS cache mode other than ${cacheMode}`);
    case 'writes':
    case 'full':
      throw new VfsError('ENOSYS', `VFS cache mode ${cacheMode} is not available yet`);
    default:
      return assertNever(cacheMode, 'cache mode');
  }
}
