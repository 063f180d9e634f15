// src-main/vfs/cache: the VFS file cache (rclone vfs/vfscache) and the buffering behind the streaming
// handles: cache folder, lock and items, sparse ranges, write-back queue, eviction, stats, chunked
// reading and read-ahead. May import: the rest of src-main/vfs, src-shared, node builtins.
// The Vfs and the handle switch use it; servers and core only see what vfs/index.ts re-exports.
export { VfsCache, cacheFolder } from './vfs-cache.js';
export type { VfsCacheConfig } from './vfs-cache.js';
export { DEFAULT_CACHE_OPTIONS } from './cache-options.js';
export type { VfsCacheOptions } from './cache-options.js';
export { CacheLockedError } from './cache-lock.js';
export type { CacheStats, HandleKind, OpenFileStat, UploadStat, VfsCacheStats } from './cache-stats.js';
export { OpenFiles } from './open-files.js';
