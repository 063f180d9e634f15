import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenInRange } from '../../../../src-main/servers/ftp/data/port-range.js';

const open: Server[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function freeBlock(size: number): Promise<number> {
  // A block inside the range Linux does not hand out as ephemeral ports by default (32768-60999).
  for (;;) {
    const start = 20000 + Math.floor(Math.random() * 10000);
    const probes: Server[] = [];
    let ok = true;
    for (let p = start; p < start + size && ok; p++) {
      const s = createServer();
      ok = await new Promise<boolean>((resolve) => {
        s.once('error', () => resolve(false));
        s.listen(p, '127.0.0.1', () => resolve(true));
      });
      if (ok) probes.push(s);
    }
    await Promise.all(probes.map((s) => new Promise((r) => s.close(r))));
    if (ok) return start;
  }
}

describe('listenInRange', () => {
  it('picks ports at random inside the range, not in sequence', async () => {
    const min = await freeBlock(200);
    const ports: number[] = [];
    for (let i = 0; i < 10; i++) {
      const server = createServer();
      open.push(server);
      ports.push(await listenInRange(server, '127.0.0.1', { min, max: min + 199 }));
    }
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(min);
      expect(p).toBeLessThanOrEqual(min + 199);
    }
    const sequential = ports.slice(1).filter((p, i) => p === ports[i]! + 1).length;
    expect(sequential).toBeLessThan(3);
  });

  it('still finds the last free port of a nearly full range', async () => {
    const min = await freeBlock(40);
    for (let p = min; p < min + 40; p++) {
      if (p === min + 27) continue;
      const blocker = createServer();
      open.push(blocker);
      await new Promise<void>((r) => blocker.listen(p, '127.0.0.1', r));
    }
    const server = createServer();
    open.push(server);
    expect(await listenInRange(server, '127.0.0.1', { min, max: min + 39 })).toBe(min + 27);
    const full = createServer();
    await expect(listenInRange(full, '127.0.0.1', { min, max: min + 39 })).rejects.toThrow(/No free port/);
  });
});
