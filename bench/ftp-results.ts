// The shape of an FTP suite run (also written as JSON) and the pure steps from raw run times to
// ratios and verdicts, reusing the SFTP suite's medians, memory figures and judging rules.
import type { WorkloadId } from './config.js';
import type { FtpServerName } from './ftp-config.js';
import { type FtpRival, ftpSpeedTarget } from './ftp-targets.js';
import type { MemoryResult, ServerWorkloadResult } from './results.js';
import { speedRatio } from './stats.js';
import { judgeMemory, judgeRatio, type Verdict } from './targets.js';
import type { RateUnit } from './workloads.js';

export interface FtpWorkloadResult {
  readonly id: WorkloadId;
  readonly title: string;
  readonly unit: RateUnit | undefined;
  readonly work: number;
  readonly servers: Partial<Record<FtpServerName, ServerWorkloadResult>>;
}

export interface FtpRatioResult {
  readonly workload: WorkloadId;
  readonly rival: FtpRival;
  readonly ratio?: number;
  readonly target?: number;
  readonly verdict: Verdict;
}

export interface FtpServerInfo {
  readonly name: FtpServerName;
  readonly title: string;
  readonly version?: string;
  readonly skipped?: string;
}

export interface MachineInfo {
  readonly cores: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly platform: string;
  readonly node: string;
}

export interface FtpResults {
  readonly suite: 'ftp';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly config: Record<string, unknown>;
  readonly servers: readonly FtpServerInfo[];
  readonly workloads: readonly FtpWorkloadResult[];
  readonly memory: Partial<Record<FtpServerName, MemoryResult>>;
  readonly ratios: readonly FtpRatioResult[];
  readonly memoryVerdict?: Verdict;
  readonly summary: { readonly pass: number; readonly miss: number; readonly failedRuns: number };
}

export function computeFtpRatios(workloads: readonly FtpWorkloadResult[], rivals: readonly FtpRival[]): FtpRatioResult[] {
  const out: FtpRatioResult[] = [];
  for (const w of workloads) {
    const wharf = w.servers.wharf;
    if (wharf === undefined) continue;
    for (const rival of rivals) {
      const other = w.servers[rival];
      if (other === undefined) continue;
      const ratio = speedRatio(wharf.medianS, other.medianS);
      const target = ftpSpeedTarget(w.id, rival);
      out.push({
        workload: w.id,
        rival,
        ...(ratio === undefined ? {} : { ratio }),
        ...(target === undefined ? {} : { target }),
        verdict: judgeRatio(ratio, target, wharf.medianS === undefined),
      });
    }
  }
  return out;
}

export function ftpSummary(
  workloads: readonly FtpWorkloadResult[],
  ratios: readonly FtpRatioResult[],
  memoryVerdict: Verdict | undefined,
): FtpResults['summary'] {
  const verdicts = [...ratios.map((r) => r.verdict), ...(memoryVerdict ? [memoryVerdict] : [])];
  const failedRuns = workloads.flatMap((w) => Object.values(w.servers)).reduce((n, r) => n + (r?.failures.length ?? 0), 0);
  return {
    pass: verdicts.filter((v) => v === 'PASS').length,
    miss: verdicts.filter((v) => v === 'MISS').length,
    failedRuns,
  };
}

/** Wharf's memory verdict when W6 ran with Wharf measured; undefined otherwise. */
export function ftpMemoryVerdict(memory: FtpResults['memory'], wharfRanW6: boolean): Verdict | undefined {
  return wharfRanW6 ? judgeMemory(memory.wharf?.peakMb) : undefined;
}
