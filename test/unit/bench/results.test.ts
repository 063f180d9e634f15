import { describe, expect, it } from 'vitest';
import {
  type CipherResult,
  computeRatios,
  countVerdicts,
  summarizeRuns,
  wharfMemoryVerdict,
  type WorkloadResult,
} from '../../../bench/results.js';
import { judgeMemory, judgeRatio, speedTarget } from '../../../bench/targets.js';

const ok = (s: number) => ({ runs: [s], failures: [], medianS: s });
const failed = { runs: [], failures: ['sftp exit 1'] };

describe('bench targets', () => {
  it('holds the issue targets per workload and rival', () => {
    expect(['W1', 'W2', 'W6'].map((w) => speedTarget(w as 'W1', 'openssh'))).toEqual([1.2, 1.2, 1.2]);
    expect(speedTarget('W3', 'openssh')).toBe(1.3);
    expect(speedTarget('W4', 'openssh')).toBe(1.3);
    expect(speedTarget('W5', 'openssh')).toBe(1.8);
    expect(speedTarget('W0', 'openssh')).toBeUndefined();
    for (const w of ['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6'] as const) expect(speedTarget(w, 'rclone')).toBe(2);
  });

  it('judges ratios and memory at the boundary', () => {
    expect(judgeRatio(1.2, 1.2, false)).toBe('PASS');
    expect(judgeRatio(1.19, 1.2, false)).toBe('MISS');
    expect(judgeRatio(undefined, 1.2, true)).toBe('MISS');
    expect(judgeRatio(undefined, 1.2, false)).toBe('n/a');
    expect(judgeRatio(3, undefined, false)).toBe('n/a');
    expect(judgeMemory(149.9)).toBe('PASS');
    expect(judgeMemory(150)).toBe('MISS');
    expect(judgeMemory(undefined)).toBe('MISS');
  });
});

describe('bench results', () => {
  it('gives a median and rate only when every run succeeded', () => {
    expect(summarizeRuns([2, 4, 3], [], 600, true)).toEqual({ runs: [2, 4, 3], failures: [], medianS: 3, rate: 200 });
    expect(summarizeRuns([0.2], [], 1, false)).toEqual({ runs: [0.2], failures: [], medianS: 0.2 });
    const partial = summarizeRuns([2, 3], ['timed out'], 600, true);
    expect(partial.medianS).toBeUndefined();
    expect(partial.rate).toBeUndefined();
  });

  it('computes ratios with verdicts against each rival', () => {
    const workloads: WorkloadResult[] = [
      { id: 'W1', title: 'dl', unit: 'MB/s', work: 1, servers: { wharf: ok(2), openssh: ok(2.6), rclone: ok(3) } },
      { id: 'W5', title: 'ls', unit: 'entries/s', work: 1, servers: { wharf: failed, openssh: ok(1), rclone: failed } },
      { id: 'W0', title: 'connect', unit: undefined, work: 1, servers: { wharf: ok(0.1), openssh: ok(0.2) } },
    ];
    const ratios = computeRatios(workloads, ['openssh', 'rclone']);
    expect(ratios).toEqual([
      { workload: 'W1', rival: 'openssh', ratio: 1.3, target: 1.2, verdict: 'PASS' },
      { workload: 'W1', rival: 'rclone', ratio: 1.5, target: 2, verdict: 'MISS' },
      { workload: 'W5', rival: 'openssh', target: 1.8, verdict: 'MISS' },
      { workload: 'W5', rival: 'rclone', target: 2, verdict: 'MISS' },
      { workload: 'W0', rival: 'openssh', ratio: 2, verdict: 'n/a' },
    ]);
    const cipher: CipherResult = {
      label: 'default',
      sftpArgs: [],
      negotiated: {},
      workloads,
      memory: {},
      ratios,
      memoryVerdict: 'PASS',
    };
    expect(countVerdicts([cipher, cipher])).toEqual({ pass: 4, miss: 6 });
  });

  it('judges memory only when W6 ran with Wharf', () => {
    const mem = { peakMb: 90, sampledMb: 80, processes: 1, samples: 5, peaksReset: true };
    expect(wharfMemoryVerdict({ wharf: mem }, true)).toBe('PASS');
    expect(wharfMemoryVerdict({ wharf: { ...mem, peakMb: 200 } }, true)).toBe('MISS');
    expect(wharfMemoryVerdict({}, true)).toBe('MISS');
    expect(wharfMemoryVerdict({ wharf: mem }, false)).toBeUndefined();
  });
});
