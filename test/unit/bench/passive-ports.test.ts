// The FTP suite's passive ranges stay below the kernel's ephemeral ports (where the client's own
// connections in TIME_WAIT would take ports of them), whatever the random pick.
import { describe, expect, it } from 'vitest';
import { ephemeralLow, passiveBase } from '../../../bench/passive-ports.js';

describe('passive port ranges of the FTP bench', () => {
  it('reads the first ephemeral port from /proc, with Linux default otherwise', () => {
    expect(ephemeralLow('32768\t60999\n')).toBe(32768);
    expect(ephemeralLow('1024 65535')).toBe(1024);
    expect(ephemeralLow(undefined)).toBe(32768);
    expect(ephemeralLow('garbage')).toBe(32768);
  });

  it('puts every server range below the ephemeral ports, for the lowest and highest random pick', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999999]) {
      const base = passiveBase(32768, 200, 3, random);
      expect(base).toBeGreaterThanOrEqual(10_000);
      expect(base % 500).toBe(0);
      expect(base + 3 * 200 - 1).toBeLessThan(32768);
    }
    expect(passiveBase(32768, 200, 3, () => 0.999999)).toBe(32_000);
  });

  it('falls back to the lowest base when the ephemeral ports start too low', () => {
    expect(passiveBase(10_200, 200, 3, () => 0.7)).toBe(10_000);
  });
});
