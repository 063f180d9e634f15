import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, parseDuration, parseSize } from '../../../src-shared/units/index.js';

describe('parseDuration (rclone syntax)', () => {
  it.each([
    ['5s', 5000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['2h45m10.5s', 9_910_500],
    ['1us', 0.001],
    ['0', 0],
    ['10', 10_000],
    ['2.5', 2500],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1M', 30 * 86_400_000],
    ['1y', 365 * 86_400_000],
    ['1.5d', 129_600_000],
    ['+5s', 5000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 6);
  });

  it('parses off', () => {
    expect(parseDuration('off')).toBe('off');
  });

  it.each(['', '5x', '1h30', 'h', '1d2h', '-5s', '5 s', '1.2.3s', 'Off', 'ms'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration/);
  });

  it('formats durations compactly and round-trips', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration('off')).toBe('off');
    for (const ms of [1, 999, 1000, 61_000, 3_723_000, 86_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});

describe('parseSize (rclone syntax)', () => {
  it.each([
    ['512K', 512 * 1024],
    ['128M', 128 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['1g', 1024 ** 3],
    ['2T', 2 * 1024 ** 4],
    ['1P', 1024 ** 5],
    ['100', 100 * 1024],
    ['100B', 100],
    ['100b', 100],
    ['1.5M', 1.5 * 1024 ** 2],
    ['1Ki', 1024],
    ['1KiB', 1024],
    ['1MiB', 1024 ** 2],
    ['0', 0],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('parses off in any case', () => {
    expect(parseSize('off')).toBe('off');
    expect(parseSize('OFF')).toBe('off');
  });

  it.each(['', '-1M', '1KB', '1X', 'M', '1.2.3M', '1 M', '1Bi', '1iB'])('refuses %j', (text) => {
    expect(() => parseSize(text)).toThrow(/size/);
  });

  it('formats sizes as rclone prints them and round-trips', () => {
    expect(formatSize(100)).toBe('100');
    expect(formatSize(128 * 1024 ** 2)).toBe('128Mi');
    expect(formatSize(1536)).toBe('1.5Ki');
    expect(formatSize('off')).toBe('off');
    for (const bytes of [1024, 3 * 1024 ** 3, 1536]) {
      expect(parseSize(formatSize(bytes))).toBe(bytes);
    }
  });
});
