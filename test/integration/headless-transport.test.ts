// The headless transport over real sockets: the token is required on every HTTP request and on the
// WebSocket upgrade (query, cookie or bearer), Host and Origin are checked, the contract answers in
// envelopes over both HTTP and the socket, and events are pushed.
import http from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../src-shared/logger.js';
import { coreEventSource, createApiHandlers, createRouter, startHeadlessServer } from '../../src-main/api/index.js';
import type { HeadlessServer } from '../../src-main/api/index.js';
import { openTestCore, removeTempDirs, tempDir } from '../unit/core/core-test-kit.js';
import type { TestCore } from '../unit/core/core-test-kit.js';

let core: TestCore;
let server: HeadlessServer;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  core = await openTestCore();
  const renderer = await tempDir('renderer');
  await mkdir(path.join(renderer, 'assets'));
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Wharf test</title><div id="root"></div>');
  await writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log(1);');
  const router = createRouter(createApiHandlers(core.core, { mode: 'headless', version: '0.0.0-test' }), silentLogger);
  server = await startHeadlessServer({
    router,
    events: coreEventSource(core.core),
    host: '127.0.0.1',
    port: 0,
    rendererDir: renderer,
    logger: silentLogger,
  });
});

afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await server?.close();
  await core?.core.close();
  await removeTempDirs();
});

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function request(pathAndQuery: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathAndQuery, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookie = () => `wharf_token_${server.port}=${server.token}`;

function api(channel: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request(`/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(payload),
  });
}

/** Opens a socket; resolves with it once open, or with the HTTP status that refused the upgrade. */
function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers });
    sockets.push(ws);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', (err) => reject(err));
  });
}

class SocketClient {
  private nextId = 1;
  readonly events: { channel: string; payload: unknown }[] = [];
  private readonly waiting = new Map<number, (result: unknown) => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; result: unknown; channel: string; payload: unknown };
      if (message.type === 'response') this.waiting.get(message.id)?.(message.result);
      else this.events.push({ channel: message.channel, payload: message.payload });
    });
  }

  invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ type: 'request', id, channel, payload }));
    return new Promise((resolve) => this.waiting.set(id, resolve as (r: unknown) => void));
  }

  async waitForEvent(channel: string, timeoutMs = 5000): Promise<unknown> {
    const start = Date.now();
    for (;;) {
      const found = this.events.find((e) => e.channel === channel);
      if (found) return found.payload;
      if (Date.now() - start > timeoutMs) throw new Error(`no ${channel} event`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('headless HTTP', () => {
  it('prints a URL with a long random token on loopback', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses pages without the token or with a wrong one', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/?token=wrong')).status).toBe(401);
    expect((await request(`/?token=${server.token.slice(0, -1)}`)).status).toBe(401);
    expect((await request('/', { headers: { cookie: `wharf_token_${server.port}=nope` } })).status).toBe(401);
    expect((await request('/assets/app.js')).status).toBe(401);
    const refused = await request('/');
    expect(refused.body).toMatch(/printed/);
    expect(refused.body).not.toContain(server.token);
  });

  it('swaps the token in the URL for an HttpOnly SameSite=Strict cookie', async () => {
    const first = await request(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = first.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(cookie());
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);

    for (const tricky of [`//evil.example/x?token=${server.token}`, `/\\evil.example?token=${server.token}`]) {
      const location = (await request(tricky)).headers.location ?? '';
      expect(location, tricky).toMatch(/^\/(?![/\\])/);
    }

    const page = await request('/', { headers: { cookie: cookie() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Wharf test');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await request('/assets/app.js', { headers: { cookie: cookie() } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/%00', '/%E0%A4%A']) {
      const reply = await request(p, { headers: { cookie: cookie() } });
      expect(reply.body, p).not.toMatch(/root:/);
      expect([200, 400, 404], p).toContain(reply.status);
    }
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const reply = await request('/', { headers: { cookie: cookie(), host: `evil.example:${server.port}` } });
    expect(reply.status).toBe(421);
  });

  it('answers the contract over POST /api/<channel> in envelopes', async () => {
    const list = await api('shares:list', {});
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ ok: true, value: [] });

    const bad = JSON.parse((await api('shares:get', { id: 42 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const unknown = JSON.parse((await api('shares:explode', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const missing = JSON.parse((await api('shares:get', { id: 'no-such-share' })).body);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses API calls without the token or from another origin', async () => {
    expect((await api('shares:list', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    const cross = await api('shares:list', {}, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const getInstead = await request('/api/shares:list', { headers: { authorization: `Bearer ${server.token}` } });
    expect(getInstead.status).toBe(405);
  });
});

describe('headless WebSocket', () => {
  it('refuses the upgrade without the token, with a wrong one, or from another origin', async () => {
    expect(await openSocket('')).toBe(401);
    expect(await openSocket('?token=wrong')).toBe(401);
    expect(await openSocket('', { cookie: `wharf_token_${server.port}=wrong` })).toBe(401);
    expect(await openSocket(`?token=${server.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket(`?token=${server.token}`, { host: `evil.example:${server.port}` })).toBe(421);
  });

  it('carries requests, answers and events with the cookie a browser would send', async () => {
    const ws = await openSocket('', { cookie: cookie(), origin: `http://127.0.0.1:${server.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    const client = new SocketClient(ws as WebSocket);

    const info = await client.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'headless', version: '0.0.0-test', protocols: { sftp: true } } });

    const folder = await tempDir('headless-share');
    const created = await client.invoke('shares:create', {
      name: 'Docs',
      source: { kind: 'local', path: folder },
      sftp: { enabled: false, port: 0, bind: 'localhost' },
    });
    expect(created).toMatchObject({ ok: true, value: { name: 'Docs', readOnly: false, status: { sftp: { state: 'stopped' } } } });
    const shares = (await client.waitForEvent('shares:changed')) as { name: string }[];
    expect(shares.map((s) => s.name)).toContain('Docs');

    const invalid = await client.invoke('shares:create', { name: 'x', source: { kind: 'local', path: 'relative' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/full path/) } });

    const stats = (await client.waitForEvent('stats:update')) as { throughput: unknown[] };
    expect(stats.throughput).toHaveLength(120);
  });

  it('closes the socket on a binary frame or a frame that is not JSON, and keeps serving others', async () => {
    const a = (await openSocket(`?token=${server.token}`)) as WebSocket;
    const closedA = new Promise<number>((resolve) => a.once('close', (code) => resolve(code)));
    a.send(Buffer.from([1, 2, 3]));
    expect(await closedA).toBe(1003);

    const b = (await openSocket(`?token=${server.token}`)) as WebSocket;
    const closedB = new Promise<number>((resolve) => b.once('close', (code) => resolve(code)));
    b.send('{not json');
    expect(await closedB).toBe(1007);

    const c = new SocketClient((await openSocket(`?token=${server.token}`)) as WebSocket);
    expect(await c.invoke('settings:get', {})).toMatchObject({ ok: true, value: { theme: 'system' } });
  });
});
