// The directory-cache and name-lookup options (rclone's --dir-cache-time, --poll-interval), in
// parsed form; VfsOptions includes them.

export interface VfsDirCacheOptions {
  /** How long listings and stats are served from memory (ms); 0 disables the directory cache. */
  readonly dirCacheTimeMs: number;
  /**
   * Change notification for backends that have it (ms; 0 disables): for local shares, changes
   * made on disk by others are watched (chokidar) and drop what the cache holds about them.
   */
  readonly pollIntervalMs: number;
}

export const DEFAULT_DIR_CACHE_OPTIONS: VfsDirCacheOptions = {
  dirCacheTimeMs: 5 * 60_000,
  pollIntervalMs: 60_000,
};
