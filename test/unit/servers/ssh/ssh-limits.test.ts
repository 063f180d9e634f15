// Connection limits over real sockets: the login grace timer, the cap on unauthenticated
// connections (logged-in ones do not count), the per-address cap, and limit validation.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticAuthenticator } from '../../../../src-main/servers/auth/index.js';
import { DEFAULT_SSH_LIMITS } from '../../../../src-main/servers/sftp/index.js';
import { resolveSshLimits } from '../../../../src-main/servers/sftp/ssh-limits.js';
import { connect, exec, startTestServer } from './ssh-test-kit.js';
import type { SshClient, TestServer } from './ssh-test-kit.js';

interface RawConn {
  readonly socket: net.Socket;
  /** Resolves with the first line the server sent (its identification), or '' if none came. */
  readonly firstLine: Promise<string>;
  readonly closed: Promise<number>;
}

/** A TCP connection that sends an SSH identification and then nothing: it never logs in. */
function idle(port: number): RawConn {
  const socket = net.connect(port, '127.0.0.1');
  const opened = Date.now();
  socket.on('error', () => undefined);
  socket.on('connect', () => socket.write('SSH-2.0-idle\r\n'));
  let text = '';
  const firstLine = new Promise<string>((resolve) => {
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.includes('\r\n')) resolve(text.slice(0, text.indexOf('\r\n')));
    });
    socket.on('close', () => resolve(''));
  });
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - opened)));
  return { socket, firstLine, closed };
}

describe('ssh connection limits', () => {
  const servers: TestServer[] = [];
  const raws: RawConn[] = [];
  const clients: SshClient[] = [];
  const auth = () => createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.end();
    for (const r of raws.splice(0)) r.socket.destroy();
    for (const s of servers.splice(0)) await s.close();
  });

  it('closes connections that have not logged in within the grace time', async () => {
    const srv = await startTestServer({ authenticator: auth(), limits: { loginGraceMs: 300 } });
    servers.push(srv);
    const raw = idle(srv.port);
    raws.push(raw);
    expect(await raw.firstLine).toBe('SSH-2.0-Wharf');
    const ms = await raw.closed;
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(5_000);
    expect(srv.logger.lines.join('\n')).toMatch(/login grace time over for 127\.0\.0\.1/);
    // A client that logs in in time is not affected by the timer.
    const c = await connect(srv.port, { username: 'alice', password: 'pw' });
    clients.push(c);
    await new Promise((r) => setTimeout(r, 500));
    expect((await exec(c, 'echo past grace')).stdout).toBe('past grace\n');
  });

  it('drops new connections while too many are unauthenticated; logged-in ones do not count', async () => {
    const srv = await startTestServer({ authenticator: auth(), limits: { maxUnauthenticated: 2 } });
    servers.push(srv);
    // Two logged-in clients first: they must not use up the unauthenticated slots.
    for (let i = 0; i < 2; i++) clients.push(await connect(srv.port, { username: 'alice', password: 'pw' }));
    const a = idle(srv.port);
    const b = idle(srv.port);
    raws.push(a, b);
    expect(await a.firstLine).toBe('SSH-2.0-Wharf');
    expect(await b.firstLine).toBe('SSH-2.0-Wharf');
    const c = idle(srv.port);
    raws.push(c);
    expect(await c.firstLine).toBe(''); // closed without a word
    await c.closed;
    expect(srv.logger.lines.join('\n')).toMatch(/refused connection from 127\.0\.0\.1: too many unauthenticated connections/);
    // When one of the idle connections goes away, a new one is served again.
    a.socket.destroy();
    await a.closed;
    await new Promise((r) => setTimeout(r, 50));
    const d = idle(srv.port);
    raws.push(d);
    expect(await d.firstLine).toBe('SSH-2.0-Wharf');
  });

  it('caps live connections per client address', async () => {
    const srv = await startTestServer({ authenticator: auth(), limits: { maxSessionsPerIp: 2 } });
    servers.push(srv);
    clients.push(await connect(srv.port, { username: 'alice', password: 'pw' }));
    const a = idle(srv.port);
    raws.push(a);
    expect(await a.firstLine).toBe('SSH-2.0-Wharf');
    const b = idle(srv.port);
    raws.push(b);
    expect(await b.firstLine).toBe('');
    expect(srv.logger.lines.join('\n')).toMatch(/too many connections from this address/);
  });

  it('validates limits and fills in the defaults', () => {
    expect(resolveSshLimits(undefined)).toEqual(DEFAULT_SSH_LIMITS);
    expect(resolveSshLimits({ maxAuthTries: 3 }).maxAuthTries).toBe(3);
    expect(DEFAULT_SSH_LIMITS).toMatchObject({ loginGraceMs: 60_000, maxUnauthenticated: 10, maxAuthTries: 6 });
    expect(() => resolveSshLimits({ maxAuthTries: 0 })).toThrow(/maxAuthTries must be a positive whole number/);
    expect(() => resolveSshLimits({ loginGraceMs: Number.NaN })).toThrow(/loginGraceMs/);
  });
});
