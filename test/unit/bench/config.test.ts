import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../bench/config.js';

describe('bench config', () => {
  it('defaults to the issue sizes, all servers, workloads and both ciphers', () => {
    const c = readConfig({}, '/repo');
    expect([c.bigMb, c.parMb, c.parN, c.smallN, c.smallKb, c.listN, c.reps]).toEqual([1024, 256, 4, 2000, 4, 20000, 3]);
    expect(c.servers).toEqual(['wharf', 'openssh', 'rclone']);
    expect(c.workloads).toEqual(['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6']);
    expect(c.ciphers).toEqual([
      { label: 'default', sftpArgs: [] },
      { label: 'aes128-gcm@openssh.com', sftpArgs: ['-c', 'aes128-gcm@openssh.com'] },
    ]);
    expect(c.outFile).toBe('/repo/bench-results/latest.json');
  });

  it('shrinks with BENCH_QUICK while explicit sizes still win', () => {
    const c = readConfig({ BENCH_QUICK: '1', LIST_N: '50' }, '/repo');
    expect(c.quick).toBe(true);
    expect([c.bigMb, c.smallN, c.listN, c.reps]).toEqual([64, 200, 50, 1]);
    expect(readConfig({ BENCH_QUICK: '0' }, '/repo').quick).toBe(false);
  });

  it('filters servers and workloads into canonical order', () => {
    const c = readConfig({ BENCH_SERVERS: 'rclone, openssh', BENCH_WORKLOADS: 'W5 W1' }, '/repo');
    expect(c.servers).toEqual(['openssh', 'rclone']);
    expect(c.workloads).toEqual(['W1', 'W5']);
  });

  it('refuses bad values with a clear message', () => {
    expect(() => readConfig({ BIG_MB: '1.5' }, '/r')).toThrow(new ConfigError('BIG_MB must be a positive integer, got "1.5"'));
    expect(() => readConfig({ REPS: '0' }, '/r')).toThrow(/REPS must be a positive integer/);
    expect(() => readConfig({ BENCH_SERVERS: 'vsftpd' }, '/r')).toThrow(/unknown value "vsftpd"/);
    expect(() => readConfig({ BENCH_CIPHERS: 'aes;rm' }, '/r')).toThrow(/not a cipher name/);
  });
});
