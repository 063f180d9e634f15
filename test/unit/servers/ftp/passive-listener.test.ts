// A passive listener that had to try several taken ports before one was free says nothing about
// them (it logged a warning per collision), and still accepts its one connection.
import { connect, createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PassiveListener } from '../../../../src-main/servers/ftp/data/passive-listener.js';
import type { Logger } from '../../../../src-shared/logger.js';

const open: Server[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function listenOn(port: number): Promise<boolean> {
  const s = createServer();
  const ok = await new Promise<boolean>((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (ok) open.push(s);
  return ok;
}

describe('PassiveListener', () => {
  it('does not warn about ports it found taken on the way to a free one', async () => {
    // A block below Linux's ephemeral ports, all taken by us but one.
    let min = 0;
    for (let tries = 0; tries < 20 && min === 0; tries++) {
      const start = 20000 + Math.floor(Math.random() * 10000);
      let all = true;
      for (let p = start; p < start + 10 && all; p++) all = p === start + 7 || (await listenOn(p));
      if (all) min = start;
      else for (const s of open.splice(0)) s.close();
    }
    expect(min).toBeGreaterThan(0);
    const warnings: string[] = [];
    const logger: Logger = { error: (m) => warnings.push(m), warn: (m) => warnings.push(m), info() {}, debug() {} };
    for (let i = 0; i < 5; i++) {
      const { listener, port } = await PassiveListener.open('127.0.0.1', { min, max: min + 9 }, '127.0.0.1', 5_000, logger);
      expect(port).toBe(min + 7);
      const client = connect(port, '127.0.0.1');
      const socket = await listener.take(new AbortController().signal);
      expect(socket).toBeDefined();
      socket?.destroy();
      client.destroy();
      listener.dispose();
    }
    expect(warnings).toEqual([]);
  });
});
