// Speed and ETA of running transfers, smoothed over the last second of samples the window has seen
// (stats arrive up to four times a second; one packet burst must not make the speed leap). Pure,
// DOM-free, so it is unit-tested in Node.
import type { Transfer } from '../../../src-shared/contract/index.js';

export const SPEED_WINDOW_MS = 1000;

interface Sample {
  readonly at: number;
  readonly bytes: number;
}

export interface TransferRate {
  /** Bytes per second over about the last second. */
  readonly speed: number;
  /** Seconds left, or null when the size is unknown or nothing is moving. */
  readonly eta: number | null;
}

export class SpeedWindow {
  private readonly samples = new Map<number, Sample[]>();

  /** Takes the transfers of one stats snapshot taken at `at`; forgets transfers no longer running. */
  update(transfers: readonly Transfer[], at: number): void {
    const running = new Set<number>();
    for (const t of transfers) {
      if (t.state !== 'active') continue;
      running.add(t.id);
      const list = this.samples.get(t.id) ?? [];
      const last = list[list.length - 1];
      if (last === undefined || at > last.at) list.push({ at, bytes: t.bytes });
      // Keep one sample at or before the window's start so the rate spans a whole second.
      while (list.length > 2 && (list[1]?.at ?? at) <= at - SPEED_WINDOW_MS) list.shift();
      this.samples.set(t.id, list);
    }
    for (const id of this.samples.keys()) if (!running.has(id)) this.samples.delete(id);
  }

  rate(t: Transfer): TransferRate {
    const list = this.samples.get(t.id) ?? [];
    const first = list[0];
    const last = list[list.length - 1];
    let speed = t.speed;
    if (first !== undefined && last !== undefined && last.at - first.at >= SPEED_WINDOW_MS / 2) {
      speed = Math.max(0, (last.bytes - first.bytes) / ((last.at - first.at) / 1000));
    }
    const eta = t.size !== null && speed > 0 ? Math.max(0, (t.size - t.bytes) / speed) : null;
    return { speed, eta };
  }
}
