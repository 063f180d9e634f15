// A used passive listener is closed after the transfer's first reply (data-channel.ts dropLater),
// not when its connection is accepted. Meanwhile it must refuse every other connection, and a new
// PASV in the same loop turn must still find its port free (a one-port range would otherwise fail).
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DataChannel } from '../../../../src-main/servers/ftp/data/data-channel.js';
import type { Logger } from '../../../../src-shared/logger.js';

const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

/** A port below Linux's ephemeral range that is free right now. */
async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    const server = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
  throw new Error('no free port');
}

function dial(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
    sockets.push(s);
  });
}

/** Resolves with how the connection ended: 'closed' when the server side closed or reset it. */
function ended(s: Socket): Promise<string> {
  return new Promise((resolve) => {
    s.once('close', () => resolve('closed'));
    s.on('error', () => undefined);
    s.resume();
  });
}

function channel(port: number): DataChannel {
  return new DataChannel({ controlIp: '127.0.0.1', localIp: '127.0.0.1', range: { min: port, max: port }, timeoutMs: 5_000, logger: quiet });
}

describe('DataChannel passive listener lifetime', () => {
  it('frees a one-port range for the next PASV in the same loop turn as the transfer started', async () => {
    const port = await freePort();
    const data = channel(port);
    for (let i = 0; i < 3; i++) {
      expect(await data.listen()).toBe(port);
      await dial(port);
      const socket = await data.open(new AbortController().signal);
      sockets.push(socket);
      // No loop turn has passed: the used listener is still open until the next setup frees it.
      expect(await data.listen()).toBe(port);
      data.reset();
    }
    data.reset();
  });

  it('refuses a second connection to a used port until it closes, then the port is gone', async () => {
    const port = await freePort();
    const data = channel(port);
    await data.listen();
    await dial(port);
    const socket = await data.open(new AbortController().signal);
    sockets.push(socket);
    const intruder = await dial(port).catch(() => undefined);
    if (intruder) expect(await ended(intruder)).toBe('closed');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(dial(port)).rejects.toThrow(/ECONNREFUSED/);
    data.reset();
  });
});
