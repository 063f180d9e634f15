import { describe, expect, it } from 'vitest';
import { formatCell, formatRatio, formatReport } from '../../../bench/report.js';
import type { BenchResults } from '../../../bench/results.js';

const results: BenchResults = {
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:10:00.000Z',
  machine: { cores: 2, loadBefore: [0.1, 0.2, 0.3], loadAfter: [1, 1, 1], platform: 'Linux', node: 'v24' },
  config: { bigMb: 64, parN: 4, parMb: 16, smallN: 200, smallKb: 4, listN: 2000, reps: 1, quick: true },
  servers: [
    { name: 'wharf', title: 'Wharf', version: 'wharf 0.1.0' },
    { name: 'openssh', title: 'OpenSSH', version: 'OpenSSH_9.2p1' },
    { name: 'rclone', title: 'rclone', skipped: 'rclone not found on PATH' },
  ],
  ciphers: [
    {
      label: 'default',
      sftpArgs: [],
      negotiated: { wharf: 'aes128-gcm@openssh.com', openssh: 'chacha20-poly1305@openssh.com' },
      workloads: [
        {
          id: 'W1',
          title: 'download 64 MiB file',
          unit: 'MB/s',
          work: 67.108864,
          servers: {
            wharf: { runs: [0.25], failures: [], medianS: 0.25, rate: 268.435456 },
            openssh: { runs: [0.4], failures: [], medianS: 0.4, rate: 167.77216 },
          },
        },
        {
          id: 'W5',
          title: 'ls -l of a 2000-entry folder',
          unit: 'entries/s',
          work: 2000,
          servers: {
            wharf: { runs: [], failures: ['sftp exit 1: Couldn\'t read directory\nmore'] },
            openssh: { runs: [0.2], failures: [], medianS: 0.2, rate: 10000 },
          },
        },
      ],
      memory: {
        wharf: { peakMb: 88.2, sampledMb: 80, processes: 1, samples: 9, peaksReset: true },
        openssh: { peakMb: 60, sampledMb: 50, processes: 9, samples: 9, peaksReset: true },
      },
      ratios: [
        { workload: 'W1', rival: 'openssh', ratio: 1.6, target: 1.2, verdict: 'PASS' },
        { workload: 'W5', rival: 'openssh', target: 1.8, verdict: 'MISS' },
      ],
      memoryVerdict: 'PASS',
    },
  ],
  summary: { pass: 2, miss: 1, failedRuns: 1 },
};

describe('bench report', () => {
  it('formats cells and ratios', () => {
    expect(formatCell({ runs: [1.5], failures: [], medianS: 1.5, rate: 715.8 }, 'MB/s')).toBe('1.500 s  715.8 MB/s');
    expect(formatCell({ runs: [0.08], failures: [], medianS: 0.08 }, undefined)).toBe('0.080 s');
    expect(formatCell({ runs: [1], failures: ['x', 'y'] }, 'MB/s')).toBe('FAIL (2 of 3)');
    expect(formatCell(undefined, 'MB/s')).toBe('-');
    expect(formatRatio({ workload: 'W0', rival: 'openssh', ratio: 0.91, verdict: 'n/a' })).toBe('0.91x (no target)');
    expect(formatRatio({ workload: 'W3', rival: 'rclone', ratio: 2.345, target: 2, verdict: 'PASS' })).toBe('2.35x >=2.0x PASS');
  });

  it('prints the table, ratio lines, memory line, failures and summary', () => {
    const text = formatReport(results);
    expect(text).toContain('server rclone: SKIPPED - rclone not found on PATH');
    expect(text).toContain('negotiated: Wharf aes128-gcm@openssh.com; OpenSSH chacha20-poly1305@openssh.com');
    expect(text).toMatch(/^W1 download 64 MiB file\s+0\.250 s  268\.4 MB\/s\s+0\.400 s  167\.8 MB\/s\s*$/m);
    expect(text).toMatch(/^W5 ls -l of a 2000-entry folder\s+FAIL \(1 of 1\)\s+0\.200 s  10000 entries\/s\s*$/m);
    expect(text).toMatch(/^ratio \(throughput\)\s+Wharf\/OpenSSH\s*$/m);
    expect(text).toMatch(/^W1 download 64 MiB file\s+1\.60x >=1\.2x PASS\s*$/m);
    expect(text).toMatch(/^W5 ls -l of a 2000-entry folder\s+n\/a >=1\.8x MISS\s*$/m);
    expect(text).toContain('Wharf 88.2 MB [< 150 MB PASS]; OpenSSH 60.0 MB, 9 processes, sampled max 50.0 MB');
    expect(text).toContain("  W5 Wharf: sftp exit 1: Couldn't read directory | more");
    expect(text).toContain('targets: 2 PASS, 1 MISS; failed runs: 1');
  });
});
