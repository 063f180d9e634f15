// The VFS flags of `wharf serve sftp|ftp` and of a share's settings, with rclone's names, defaults
// and meanings (rclone vfs/vfscommon/options.go, `rclone serve` docs): directory cache, file cache,
// buffering and chunked reading. `vfsSettingsFromFlags` checks the parsed values and turns them into
// the engine's units (VfsOptions field names); the core adds the cache folder's default.
import { CACHE_MODES, isCacheMode } from '../cache-mode.js';
import type { CacheMode } from '../cache-mode.js';
import type { Duration } from '../units/duration.js';
import type { Size } from '../units/size.js';
import type { AnyOptionSpec, OptionValues } from './option-spec.js';

const MIB = 1024 * 1024;

export const VFS_OPTIONS = [
  {
    name: 'vfs-cache-mode',
    kind: 'string',
    default: 'off',
    valueName: 'MODE',
    help: `Cache mode ${CACHE_MODES.join('|')}: how much of the file data is kept on local disk`,
    group: 'VFS',
  },
  {
    name: 'cache-dir',
    kind: 'string',
    default: undefined,
    defaultText: "the user's cache folder for Wharf",
    valueName: 'DIR',
    help: 'Folder for the file cache; every running Wharf needs its own',
    group: 'VFS',
  },
  {
    name: 'dir-cache-time',
    kind: 'duration',
    default: 300_000,
    help: 'Time to cache directory entries for',
    group: 'VFS',
  },
  {
    name: 'poll-interval',
    kind: 'duration',
    default: 60_000,
    help: 'Time to wait between polling for changes; must be smaller than dir-cache-time; 0 disables',
    group: 'VFS',
  },
  {
    name: 'vfs-cache-max-age',
    kind: 'duration',
    default: 3_600_000,
    help: 'Max time since last access of objects in the cache',
    group: 'VFS',
  },
  {
    name: 'vfs-cache-max-size',
    kind: 'size',
    default: 'off',
    help: 'Max total size of objects in the cache (open and not yet uploaded files may exceed it)',
    group: 'VFS',
  },
  {
    name: 'vfs-cache-min-free-space',
    kind: 'size',
    default: 'off',
    help: 'Target minimum free space on the disk containing the cache',
    group: 'VFS',
  },
  {
    name: 'vfs-cache-poll-interval',
    kind: 'duration',
    default: 60_000,
    help: 'Interval to poll the cache for stale objects',
    group: 'VFS',
  },
  {
    name: 'vfs-write-back',
    kind: 'duration',
    default: 5_000,
    help: 'Time to writeback files after last use when using cache',
    group: 'VFS',
  },
  {
    name: 'buffer-size',
    kind: 'size',
    default: 16 * MIB,
    help: 'In-memory read-ahead buffer per open file',
    group: 'VFS',
  },
  {
    name: 'vfs-read-ahead',
    kind: 'size',
    default: 0,
    help: 'Extra read ahead over --buffer-size when using cache-mode full (kept on disk)',
    group: 'VFS',
  },
  {
    name: 'vfs-read-chunk-size',
    kind: 'size',
    default: 128 * MIB,
    help: 'Read the source objects in chunks (0 or off: in one piece)',
    group: 'VFS',
  },
  {
    name: 'vfs-read-chunk-size-limit',
    kind: 'size',
    default: 'off',
    help: "If greater than --vfs-read-chunk-size, double the chunk size after each chunk read, until the limit is reached ('off' is unlimited)",
    group: 'VFS',
  },
  {
    name: 'vfs-read-wait',
    kind: 'duration',
    default: 20,
    help: 'Time to wait for in-sequence read before seeking',
    group: 'VFS',
  },
  {
    name: 'vfs-write-wait',
    kind: 'duration',
    default: 1_000,
    help: 'Time to wait for in-sequence write before giving error',
    group: 'VFS',
  },
  {
    name: 'transfers',
    kind: 'int',
    default: 4,
    help: 'Number of uploads from the cache to run in parallel',
    group: 'VFS',
    max: 1024,
  },
  {
    name: 'no-seek',
    kind: 'bool',
    default: false,
    help: "Don't allow seeking in files (streaming reads only)",
    group: 'VFS',
  },
  {
    name: 'vfs-case-insensitive',
    kind: 'bool',
    default: undefined,
    defaultText: 'true on Windows and macOS, false elsewhere',
    help: 'If a file name is not found, find a case insensitive match',
    group: 'VFS',
  },
  {
    name: 'vfs-used-is-size',
    kind: 'bool',
    default: false,
    help: 'Report the total size of the files as used space (walks the whole share: slow on big remotes)',
    group: 'VFS',
  },
] as const satisfies readonly AnyOptionSpec[];

export type VfsFlagValues = OptionValues<typeof VFS_OPTIONS>;

/** The VFS flags in the engine's units and names (src-main/vfs VfsOptions), checked. */
export interface VfsFlagSettings {
  readonly cacheMode: CacheMode;
  /** Undefined: the core's default cache folder. */
  readonly cacheDir: string | undefined;
  readonly dirCacheTimeMs: number;
  readonly pollIntervalMs: number;
  /** --vfs-cache-max-age: unused files older than this are evicted. */
  readonly cacheMaxAgeMs: Duration;
  /** --vfs-cache-max-size: evict least recently used files above this total. */
  readonly cacheMaxSize: Size;
  /** --vfs-cache-min-free-space: evict while the cache's disk has less free space than this. */
  readonly cacheMinFreeSpace: Size;
  /** --vfs-cache-poll-interval: how often eviction runs ('off' or 0: only at start). */
  readonly cachePollIntervalMs: Duration;
  /** --vfs-write-back: how long a changed file must be closed and unused before its upload. */
  readonly writeBackMs: number;
  /** --buffer-size: read-ahead kept in memory per open file. */
  readonly bufferSize: number;
  /** --vfs-read-ahead: extra read-ahead, on disk, in full mode. */
  readonly readAhead: number;
  /** --vfs-read-chunk-size: the first range asked of the remote (0: the whole rest of the file). */
  readonly readChunkSize: number;
  /** --vfs-read-chunk-size-limit: chunks double up to this ('off': without limit). */
  readonly readChunkSizeLimit: Size;
  /** --vfs-read-wait: how long an out-of-order read waits for the in-sequence one. */
  readonly readWaitMs: number;
  /** --vfs-write-wait: how long an out-of-order write waits for the in-sequence one. */
  readonly writeWaitMs: number;
  /** --transfers: uploads from the cache running at once. */
  readonly transfers: number;
  /** --no-seek: streaming reads refuse to seek. */
  readonly noSeek: boolean;
  /** Undefined: the platform default (true on Windows and macOS). */
  readonly caseInsensitive: boolean | undefined;
  /** --vfs-used-is-size: statfs reports the total size of the share's files as used. */
  readonly usedIsSize: boolean;
}

/** The settings with no flag given: the table's defaults, so the engine's defaults derive from them. */
export function defaultVfsFlagSettings(): VfsFlagSettings {
  const defaults = Object.fromEntries(VFS_OPTIONS.map((o) => [o.name, o.default])) as unknown as VfsFlagValues;
  return vfsSettingsFromFlags(defaults);
}

/** Throws an Error naming the flag and the problem when a value cannot work. */
export function vfsSettingsFromFlags(v: VfsFlagValues): VfsFlagSettings {
  const mode = v['vfs-cache-mode'];
  if (!isCacheMode(mode)) {
    throw new Error(`invalid value for --vfs-cache-mode: "${mode}" (use ${CACHE_MODES.join(', ')})`);
  }
  if (v['cache-dir'] !== undefined && v['cache-dir'].trim() === '') throw new Error('--cache-dir must not be empty');
  if (v.transfers < 1) throw new Error('--transfers must be at least 1');
  const writeBack = v['vfs-write-back'];
  if (writeBack === 'off') throw new Error('--vfs-write-back needs a duration (0s uploads at once)');
  return {
    cacheMode: mode,
    cacheDir: v['cache-dir'],
    dirCacheTimeMs: offIsZero(v['dir-cache-time']),
    pollIntervalMs: offIsZero(v['poll-interval']),
    cacheMaxAgeMs: v['vfs-cache-max-age'],
    cacheMaxSize: v['vfs-cache-max-size'],
    cacheMinFreeSpace: v['vfs-cache-min-free-space'],
    cachePollIntervalMs: v['vfs-cache-poll-interval'],
    writeBackMs: writeBack,
    bufferSize: offIsZero(v['buffer-size']),
    readAhead: offIsZero(v['vfs-read-ahead']),
    readChunkSize: offIsZero(v['vfs-read-chunk-size']),
    readChunkSizeLimit: v['vfs-read-chunk-size-limit'],
    readWaitMs: offIsZero(v['vfs-read-wait']),
    writeWaitMs: offIsZero(v['vfs-write-wait']),
    transfers: v.transfers,
    noSeek: v['no-seek'],
    caseInsensitive: v['vfs-case-insensitive'],
    usedIsSize: v['vfs-used-is-size'],
  };
}

/** For values where "off" can only mean "none": no wait, no buffer, no chunking, no cache time. */
function offIsZero(value: number | 'off'): number {
  return value === 'off' ? 0 : value;
}
