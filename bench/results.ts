// The shape of a bench run's results (also written as JSON) and the pure steps that turn raw run
// times into medians, rates, ratios and verdicts.
import type { ServerName, WorkloadId } from './config.js';
import type { MemoryPeak } from './memory-sampler.js';
import { median, rate, speedRatio } from './stats.js';
import { judgeMemory, judgeRatio, type Rival, speedTarget, type Verdict } from './targets.js';
import type { RateUnit } from './workloads.js';

export interface ServerWorkloadResult {
  /** Seconds of each successful run. */
  readonly runs: readonly number[];
  /** Why each failed run failed. */
  readonly failures: readonly string[];
  /** Median seconds; only when every run succeeded (a partial median would flatter a flaky server). */
  readonly medianS?: number;
  readonly rate?: number;
}

export interface WorkloadResult {
  readonly id: WorkloadId;
  readonly title: string;
  readonly unit: RateUnit | undefined;
  readonly work: number;
  readonly servers: Partial<Record<ServerName, ServerWorkloadResult>>;
}

export interface MemoryResult {
  /** Peak RSS of the server process tree (largest sum of live members' VmHWM), MB = 10^6 bytes. */
  readonly peakMb: number;
  /** Largest tree-wide VmRSS sum seen in one sample, MB. */
  readonly sampledMb: number;
  readonly processes: number;
  readonly samples: number;
  readonly peaksReset: boolean;
}

export interface RatioResult {
  readonly workload: WorkloadId;
  readonly rival: Rival;
  readonly ratio?: number;
  readonly target?: number;
  readonly verdict: Verdict;
}

export interface CipherResult {
  readonly label: string;
  readonly sftpArgs: readonly string[];
  /** What the client negotiated with each server (or why it could not connect). */
  readonly negotiated: Partial<Record<ServerName, string>>;
  readonly workloads: readonly WorkloadResult[];
  /** Peak memory during W6, per server (the largest over the W6 runs). */
  readonly memory: Partial<Record<ServerName, MemoryResult>>;
  readonly ratios: readonly RatioResult[];
  /** Wharf's memory verdict; absent when W6 did not run. */
  readonly memoryVerdict?: Verdict;
}

export interface ServerInfo {
  readonly name: ServerName;
  readonly title: string;
  readonly version?: string;
  /** Why the server was not measured. */
  readonly skipped?: string;
}

export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: {
    readonly cores: number;
    readonly loadBefore: readonly number[];
    readonly loadAfter: readonly number[];
    readonly platform: string;
    readonly node: string;
  };
  readonly config: Record<string, unknown>;
  readonly servers: readonly ServerInfo[];
  readonly ciphers: readonly CipherResult[];
  readonly summary: { readonly pass: number; readonly miss: number; readonly failedRuns: number };
}

export function summarizeRuns(runs: readonly number[], failures: readonly string[], work: number, timed: boolean): ServerWorkloadResult {
  if (failures.length > 0 || runs.length === 0) return { runs, failures };
  const medianS = median(runs);
  const r = timed ? rate(work, medianS) : undefined;
  return { runs, failures, ...(medianS === undefined ? {} : { medianS }), ...(r === undefined ? {} : { rate: r }) };
}

const KB_TO_MB = 1024 / 1e6;

export function memoryResult(peak: MemoryPeak): MemoryResult {
  return {
    peakMb: peak.peakKb * KB_TO_MB,
    sampledMb: peak.sampledRssKb * KB_TO_MB,
    processes: peak.processes,
    samples: peak.samples,
    peaksReset: peak.peaksReset,
  };
}

/** Wharf against each rival that was measured, per workload, with the targets. */
export function computeRatios(workloads: readonly WorkloadResult[], rivals: readonly Rival[]): RatioResult[] {
  const out: RatioResult[] = [];
  for (const w of workloads) {
    const wharf = w.servers.wharf;
    if (wharf === undefined) continue;
    for (const rival of rivals) {
      const other = w.servers[rival];
      if (other === undefined) continue;
      const ratio = speedRatio(wharf.medianS, other.medianS);
      const target = speedTarget(w.id, rival);
      const verdict = judgeRatio(ratio, target, wharf.medianS === undefined);
      out.push({
        workload: w.id,
        rival,
        ...(ratio === undefined ? {} : { ratio }),
        ...(target === undefined ? {} : { target }),
        verdict,
      });
    }
  }
  return out;
}

export function wharfMemoryVerdict(memory: Partial<Record<ServerName, MemoryResult>>, w6Ran: boolean): Verdict | undefined {
  if (!w6Ran) return undefined;
  return judgeMemory(memory.wharf?.peakMb);
}

export function countVerdicts(ciphers: readonly CipherResult[]): { pass: number; miss: number } {
  let pass = 0;
  let miss = 0;
  for (const c of ciphers) {
    const verdicts = [...c.ratios.map((r) => r.verdict), ...(c.memoryVerdict ? [c.memoryVerdict] : [])];
    pass += verdicts.filter((v) => v === 'PASS').length;
    miss += verdicts.filter((v) => v === 'MISS').length;
  }
  return { pass, miss };
}
