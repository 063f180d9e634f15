// Which byte ranges of a sparse cache file hold real data. A list of sorted, disjoint, non-adjacent
// half-open [start, end) pairs; every function returns a new list and leaves its input alone.
export type ByteRange = readonly [start: number, end: number];
export type Ranges = readonly ByteRange[];

/** Adds [start, end), merging with overlapping or touching ranges. */
export function addRange(ranges: Ranges, start: number, end: number): Ranges {
  if (end <= start) return ranges;
  const out: ByteRange[] = [];
  let s = start;
  let e = end;
  let placed = false;
  for (const [rs, re] of ranges) {
    if (re < s) {
      out.push([rs, re]);
    } else if (rs > e) {
      if (!placed) {
        out.push([s, e]);
        placed = true;
      }
      out.push([rs, re]);
    } else {
      s = Math.min(s, rs);
      e = Math.max(e, re);
    }
  }
  if (!placed) out.push([s, e]);
  return out;
}

/** Keeps only what lies below `size` (a truncation). */
export function clipRanges(ranges: Ranges, size: number): Ranges {
  const out: ByteRange[] = [];
  for (const [rs, re] of ranges) {
    if (rs >= size) break;
    out.push([rs, Math.min(re, size)]);
  }
  return out;
}

/** The gaps of [start, end) that no range covers, in order. */
export function missingRanges(ranges: Ranges, start: number, end: number): Ranges {
  const out: ByteRange[] = [];
  let at = start;
  for (const [rs, re] of ranges) {
    if (re <= at) continue;
    if (rs >= end) break;
    if (rs > at) out.push([at, rs]);
    at = Math.max(at, re);
    if (at >= end) break;
  }
  if (at < end) out.push([at, end]);
  return out;
}

export function rangesSize(ranges: Ranges): number {
  let total = 0;
  for (const [rs, re] of ranges) total += re - rs;
  return total;
}

/** True when `value` is a well-formed range list (sorted, disjoint, non-negative safe integers). */
export function isRanges(value: unknown): value is Ranges {
  if (!Array.isArray(value)) return false;
  let last = -1;
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return false;
    const [s, e] = pair as unknown[];
    if (!Number.isSafeInteger(s) || !Number.isSafeInteger(e)) return false;
    if ((s as number) <= last || (e as number) <= (s as number)) return false;
    last = e as number;
  }
  return true;
}
