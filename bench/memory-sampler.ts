// Peak memory of a server's process tree while a workload runs, from /proc. Each sample sums, over
// the processes alive in the tree, their VmRSS (the tree's footprint at that instant) and their
// VmHWM (each one's peak so far, which also catches spikes between samples). The largest VmHWM sum
// is the figure the memory target is judged on: exact for a single-process server, and for a tree
// (sshd's listener plus its per-connection processes) an upper bound over processes that coexist.
import { processTree, readMemory, resetPeak } from './proc-tree.js';

export interface MemoryPeak {
  /** Largest sum over live tree members of VmHWM, kB. */
  readonly peakKb: number;
  /** Largest sum over live tree members of VmRSS, kB. */
  readonly sampledRssKb: number;
  /** Distinct processes seen in the tree. */
  readonly processes: number;
  readonly samples: number;
  /** Whether every process alive at the start had its peak reset (otherwise VmHWM may predate the run). */
  readonly peaksReset: boolean;
}

export interface MemorySampler {
  stop(): Promise<MemoryPeak>;
}

/** Start sampling the tree under `rootPid` every `intervalMs` until `stop()`. */
export async function startMemorySampler(rootPid: number, intervalMs = 100): Promise<MemorySampler> {
  const seen = new Set<number>();
  let peakKb = 0;
  let sampledRssKb = 0;
  let samples = 0;
  let peaksReset = true;

  const sample = async (): Promise<void> => {
    let rssSum = 0;
    let hwmSum = 0;
    for (const pid of await processTree(rootPid)) {
      const mem = await readMemory(pid);
      if (mem === undefined) continue;
      seen.add(pid);
      rssSum += mem.rssKb;
      hwmSum += Math.max(mem.hwmKb, mem.rssKb);
    }
    sampledRssKb = Math.max(sampledRssKb, rssSum);
    peakKb = Math.max(peakKb, hwmSum);
    samples += 1;
  };

  // Only processes alive now can carry a peak from before the run; those born later (sshd's
  // per-connection processes) peak within it, so they are never reset.
  for (const pid of await processTree(rootPid)) {
    if (!(await resetPeak(pid))) peaksReset = false;
  }
  await sample();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // Chain samples with setTimeout so a slow /proc scan never overlaps the next one.
  const schedule = (): void => {
    timer = setTimeout(() => {
      running = sample()
        .catch(() => undefined)
        .then(() => {
          if (!stopped) schedule();
        });
    }, intervalMs);
  };
  schedule();

  return {
    async stop(): Promise<MemoryPeak> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await sample().catch(() => undefined);
      return { peakKb, sampledRssKb, processes: seen.size, samples, peaksReset };
    },
  };
}
