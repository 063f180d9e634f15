// Main's IPC layer on its own: what happens when the router itself fails, and where events go.
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-shared/logger.js';
import type { ApiRouter } from '../../../src-main/api/index.js';
import { APP_ENTRY_URL } from '../../../src-main/electron/app-origin.js';
import { registerRequestChannels, sendEvent } from '../../../src-main/electron/ipc-bridge.js';
import type { EventTarget, IpcMainPort } from '../../../src-main/electron/ipc-bridge.js';
import { isTrustedSender } from '../../../src-main/electron/sender-check.js';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => void lines.push(`${level} ${m}`);
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

function fakeIpcMain() {
  const handlers = new Map<string, Parameters<IpcMainPort['handle']>[1]>();
  const port: IpcMainPort = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
  const call = (channel: string, url: string, ...args: unknown[]) =>
    handlers.get(channel)!({ senderFrame: { url, parent: null } } as never, ...args);
  return { port, handlers, call };
}

describe('request channels', () => {
  it('turns a router that throws into an internal error, with the stack only in the log', async () => {
    const ipc = fakeIpcMain();
    const logger = recordingLogger();
    const router: ApiRouter = {
      invoke: async () => {
        throw new Error('boom at /home/ann/secret/path.ts:12');
      },
    };
    registerRequestChannels(ipc.port, ['shares:list'], router, logger);
    const answer = await ipc.call('shares:list', APP_ENTRY_URL, {});
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong; the details are in the log.' } });
    expect(logger.lines.some((l) => l.startsWith('error ipc: shares:list failed: Error: boom'))).toBe(true);
  });

  it('logs refused senders as warnings and never calls the router for them', async () => {
    const ipc = fakeIpcMain();
    const logger = recordingLogger();
    let calls = 0;
    registerRequestChannels(ipc.port, ['shares:list'], { invoke: async () => ({ ok: true, value: ++calls }) }, logger);
    expect(await ipc.call('shares:list', 'https://evil.example/x')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(calls).toBe(0);
    expect(logger.lines).toEqual(['warn ipc: refused shares:list from https://evil.example/x']);
    expect(await ipc.call('shares:list', APP_ENTRY_URL, {})).toEqual({ ok: true, value: 1 });
  });

  it('removes every handler it registered', () => {
    const ipc = fakeIpcMain();
    const off = registerRequestChannels(ipc.port, ['a:b', 'c:d'], { invoke: async () => ({ ok: true, value: null }) }, recordingLogger());
    expect([...ipc.handlers.keys()]).toEqual(['a:b', 'c:d']);
    off();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('sender check', () => {
  it('trusts only the top frame of an app page', () => {
    expect(isTrustedSender({ senderFrame: { url: APP_ENTRY_URL, parent: null } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } })).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});

describe('events', () => {
  function target(url: string, destroyed = false) {
    const sent: Array<[string, unknown]> = [];
    const t: EventTarget = { isDestroyed: () => destroyed, getURL: () => url, send: (c, p) => void sent.push([c, p]) };
    return { t, sent };
  }

  it('go to live app windows only, never to a foreign page or a destroyed window', () => {
    const app = target(APP_ENTRY_URL);
    const foreign = target('https://evil.example/');
    const gone = target(APP_ENTRY_URL, true);
    sendEvent([app.t, foreign.t, gone.t], 'stats:update', { at: 1 });
    expect(app.sent).toEqual([['stats:update', { at: 1 }]]);
    expect(foreign.sent).toEqual([]);
    expect(gone.sent).toEqual([]);
  });
});
