// The pacer runs one minor collection per STEP_BYTES of freshly allocated input, asks for the
// engine's collector only when the first step is reached, and stays a no-op without one.
import { describe, expect, it } from 'vitest';
import { loadCollector, MinorGcPacer, STEP_BYTES } from '../../../src-main/servers/gc-pacer.js';

describe('MinorGcPacer', () => {
  it('collects once per step, counting across calls', () => {
    let runs = 0;
    let loads = 0;
    const pacer = new MinorGcPacer(1000, () => {
      loads++;
      return () => runs++;
    });
    pacer.note(400);
    pacer.note(599);
    expect(runs).toBe(0);
    expect(loads).toBe(0);
    pacer.note(1);
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) pacer.note(250);
    expect(runs).toBe(3);
    expect(loads).toBe(1);
  });

  it('does nothing when the engine offers no collector', () => {
    let loads = 0;
    const pacer = new MinorGcPacer(10, () => {
      loads++;
      return null;
    });
    for (let i = 0; i < 5; i++) pacer.note(10);
    expect(loads).toBe(1);
  });

  it('reaches a working minor collector and steps well under V8 headroom', () => {
    const gc = loadCollector();
    expect(gc).toBeTypeOf('function');
    expect(() => gc?.()).not.toThrow();
    // V8 keeps as little as ~9 MB of old-generation headroom; an upload allocates up to ~2x the
    // bytes it receives between two steps.
    expect(STEP_BYTES * 2).toBeLessThan(8 * 1024 * 1024);
  });
});
