// Inline file I/O for the local backend: reads, writes and stats run straight on the event loop
// while the kernel answers them fast (from the page cache), instead of through libuv's thread pool.
// Measured here, a 32 KiB pread from the page cache costs 5 us inline and 40-55 us of CPU through
// FileHandle.read (hand-off to a worker, wake-up, promise): on a 2-core machine that CPU is taken
// from the SSH crypto and the client, and it capped big downloads.
//
// The price of inline I/O is that a slow call blocks every session while it runs. So every inline
// call is timed, and a second call slower than SLOW_MS within SLOW_WINDOW_MS (the disk had to
// seek, a network file system stalled), or one over STALL_MS, sends this share back to the thread
// pool for COOL_DOWN_MS: at most two slow calls block the loop per cool-down. One slow call alone
// is not enough: on a busy machine the process is sometimes descheduled in the middle of a fast
// call (seen with four parallel downloads on two cores: one 4.5 ms pread among 12,000 under 2 ms),
// and a cold disk makes every call slow, so the second comes at once. (The thread pool is no real
// shelter from a stalled disk either: it has four threads, and four stalled calls hold up every
// file operation of the process.)
import { performance } from 'node:perf_hooks';
import { settledSync } from './local-guard.js';

/** An inline call slower than this may mean the data was not in memory... */
export const SLOW_MS = 4;
/** ...and a second one this soon after says it was not. */
export const SLOW_WINDOW_MS = 1000;
/** One call this slow is enough: the disk stalled. */
export const STALL_MS = 50;
/** How long the share then stays on the thread pool. */
export const COOL_DOWN_MS = 30_000;
/** Larger transfers always go to the thread pool: copying them would block for too long. */
export const INLINE_MAX_BYTES = 1024 * 1024;

export class InlineIo {
  private asyncUntil = 0;
  /** When the last slow call (under STALL_MS) finished; -Infinity for none. */
  private lastSlow = -Infinity;

  constructor(
    /** Off: everything goes to the thread pool (WHARF_INLINE_IO=0, for comparisons). */
    private readonly enabled = process.env.WHARF_INLINE_IO !== '0',
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call of `bytes` may run inline now. */
  allowed(bytes = 0): boolean {
    return this.enabled && bytes <= INLINE_MAX_BYTES && this.now() >= this.asyncUntil;
  }

  /** Runs `call` inline and notes when it was slow. Errors pass through unchanged. */
  run<T>(call: () => T): T {
    const started = performance.now();
    try {
      return call();
    } finally {
      const took = performance.now() - started;
      if (took > SLOW_MS) this.slow(took);
    }
  }

  /** Notes a call that took `ms`; sends this share to the thread pool when that is a pattern. */
  slow(ms: number): void {
    const now = this.now();
    if (ms < STALL_MS && now - this.lastSlow > SLOW_WINDOW_MS) {
      this.lastSlow = now;
      return;
    }
    this.lastSlow = -Infinity;
    this.asyncUntil = now + COOL_DOWN_MS;
  }

  /** True while calls go to the thread pool because one was slow (tests, logs). */
  get coolingDown(): boolean {
    return this.now() < this.asyncUntil;
  }
}

/** Two calls' outcomes: inline while the disk is fast, else on the thread pool at once. */
export async function bothSettled<A, B>(
  io: InlineIo,
  inlineCalls: readonly [() => A, () => B],
  poolCalls: readonly [() => Promise<A>, () => Promise<B>],
): Promise<[PromiseSettledResult<A>, PromiseSettledResult<B>]> {
  if (io.allowed()) return io.run(() => [settledSync(inlineCalls[0]), settledSync(inlineCalls[1])]);
  return Promise.allSettled([poolCalls[0](), poolCalls[1]()]);
}
