// Bytes moved per second for the last two minutes, all shares together: a ring of one-second
// buckets, so recording a packet is O(1) and nothing grows with time.
import type { ThroughputSample } from '../../../src-shared/contract/index.js';

export const THROUGHPUT_SECONDS = 120;

export class Throughput {
  private readonly up = new Float64Array(THROUGHPUT_SECONDS);
  private readonly down = new Float64Array(THROUGHPUT_SECONDS);
  /** The second (ms epoch / 1000, floored) each bucket holds. */
  private readonly second = new Float64Array(THROUGHPUT_SECONDS).fill(-1);

  constructor(private readonly now: () => number = Date.now) {}

  add(up: number, down: number): void {
    const s = Math.floor(this.now() / 1000);
    const i = s % THROUGHPUT_SECONDS;
    if (this.second[i] !== s) {
      this.second[i] = s;
      this.up[i] = 0;
      this.down[i] = 0;
    }
    this.up[i] = (this.up[i] ?? 0) + up;
    this.down[i] = (this.down[i] ?? 0) + down;
  }

  /** One sample per second, oldest first, ending with the current (partial) second. */
  samples(): ThroughputSample[] {
    const current = Math.floor(this.now() / 1000);
    const out: ThroughputSample[] = [];
    for (let s = current - THROUGHPUT_SECONDS + 1; s <= current; s++) {
      const i = ((s % THROUGHPUT_SECONDS) + THROUGHPUT_SECONDS) % THROUGHPUT_SECONDS;
      const live = this.second[i] === s;
      out.push({ at: s * 1000, up: live ? (this.up[i] ?? 0) : 0, down: live ? (this.down[i] ?? 0) : 0 });
    }
    return out;
  }

  /** True when anything moved in the window (the chart then needs updates). */
  active(): boolean {
    const oldest = Math.floor(this.now() / 1000) - THROUGHPUT_SECONDS + 1;
    for (let i = 0; i < THROUGHPUT_SECONDS; i++) {
      if ((this.second[i] ?? -1) >= oldest && ((this.up[i] ?? 0) > 0 || (this.down[i] ?? 0) > 0)) return true;
    }
    return false;
  }
}
