import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_MS, BusyPorts, listenInRange } from '../../../../src-main/servers/ftp/data/port-range.js';

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

describe('BusyPorts: a port found taken is passed over for a while', () => {
  const listen = async (min: number, busy: BusyPorts): Promise<number> => {
    const server = createServer();
    open.push(server);
    const port = await listenInRange(server, '127.0.0.1', { min, max: min + 1 }, busy);
    server.close();
    return port;
  };

  it('remembers a port whose bind failed, and skips it until BUSY_MS have passed', async () => {
    const min = await freeBlock(2);
    const blocker = createServer();
    open.push(blocker);
    await new Promise<void>((r) => blocker.listen(min, '127.0.0.1', r));
    let now = 1_000;
    const busy = new BusyPorts(() => now);
    // Random picks: sooner or later one lands on the blocked port and fails.
    for (let i = 0; i < 50 && !busy.isBusy(min); i++) expect(await listen(min, busy)).toBe(min + 1);
    expect(busy.isBusy(min)).toBe(true);
    // Free again, but still remembered: every pick goes to the other port without trying it.
    await new Promise((r) => blocker.close(r));
    for (let i = 0; i < 20; i++) expect(await listen(min, busy)).toBe(min + 1);
    expect(busy.isBusy(min)).toBe(true);
    now += BUSY_MS + 1;
    expect(busy.isBusy(min)).toBe(false);
    const picked = new Set<number>();
    for (let i = 0; i < 40; i++) picked.add(await listen(min, busy));
    expect(picked).toEqual(new Set([min, min + 1]));
  });

  it('a range whose every port is remembered as taken is still swept', async () => {
    const min = await freeBlock(2);
    const busy = new BusyPorts();
    busy.mark(min);
    busy.mark(min + 1);
    expect([min, min + 1]).toContain(await listen(min, busy));
    expect(busy.size).toBe(1);
  });
});
