// The bench's arithmetic, kept pure so it can be tested on tiny fixtures: medians of repeated runs,
// rates, and the ratios the targets are judged on.

/** Median of the samples; the mean of the middle two for an even count; undefined when empty. */
export function median(samples: readonly number[]): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Work per second; undefined for a time that is missing or not positive. */
export function rate(work: number, seconds: number | undefined): number | undefined {
  if (seconds === undefined || !(seconds > 0)) return undefined;
  return work / seconds;
}

/**
 * How many times faster Wharf is than another server on the same workload. Both did the same amount
 * of work, so the throughput ratio (Wharf rate / other rate) equals other time / Wharf time; that
 * form also covers W0, which has a time but no rate.
 */
export function speedRatio(wharfSeconds: number | undefined, otherSeconds: number | undefined): number | undefined {
  if (wharfSeconds === undefined || otherSeconds === undefined) return undefined;
  if (!(wharfSeconds > 0) || !(otherSeconds > 0)) return undefined;
  return otherSeconds / wharfSeconds;
}

/** Bytes for `mib` mebibytes. */
export function mib(mib: number): number {
  return mib * 1024 * 1024;
}

/** Decimal megabytes (10^6 bytes), the unit of the MB/s columns and of the memory target. */
export function toMB(bytes: number): number {
  return bytes / 1e6;
}
