import { describe, expect, it } from 'vitest';
import { SpeedWindow } from '../../../src-renderer/features/transfers/speed-window.js';
import { transfer } from './fixtures.js';

describe('SpeedWindow', () => {
  it('measures speed over about the last second, not over one burst', () => {
    const w = new SpeedWindow();
    // 1000 B/s steady, then a burst of 3000 bytes in the last 250 ms.
    for (let t = 0; t <= 2000; t += 250) w.update([transfer({ bytes: t })], t);
    w.update([transfer({ bytes: 5250 })], 2250);
    const { speed } = w.rate(transfer({ bytes: 5250 }));
    // Window 1250..2250 (the sample at or before the window start is kept): (5250 - 1250) / 1 s.
    expect(speed).toBe(4000);
  });

  it('uses the engine speed until it has half a second of samples, and gives an ETA only with a size', () => {
    const w = new SpeedWindow();
    w.update([transfer({ bytes: 100, speed: 500 })], 0);
    expect(w.rate(transfer({ bytes: 100, speed: 500, size: 1100 }))).toEqual({ speed: 500, eta: 2 });
    expect(w.rate(transfer({ bytes: 100, speed: 500, size: null })).eta).toBeNull();
    expect(w.rate(transfer({ bytes: 100, speed: 0 })).eta).toBeNull();
  });

  it('ignores a repeated snapshot and forgets transfers that ended', () => {
    const w = new SpeedWindow();
    w.update([transfer({ bytes: 0 })], 0);
    w.update([transfer({ bytes: 1000 })], 1000);
    w.update([transfer({ bytes: 1000 })], 1000);
    expect(w.rate(transfer({ bytes: 1000 })).speed).toBe(1000);
    w.update([transfer({ id: 2, bytes: 0 })], 1250);
    expect(w.rate(transfer({ bytes: 1000, speed: 7 })).speed).toBe(7);
  });
});
