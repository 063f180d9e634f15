// Pushes live statistics to subscribers at most four times a second: a snapshot is taken every
// 250 ms while anyone listens and sent when it changed, or once a second while the throughput
// chart has something to show. No subscribers, no timer.
import type { Stats } from '../../../src-shared/contract/index.js';

export const STATS_INTERVAL_MS = 250;

export class StatsFeed {
  private readonly listeners = new Set<(stats: Stats) => void>();
  private timer: NodeJS.Timeout | undefined;
  private lastKey = '';
  private lastSent = 0;

  constructor(
    private readonly snapshot: () => Stats,
    /** True while the throughput window holds traffic (the chart moves every second). */
    private readonly moving: () => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe(listener: (stats: Stats) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.lastKey = '';
      this.timer = setInterval(() => this.tick(), STATS_INTERVAL_MS);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const stats = this.snapshot();
    const moving = this.moving();
    // The sample timestamps shift every second; idle, they are left out of the comparison.
    const key = JSON.stringify({ ...stats, at: 0, throughput: moving ? stats.throughput : [] });
    const now = this.now();
    if (key === this.lastKey && !(moving && now - this.lastSent >= 1000)) return;
    this.lastKey = key;
    this.lastSent = now;
    for (const listener of [...this.listeners]) {
      try {
        listener(stats);
      } catch {
        // One subscriber's failure must not starve the others.
      }
    }
  }
}
