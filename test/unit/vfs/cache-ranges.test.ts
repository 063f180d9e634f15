// The range lists behind sparse cache files: merging, clipping, gaps, and validation of what is
// read back from metadata.
import { describe, expect, it } from 'vitest';
import { addRange, clipRanges, isRanges, missingRanges, rangesSize } from '../../../src-main/vfs/cache/ranges.js';
import type { Ranges } from '../../../src-main/vfs/cache/ranges.js';

describe('cache ranges', () => {
  it('adds, merging overlapping and touching ranges and keeping order', () => {
    let r: Ranges = [];
    r = addRange(r, 10, 20);
    r = addRange(r, 30, 40);
    expect(r).toEqual([[10, 20], [30, 40]]);
    expect(addRange(r, 0, 5)).toEqual([[0, 5], [10, 20], [30, 40]]);
    expect(addRange(r, 20, 30)).toEqual([[10, 40]]);
    expect(addRange(r, 15, 35)).toEqual([[10, 40]]);
    expect(addRange(r, 5, 50)).toEqual([[5, 50]]);
    expect(addRange(r, 45, 50)).toEqual([[10, 20], [30, 40], [45, 50]]);
    expect(addRange(r, 25, 25)).toBe(r);
  });

  it('finds the gaps of a span', () => {
    const r: Ranges = [[10, 20], [30, 40]];
    expect(missingRanges(r, 0, 50)).toEqual([[0, 10], [20, 30], [40, 50]]);
    expect(missingRanges(r, 12, 18)).toEqual([]);
    expect(missingRanges(r, 15, 35)).toEqual([[20, 30]]);
    expect(missingRanges([], 5, 9)).toEqual([[5, 9]]);
    expect(missingRanges(r, 40, 40)).toEqual([]);
  });

  it('clips to a size and counts bytes', () => {
    const r: Ranges = [[0, 10], [20, 30]];
    expect(clipRanges(r, 25)).toEqual([[0, 10], [20, 25]]);
    expect(clipRanges(r, 20)).toEqual([[0, 10]]);
    expect(clipRanges(r, 0)).toEqual([]);
    expect(rangesSize(r)).toBe(20);
  });

  it('accepts only sorted, disjoint, non-empty integer ranges', () => {
    expect(isRanges([[0, 1], [2, 3]])).toBe(true);
    expect(isRanges([])).toBe(true);
    expect(isRanges([[0, 1], [1, 3]])).toBe(false);
    expect(isRanges([[2, 3], [0, 1]])).toBe(false);
    expect(isRanges([[1, 1]])).toBe(false);
    expect(isRanges([[-1, 1]])).toBe(false);
    expect(isRanges([[0, 1.5]])).toBe(false);
    expect(isRanges({})).toBe(false);
    expect(isRanges([[0, 1, 2]])).toBe(false);
  });
});
