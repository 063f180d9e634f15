// Options the engine itself consumes. The CLI and settings derive them from the option tables in
// src-shared; this is the already-parsed form.
import type { CacheMode } from '../../src-shared/cache-mode.js';
import { DEFAULT_CACHE_OPTIONS } from './cache/cache-options.js';
import type { VfsCacheOptions } from './cache/cache-options.js';
import { DEFAULT_DIR_CACHE_OPTIONS } from './dir-cache-options.js';
import type { VfsDirCacheOptions } from './dir-cache-options.js';

/** File-cache options: cache/cache-options.ts; directory-cache options: dir-cache-options.ts. */
export interface VfsOptions extends VfsCacheOptions, VfsDirCacheOptions {
  readonly readOnly: boolean;
  readonly cacheMode: CacheMode;
  /** Mode for files created without one (before umask); when `overridePerms`, also shown for all. */
  readonly filePerms: number;
  readonly dirPerms: number;
  readonly umask: number;
  /** True when --file-perms/--dir-perms were given: every entry then shows them (as rclone). */
  readonly overridePerms: boolean;
  /** Shown owner; undefined shows the real owner. */
  readonly uid: number | undefined;
  readonly gid: number | undefined;
  readonly noModTime: boolean;
  readonly noChecksum: boolean;
  readonly caseInsensitive: boolean;
}

export const DEFAULT_VFS_OPTIONS: VfsOptions = {
  ...DEFAULT_CACHE_OPTIONS,
  ...DEFAULT_DIR_CACHE_OPTIONS,
  readOnly: false,
  cacheMode: 'off',
  filePerms: 0o666,
  dirPerms: 0o777,
  umask: 0o002,
  overridePerms: false,
  uid: undefined,
  gid: undefined,
  noModTime: false,
  noChecksum: false,
  caseInsensitive: false,
};
