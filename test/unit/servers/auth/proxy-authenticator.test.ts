// The auth proxy with real programs in a temp folder: one run per login until the answer is cached,
// the cache keyed on user, credential and address, one Vfs per distinct answer, and every way a
// proxy can misbehave (non-zero exit, garbage, too much output, hanging, forking, missing) denied
// without harm.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyAuthenticator, runProxyProgram } from '../../../../src-main/servers/auth/index.js';
import type { AuthResult, ProxyAuthOptions, ProxyAuthenticator } from '../../../../src-main/servers/auth/index.js';
import { fakeClock, processExists, userTableProxy, writeScript } from './auth-test-kit.js';

let dir: string;
let usersFile: string;
let logFile: string;
let tableProxy: string;
const opened: ProxyAuthenticator[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-proxy-'));
  await mkdir(path.join(dir, 'alice'));
  await mkdir(path.join(dir, 'bob'));
  await writeFile(path.join(dir, 'alice', 'a.txt'), 'alice data');
  await writeFile(path.join(dir, 'bob', 'b.txt'), 'bob data');
  usersFile = path.join(dir, 'users.json');
  logFile = path.join(dir, 'calls.log');
  tableProxy = await writeScript(dir, 'table-proxy', userTableProxy(usersFile, logFile));
});

afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
  await rm(dir, { recursive: true, force: true });
});

async function setUsers(users: Record<string, { pass?: string; key?: string; root: string; type?: string }>): Promise<void> {
  await writeFile(usersFile, JSON.stringify(users));
  await writeFile(logFile, '');
}

async function calls(): Promise<number> {
  return (await readFile(logFile, 'utf8')).split('\n').filter(Boolean).length;
}

function proxy(options: Partial<ProxyAuthOptions> & { program: string }): ProxyAuthenticator {
  const auth = createProxyAuthenticator({ failureDelayMs: 0, ...options });
  opened.push(auth);
  return auth;
}

async function readVia(result: AuthResult, file: string): Promise<string> {
  if (!result.ok || !result.vfs) throw new Error('expected a login with a Vfs');
  const handle = await result.vfs.openFile(`/${file}`, { read: true, write: false, append: false, create: false, truncate: false, exclusive: false });
  try {
    return (await handle.read(0, 100)).toString('utf8');
  } finally {
    await handle.close();
  }
}

describe('runProxyProgram', () => {
  it('passes the request on stdin without a shell: quotes and $() in the input stay data', async () => {
    const echo = await writeScript(dir, 'echo-proxy', '#!/bin/sh\ncat\n');
    const input = JSON.stringify({ user: "x'; touch /tmp/pwned-wharf; '$(id)", pass: '`reboot`' });
    const result = await runProxyProgram(echo, input, { timeoutMs: 5000, maxOutputBytes: 65536 });
    expect(result).toEqual({ ok: true, stdout: input });
  });

  it('reports a program that cannot be run', async () => {
    const missing = await runProxyProgram(path.join(dir, 'no-such-program'), '{}', { timeoutMs: 5000, maxOutputBytes: 100 });
    expect(missing).toMatchObject({ ok: false, reason: 'cannot run the program: no such file' });
    await writeFile(path.join(dir, 'not-executable'), '#!/bin/sh\necho {}\n');
    const noexec = await runProxyProgram(path.join(dir, 'not-executable'), '{}', { timeoutMs: 5000, maxOutputBytes: 100 });
    expect(noexec).toMatchObject({ ok: false, reason: 'cannot run the program: permission denied (is it executable?)' });
  });
});

describe('createProxyAuthenticator', () => {
  it('gives each user the Vfs of their own answer (per-user roots)', async () => {
    await setUsers({ alice: { pass: 'pa', root: path.join(dir, 'alice') }, bob: { pass: 'pb', root: path.join(dir, 'bob') } });
    const auth = proxy({ program: tableProxy });
    const alice = await auth.password('alice', 'pa', '127.0.0.1');
    const bob = await auth.password('bob', 'pb', '127.0.0.1');
    expect(alice).toMatchObject({ ok: true, user: 'alice', root: '/', readOnly: false });
    expect(await readVia(alice, 'a.txt')).toBe('alice data');
    expect(await readVia(bob, 'b.txt')).toBe('bob data');
    await expect(readVia(alice, 'b.txt')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(auth.vfsCount).toBe(2);
    const request = JSON.parse((await readFile(logFile, 'utf8')).split('\n')[0] ?? '') as Record<string, string>;
    expect(request).toEqual({ user: 'alice', pass: 'pa', client_ip: '127.0.0.1' });
  });

  it('sends public keys as base64 blobs', async () => {
    const blob = Buffer.from('fake key blob');
    await setUsers({ kim: { key: blob.toString('base64'), root: path.join(dir, 'alice') } });
    const auth = proxy({ program: tableProxy });
    expect((await auth.publicKey('kim', { algo: 'ssh-ed25519', data: blob }, '10.0.0.1')).ok).toBe(true);
    expect((await auth.publicKey('kim', { algo: 'ssh-ed25519', data: Buffer.from('other') }, '10.0.0.1')).ok).toBe(false);
    const request = JSON.parse((await readFile(logFile, 'utf8')).split('\n')[0] ?? '') as Record<string, string>;
    expect(request).toEqual({ user: 'kim', public_key: blob.toString('base64'), client_ip: '10.0.0.1' });
  });

  it('caches answers per user, credential and address; denials are not cached', async () => {
    await setUsers({ alice: { pass: 'pa', root: path.join(dir, 'alice') } });
    const auth = proxy({ program: tableProxy });
    expect((await auth.password('alice', 'pa', '10.0.0.1')).ok).toBe(true);
    expect((await auth.password('alice', 'pa', '10.0.0.1')).ok).toBe(true);
    expect(await calls()).toBe(1);
    expect((await auth.password('alice', 'pa', '10.0.0.2')).ok).toBe(true);
    expect(await calls()).toBe(2);
    expect((await auth.password('alice', 'wrong', '10.0.0.1')).ok).toBe(false);
    expect((await auth.password('alice', 'wrong', '10.0.0.1')).ok).toBe(false);
    expect(await calls()).toBe(4);
    // Equal answers share one Vfs.
    expect(auth.vfsCount).toBe(1);
  });

  it('lets a changed password work at once and retires the old one once the new one is used', async () => {
    await setUsers({ alice: { pass: 'old-pass', root: path.join(dir, 'alice') } });
    const auth = proxy({ program: tableProxy });
    expect((await auth.password('alice', 'old-pass', '10.0.0.1')).ok).toBe(true);
    await setUsers({ alice: { pass: 'new-pass', root: path.join(dir, 'alice') } });
    expect((await auth.password('alice', 'new-pass', '10.0.0.1')).ok).toBe(true);
    expect(await calls()).toBe(1);
    expect((await auth.password('alice', 'old-pass', '10.0.0.1')).ok).toBe(false);
    expect(await calls()).toBe(2);
  });

  it('runs the program once for parallel identical logins', async () => {
    await setUsers({ alice: { pass: 'pa', root: path.join(dir, 'alice') } });
    const auth = proxy({ program: tableProxy });
    const results = await Promise.all(Array.from({ length: 5 }, () => auth.password('alice', 'pa', '10.0.0.1')));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await calls()).toBe(1);
  });

  it('expires answers after the TTL and shuts down a Vfs nobody uses', async () => {
    await setUsers({ alice: { pass: 'pa', root: path.join(dir, 'alice') } });
    const clock = fakeClock();
    const auth = proxy({ program: tableProxy, now: clock.now, cacheTtlMs: 5 * 60_000 });
    const first = await auth.password('alice', 'pa', '10.0.0.1');
    if (!first.ok || !first.acquire || !first.vfs) throw new Error('expected a lease-able login');
    const release = first.acquire();
    clock.advance(5 * 60_000);
    await auth.prune();
    // Expired from the cache, but a session still runs on it: the Vfs stays.
    expect(auth.vfsCount).toBe(1);
    expect(await readVia(first, 'a.txt')).toBe('alice data');
    expect((await auth.password('alice', 'pa', '10.0.0.1')).ok).toBe(true);
    expect(await calls()).toBe(2);
    release();
    clock.advance(5 * 60_000 + 60_000);
    await auth.prune();
    expect(auth.vfsCount).toBe(0);
    await expect(first.vfs.stat('/')).rejects.toThrow();
  });

  it('forgets one user on request', async () => {
    await setUsers({ alice: { pass: 'pa', root: path.join(dir, 'alice') }, bob: { pass: 'pb', root: path.join(dir, 'bob') } });
    const auth = proxy({ program: tableProxy });
    await auth.password('alice', 'pa', '10.0.0.1');
    await auth.password('bob', 'pb', '10.0.0.1');
    auth.forgetUser('alice');
    await auth.password('alice', 'pa', '10.0.0.1');
    await auth.password('bob', 'pb', '10.0.0.1');
    expect(await calls()).toBe(3);
  });

  describe('denies a misbehaving proxy without harm', () => {
    const deny = async (name: string, script: string, options: Partial<ProxyAuthOptions> = {}, reason?: RegExp): Promise<void> => {
      const program = await writeScript(dir, name, script);
      const lines: string[] = [];
      const logger = { error: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), info: (m: string) => lines.push(m), debug: () => undefined };
      const auth = proxy({ program, logger, ...options });
      expect(await auth.password('alice', 'pa', '127.0.0.1')).toEqual({ ok: false });
      expect(await auth.publicKey('alice', { algo: 'ssh-ed25519', data: Buffer.from('k') }, '127.0.0.1')).toEqual({ ok: false });
      expect(auth.vfsCount).toBe(0);
      if (reason) expect(lines.join('\n')).toMatch(reason);
      // Nothing secret reaches the log.
      expect(lines.join('\n')).not.toMatch(/"pa"|plain!/);
    };

    it('non-zero exit, even with a valid answer printed', () =>
      deny('exit-1', `#!/bin/sh\necho '{"type":"local","_root":"${dir}"}'\nexit 1\n`));
    it('garbage on stdout', () => deny('garbage', '#!/bin/sh\necho "hello, not json"\n', {}, /not valid JSON/));
    it('binary noise on stdout', () => deny('noise', '#!/bin/sh\nhead -c 3000 /dev/urandom\n'));
    it('an unknown backend type', () => deny('s3', `#!/bin/sh\necho '{"type":"s3","_root":"${dir}"}'\n`, {}, /unknown backend type "s3"/));
    it('a local root that is relative or missing', async () => {
      await deny('relative', '#!/bin/sh\necho \'{"type":"local","_root":"alice"}\'\n');
      await deny('missing-root', `#!/bin/sh\necho '{"type":"local","_root":"${dir}/does-not-exist"}'\n`);
    });
    it('an sftp answer whose remote cannot be reached, or with options sftp does not know', async () => {
      const closedPort = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as net.AddressInfo;
          probe.close(() => resolve(port));
        });
      });
      await deny('sftp-down', `#!/bin/sh\necho '{"type":"sftp","_root":"","host":"127.0.0.1","port":"${closedPort}","user":"u","pass":"p","_obscure":"pass"}'\n`, {}, /cannot connect to the sftp remote/);
      await deny('sftp-bad-option', '#!/bin/sh\necho \'{"type":"sftp","_root":"","host":"127.0.0.1","bogus":"1"}\'\n', {}, /unknown sftp option "bogus"/);
      await deny('sftp-not-obscured', '#!/bin/sh\necho \'{"type":"sftp","_root":"","host":"127.0.0.1","pass":"plain!"}\'\n', {}, /pass= must be obscured/);
    });
    it('output over the cap, killed', () =>
      deny('flood', '#!/bin/sh\nwhile :; do echo \'{"type":"local","_root":"/"}\'; done\n', { maxOutput: 4096 }, /larger than 4096 bytes/));
    it('a program that does not exist', () => deny('x', '#!/bin/sh\nexit 0\n', { program: path.join(dir, 'nope') }));
    it('a program killed by a signal', () => deny('self-kill', '#!/bin/sh\nkill -9 $$\n'));

    it('a hanging program and its children, killed at the time limit', async () => {
      const pidFile = path.join(dir, 'hang.pid');
      const program = await writeScript(dir, 'hang', `#!/bin/sh\nsleep 30 &\necho $! > ${pidFile}\nwait\n`);
      const auth = proxy({ program, timeoutMs: 500 });
      const t = performance.now();
      expect(await auth.password('alice', 'pa', '127.0.0.1')).toEqual({ ok: false });
      const took = performance.now() - t;
      expect(took).toBeGreaterThanOrEqual(450);
      expect(took).toBeLessThan(3000);
      const pid = Number((await readFile(pidFile, 'utf8')).trim());
      // The grandchild (sleep) was in the program's process group and died with it.
      await new Promise((r) => setTimeout(r, 100));
      expect(processExists(pid)).toBe(false);
    });

    it('a program that never reads its input and exits at once', async () => {
      const program = await writeScript(dir, 'no-read', '#!/bin/sh\nexit 3\n');
      const auth = proxy({ program });
      expect(await auth.password('alice', 'x'.repeat(1000), '127.0.0.1')).toEqual({ ok: false });
    });
  });

  it('pads a denied password to the failure delay', async () => {
    const program = await writeScript(dir, 'deny-fast', '#!/bin/sh\nexit 1\n');
    const auth = proxy({ program, failureDelayMs: 300 });
    const t = performance.now();
    await auth.password('alice', 'pa', '127.0.0.1');
    expect(performance.now() - t).toBeGreaterThanOrEqual(295);
  });

  it('queues logins beyond the concurrency limit and denies beyond the queue', async () => {
    const program = await writeScript(dir, 'slow', `#!/bin/sh\nsleep 0.3\necho '{"type":"local","_root":"${dir}/alice"}'\n`);
    const auth = proxy({ program, maxConcurrent: 1, maxQueued: 2 });
    const results = await Promise.all(['u1', 'u2', 'u3', 'u4'].map((u) => auth.password(u, 'p', '127.0.0.1')));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
  });

  it('refuses an empty program name at construction', () => {
    expect(() => createProxyAuthenticator({ program: ' ' })).toThrow(/needs a program/);
  });
});
