import { describe, expect, it } from 'vitest';
import { median, mib, rate, speedRatio, toMB } from '../../../bench/stats.js';

describe('bench stats', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const samples = [3, 1, 2];
    expect(median(samples)).toBe(2);
    expect(samples).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
  });

  it('computes rates only for positive times', () => {
    expect(rate(1000, 4)).toBe(250);
    expect(rate(1000, 0)).toBeUndefined();
    expect(rate(1000, undefined)).toBeUndefined();
  });

  it('turns times into Wharf-over-other throughput ratios', () => {
    // Wharf 2 s, other 3 s for the same work: Wharf is 1.5x the other's throughput.
    expect(speedRatio(2, 3)).toBe(1.5);
    expect(speedRatio(4, 2)).toBe(0.5);
    expect(speedRatio(undefined, 2)).toBeUndefined();
    expect(speedRatio(2, undefined)).toBeUndefined();
    expect(speedRatio(0, 2)).toBeUndefined();
  });

  it('converts MiB to bytes and bytes to decimal MB', () => {
    expect(mib(1)).toBe(1_048_576);
    expect(toMB(mib(1024))).toBeCloseTo(1073.741824, 6);
  });
});
