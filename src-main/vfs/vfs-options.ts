// Options the engine itself consumes. The CLI and settings derive them from the option tables in
// src-shared; this is the already-parsed form.
import type { CacheMode } from '../../src-shared/cache-mode.js';

export interface VfsOptions {
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
