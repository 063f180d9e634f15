// The engine's view of the file-cache and buffering flags, already parsed: durations in
// milliseconds, sizes in bytes, 'off' where the flag accepts it. The fields and their defaults are
// the flag table's (src-shared/options/vfs-options.ts); only where the cache lives is added here.
import os from 'node:os';
import path from 'node:path';
import { defaultVfsFlagSettings } from '../../../src-shared/options/vfs-options.js';
import type { VfsFlagSettings } from '../../../src-shared/options/vfs-options.js';

const CACHE_FLAG_KEYS = [
  'cacheMaxAgeMs',
  'cacheMaxSize',
  'cacheMinFreeSpace',
  'cachePollIntervalMs',
  'writeBackMs',
  'bufferSize',
  'readAhead',
  'readChunkSize',
  'readChunkSizeLimit',
  'readWaitMs',
  'writeWaitMs',
  'transfers',
  'noSeek',
  'usedIsSize',
] as const satisfies readonly (keyof VfsFlagSettings)[];

export interface VfsCacheOptions extends Pick<VfsFlagSettings, (typeof CACHE_FLAG_KEYS)[number]> {
  /** --cache-dir: root of Wharf's cache; this share's files go under `<cacheDir>/vfs/<cacheName>`. */
  readonly cacheDir: string;
  /** Names this share's source inside cacheDir (rclone uses the remote's name and path). */
  readonly cacheName: string;
}

function cacheFlagDefaults(): Pick<VfsFlagSettings, (typeof CACHE_FLAG_KEYS)[number]> {
  const all = defaultVfsFlagSettings();
  return Object.fromEntries(CACHE_FLAG_KEYS.map((k) => [k, all[k]])) as unknown as Pick<VfsFlagSettings, (typeof CACHE_FLAG_KEYS)[number]>;
}

export const DEFAULT_CACHE_OPTIONS: VfsCacheOptions = {
  cacheDir: path.join(os.tmpdir(), 'wharf-cache'),
  cacheName: 'default',
  ...cacheFlagDefaults(),
};
