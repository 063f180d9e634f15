// One timed run of a workload against a server the bench started, shared by every suite: refuse a
// server that already died, warm the workload's inputs and flush dirty pages first, sample the
// server's memory during W6, and turn a failure into one line that carries the server's last words
// when it died.
import { type MemoryPeak, startMemorySampler } from './memory-sampler.js';
import { run } from './tools.js';
import { warmInputs } from './warm-inputs.js';
import { type Workload, type WorkloadContext, WorkloadFailure } from './workloads.js';

/** What a suite's running server offers the measurement. */
export interface MeasuredServer {
  readonly pid: number;
  exitStatus(): string | undefined;
  output(): string;
}

export interface RunOutcome {
  readonly seconds?: number;
  readonly failure?: string;
  readonly memory?: MemoryPeak;
}

export async function measureRun(workload: Workload, ctx: WorkloadContext, server: MeasuredServer): Promise<RunOutcome> {
  const status = server.exitStatus();
  if (status !== undefined) return { failure: `server ${status} earlier` };
  // Inputs in the page cache whichever server runs first (warm-inputs.ts).
  await warmInputs(workload.id, ctx.fixtures);
  // Flush dirty pages from the previous run so their writeback does not land inside this one.
  await run('sync', []);
  const sampler = workload.id === 'W6' ? await startMemorySampler(server.pid) : undefined;
  let outcome: { seconds?: number; failure?: string };
  try {
    outcome = { seconds: await workload.run(ctx) };
  } catch (err) {
    outcome = { failure: describeFailure(err, server) };
  }
  return sampler ? { ...outcome, memory: await sampler.stop() } : outcome;
}

function describeFailure(err: unknown, server: MeasuredServer): string {
  const base = err instanceof WorkloadFailure ? err.message : `bench error: ${(err as Error).message}`;
  const status = server.exitStatus();
  if (status === undefined) return base;
  const tail = server.output().trim().split('\n').slice(-3).join(' | ');
  return `${base}; server ${status}${tail ? `: ${tail}` : ''}`;
}

/** The order servers take in repetition `by`: rotated so none always runs first (warm caches). */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
