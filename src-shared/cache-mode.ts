// rclone's four VFS cache modes; the higher the mode, the more a share behaves like a local disk.
export const CACHE_MODES = ['off', 'minimal', 'writes', 'full'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

export function isCacheMode(value: string): value is CacheMode {
  return (CACHE_MODES as readonly string[]).includes(value);
}
