// The router both transports share: unknown channels, payloads that do not match the schema, the
// core's refusals, unexpected failures (logged, never leaked) and answers outside the contract all
// come back as envelopes; every channel of the contract has exactly one handler.
import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../../src-shared/contract/index.js';
import type { Logger } from '../../../src-shared/logger.js';
import { createApiHandlers, createRouter } from '../../../src-main/api/index.js';
import type { ApiHandlers } from '../../../src-main/api/index.js';
import { CoreError } from '../../../src-main/core/index.js';
import { openTestCore, removeTempDirs } from '../core/core-test-kit.js';
import { afterAll } from 'vitest';

afterAll(removeTempDirs);

function logger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, error: (m) => errors.push(m), warn() {}, info() {}, debug() {} };
}

/** Handlers that fail loudly if a test calls one it did not set up. */
function handlers(over: Partial<ApiHandlers>): ApiHandlers {
  const base = Object.fromEntries(
    Object.keys(REQUEST_CHANNELS).map((c) => [c, () => Promise.reject(new Error(`unexpected call to ${c}`))]),
  ) as unknown as ApiHandlers;
  return { ...base, ...over };
}

describe('router', () => {
  it('answers unknown channels without calling anything', async () => {
    const router = createRouter(handlers({}), logger());
    expect(await router.invoke('nope:never', {})).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'Unknown channel "nope:never"' } });
    expect(await router.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await router.invoke({ toString: 1 }, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('validates payloads before the handler runs and fills in defaults', async () => {
    let received: unknown;
    const router = createRouter(
      handlers({
        'users:add': (p) => {
          received = p;
          return { user: { name: p.name, hasPassword: false, keys: [], root: p.root, readOnly: p.readOnly, enabled: true, lastLogin: null }, password: null };
        },
      }),
      logger(),
    );
    const bad = [
      undefined,
      null,
      'text',
      { shareId: 'abc', name: '' },
      { shareId: 'abc', name: 'x\u0000y' },
      { shareId: 'abc', name: 'ok', extra: true },
      { shareId: '../etc', name: 'ok' },
      { shareId: 'abc', name: 'x'.repeat(65) },
    ];
    for (const payload of bad) {
      const result = await router.invoke('users:add', payload);
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(received).toBeUndefined();
    const ok = await router.invoke('users:add', { shareId: 'abc', name: 'eve' });
    expect(ok.ok).toBe(true);
    expect(received).toEqual({ shareId: 'abc', name: 'eve', generatePassword: false, root: '/', readOnly: false });
  });

  it("passes the core's refusals on with their code and message", async () => {
    const router = createRouter(handlers({ 'shares:get': () => Promise.reject(new CoreError('not-found', 'There is no such share')) }), logger());
    expect(await router.invoke('shares:get', { id: 'abc' })).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no such share' } });
  });

  it('logs unexpected failures and answers only "internal"', async () => {
    const log = logger();
    const router = createRouter(
      handlers({ 'shares:list': () => Promise.reject(new Error('EACCES: open /home/secret/.config/x at Object.<anonymous>')) }),
      log,
    );
    const result = await router.invoke('shares:list', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong; the details are in the log' } });
    expect(JSON.stringify(result)).not.toContain('/home/secret');
    expect(log.errors.join('\n')).toContain('/home/secret');
  });

  it('refuses to send an answer that breaks the contract', async () => {
    const log = logger();
    const router = createRouter(handlers({ 'bans:lift': () => 'yes' as unknown as boolean }), log);
    expect(await router.invoke('bans:lift', { shareId: 'abc', ip: '1.2.3.4' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.errors.join('\n')).toMatch(/outside the contract/);
  });

  it('has exactly one handler per contract channel', async () => {
    const { core } = await openTestCore();
    try {
      const real = createApiHandlers(core, { mode: 'headless', version: '1.2.3' });
      expect(Object.keys(real).sort()).toEqual(Object.keys(REQUEST_CHANNELS).sort());
      const router = createRouter(real, logger());
      expect(await router.invoke('app:info', {})).toEqual({
        ok: true,
        value: { version: '1.2.3', platform: 'linux', mode: 'headless', caseInsensitiveDefault: false, protocols: { sftp: true, ftp: true } },
      });
      expect(await router.invoke('settings:update', { theme: 'dark' })).toMatchObject({ ok: true, value: { theme: 'dark' } });
      expect(await router.invoke('settings:update', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      expect(await router.invoke('stats:get', {})).toMatchObject({ ok: true, value: { sessions: [], transfers: [], bans: [] } });
    } finally {
      await core.close();
    }
  });
});
