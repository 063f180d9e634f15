import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatElapsed, formatEta, formatIn, percentOf } from '../../../src-renderer/components/format.js';

describe('renderer number formatting', () => {
  it('formats byte counts with binary units and at most three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(768 * 1024)).toBe('768 KiB');
    expect(formatBytes(12.34 * 1024 ** 2)).toBe('12.3 MiB');
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('clamps percents to 0..100 and treats an empty file as done', () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1200, 1000)).toBe(100);
    expect(percentOf(0, 0)).toBe(100);
  });

  it('writes times left and ago in words with zero-padded parts', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(3.2)).toBe('4 s');
    expect(formatEta(65)).toBe('1 min 05 s');
    expect(formatEta(7380)).toBe('2 h 03 min');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatAgo(1000, 5000)).toBe('just now');
    expect(formatAgo(0, 3 * 60_000)).toBe('3 min ago');
    expect(formatAgo(0, 86_400_000)).toBe('1 day ago');
    expect(formatIn(14 * 60_000, 0)).toBe('in 14 min');
    expect(formatElapsed(1900)).toBe('1.9 s');
  });
});
