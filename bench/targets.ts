// The targets: how much faster Wharf must be than each other server on each workload, and
// the memory ceiling. Evaluation is pure; report.ts prints it.
import type { WorkloadId } from './config.js';

export type Rival = 'openssh' | 'rclone';
export type Verdict = 'PASS' | 'MISS' | 'n/a';

/** Minimum Wharf/rival speed ratio for a workload, or undefined where the issue sets none. */
export function speedTarget(workload: WorkloadId, rival: Rival): number | undefined {
  if (rival === 'rclone') return 2; // ">= 2x rclone everywhere"
  switch (workload) {
    case 'W0':
      return undefined; // connect time has no OpenSSH target
    case 'W1':
    case 'W2':
    case 'W6':
      return 1.2; // big transfers
    case 'W3':
    case 'W4':
      return 1.3; // small files
    case 'W5':
      return 1.8; // the listing
  }
}

/** Peak RSS ceiling for Wharf's server process tree during W6, in MB (10^6 bytes). */
export const MEMORY_LIMIT_MB = 150;

/**
 * PASS when the ratio meets the target. A missing ratio is a MISS when Wharf itself failed (its
 * number is what the target is about) and n/a when only the rival failed or no target applies.
 */
export function judgeRatio(ratio: number | undefined, target: number | undefined, wharfFailed: boolean): Verdict {
  if (target === undefined) return 'n/a';
  if (ratio === undefined) return wharfFailed ? 'MISS' : 'n/a';
  return ratio >= target ? 'PASS' : 'MISS';
}

export function judgeMemory(peakMb: number | undefined): Verdict {
  if (peakMb === undefined) return 'MISS';
  return peakMb < MEMORY_LIMIT_MB ? 'PASS' : 'MISS';
}
