// The engine's view of the file-cache and buffering flags (rclone's names in comments), already
// parsed: durations in milliseconds, sizes in bytes, 'off' where the flag accepts it.
import os from 'node:os';
import path from 'node:path';
import type { Duration } from '../../../src-shared/units/duration.js';
import type { Size } from '../../../src-shared/units/size.js';

export interface VfsCacheOptions {
  /** --cache-dir: root of Wharf's cache; this share's files go under `<cacheDir>/vfs/<cacheName>`. */
  readonly cacheDir: string;
  /** Names this share's source inside cacheDir (rclone uses the remote's name and path). */
  readonly cacheName: string;
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
  /** --vfs-used-is-size: statfs reports the total size of the share's files as used. */
  readonly usedIsSize: boolean;
}

const MIB = 1024 * 1024;

export const DEFAULT_CACHE_OPTIONS: VfsCacheOptions = {
  cacheDir: path.join(os.tmpdir(), 'wharf-cache'),
  cacheName: 'default',
  cacheMaxAgeMs: 3_600_000,
  cacheMaxSize: 'off',
  cacheMinFreeSpace: 'off',
  cachePollIntervalMs: 60_000,
  writeBackMs: 5_000,
  bufferSize: 16 * MIB,
  readAhead: 0,
  readChunkSize: 128 * MIB,
  readChunkSizeLimit: 'off',
  readWaitMs: 20,
  writeWaitMs: 1_000,
  transfers: 4,
  noSeek: false,
  usedIsSize: false,
};
