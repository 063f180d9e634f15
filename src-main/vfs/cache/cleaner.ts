// Eviction (rclone's cache cleaner): files not open, not dirty and not queued for upload are removed
// when unused for longer than --vfs-cache-max-age, then least recently used first while the cache
// is above --vfs-cache-max-size or its disk has less free space than --vfs-cache-min-free-space.
import type { Duration } from '../../../src-shared/units/duration.js';
import type { Size } from '../../../src-shared/units/size.js';

export interface EvictionCandidate {
  readonly atimeMs: number;
  readonly bytes: number;
  /** Open, dirty or queued: never evicted, but its bytes count toward the total. */
  readonly pinned: boolean;
}

export interface EvictionLimits {
  readonly maxAge: Duration;
  readonly maxSize: Size;
  readonly minFreeSpace: Size;
}

/** Picks what to remove; `freeBytes` is the disk's free space, when known. */
export function chooseEvictions<T extends EvictionCandidate>(
  items: readonly T[],
  limits: EvictionLimits,
  now: number,
  freeBytes: number | undefined,
): T[] {
  const victims: T[] = [];
  const removable = items.filter((i) => !i.pinned).sort((a, b) => a.atimeMs - b.atimeMs);
  let total = items.reduce((sum, i) => sum + i.bytes, 0);
  let free = freeBytes;
  const take = (item: T): void => {
    victims.push(item);
    total -= item.bytes;
    if (free !== undefined) free += item.bytes;
  };
  const kept: T[] = [];
  for (const item of removable) {
    if (limits.maxAge !== 'off' && now - item.atimeMs > limits.maxAge) take(item);
    else kept.push(item);
  }
  for (const item of kept) {
    const overSize = limits.maxSize !== 'off' && total > limits.maxSize;
    const lowSpace = limits.minFreeSpace !== 'off' && free !== undefined && free < limits.minFreeSpace;
    if (!overSize && !lowSpace) break;
    take(item);
  }
  return victims;
}
