// The auth proxy through the real SFTP server, which has no share of its own: every login runs a
// real proxy program (Node, written into a temp folder) and gets the Vfs of its answer. Per-user
// roots, key logins, a changed password taking effect at once, unknown users refused, and proxies
// that hang or print garbage denied while the server keeps serving everyone else.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyAuthenticator } from '../../src-main/servers/auth/index.js';
import type { ProxyAuthenticator } from '../../src-main/servers/auth/index.js';
import { cleanupCli, tempDir } from '../helpers/cli-server.js';
import { makeClientKey, runSftp } from '../helpers/openssh-client.js';
import { processExists, writeScript } from '../unit/servers/auth/auth-test-kit.js';
import { listNames, openSftp, startAuthServer, timedPasswordLogin, writeText } from '../unit/servers/auth/auth-sftp-kit.js';
import type { AuthServer } from '../unit/servers/auth/auth-sftp-kit.js';
import { connect, recordingLogger, waitClosed } from '../unit/servers/ssh/ssh-test-kit.js';

let dir: string;
let usersFile: string;
let logFile: string;
let pidFile: string;
let aliceKey: string;
let auth: ProxyAuthenticator;
let srv: AuthServer;
const proxyLog = recordingLogger();

/**
 * The proxy: users from a JSON file; user "hang" makes it hang (with a child), "garbage" makes it
 * print nonsense, "flood" makes it print forever, "crash" makes it throw.
 */
function proxyScript(): string {
  return `#!/usr/bin/env node
const fs = require('node:fs');
const { spawn } = require('node:child_process');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const req = JSON.parse(input);
  fs.appendFileSync(${JSON.stringify(logFile)}, JSON.stringify({ user: req.user, kind: req.pass !== undefined ? 'pass' : 'key', ip: req.client_ip }) + '\\n');
  if (req.user === 'hang') {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    fs.writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
    setInterval(() => {}, 1000);
    return;
  }
  if (req.user === 'garbage') { process.stdout.write('<html>500 Internal Server Error</html>'); return; }
  if (req.user === 'flood') { const s = 'x'.repeat(65536); const w = () => process.stdout.write(s, w); w(); return; }
  if (req.user === 'crash') throw new Error('proxy bug');
  const users = JSON.parse(fs.readFileSync(${JSON.stringify(usersFile)}, 'utf8'));
  const u = users[req.user];
  const ok = u && ((req.pass !== undefined && u.pass === req.pass) || (req.public_key !== undefined && u.key === req.public_key));
  if (!ok) process.exit(1);
  process.stdout.write(JSON.stringify({ type: 'local', _root: u.root }));
});
`;
}

async function proxyCalls(): Promise<{ user: string; kind: string; ip: string }[]> {
  return (await readFile(logFile, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { user: string; kind: string; ip: string });
}

beforeAll(async () => {
  dir = await tempDir('proxy');
  usersFile = path.join(dir, 'users.json');
  logFile = path.join(dir, 'calls.log');
  pidFile = path.join(dir, 'hang.pid');
  await writeFile(logFile, '');
  for (const user of ['alice', 'bob']) {
    await mkdir(path.join(dir, 'homes', user), { recursive: true });
    await writeFile(path.join(dir, 'homes', user, `${user}.txt`), `${user}'s file\n`);
  }
  aliceKey = await makeClientKey(dir, 'alice-key');
  const aliceBlob = (await readFile(`${aliceKey}.pub`, 'utf8')).split(' ')[1];
  await writeFile(usersFile, JSON.stringify({
    alice: { pass: 'alice-pass-1', key: aliceBlob, root: path.join(dir, 'homes', 'alice') },
    bob: { pass: 'bob-pass', root: path.join(dir, 'homes', 'bob') },
  }));
  const program = await writeScript(dir, 'proxy.js', proxyScript());
  auth = createProxyAuthenticator({ program, timeoutMs: 1500, failureDelayMs: 100, logger: proxyLog });
  srv = await startAuthServer({ authenticator: auth });
});

afterAll(async () => {
  await srv?.close();
  await auth?.close();
  await cleanupCli();
});

describe('SFTP with --auth-proxy', () => {
  it('gives each user their own root from the proxy answer (OpenSSH sftp)', async () => {
    const alice = await runSftp(srv.port, { user: 'alice', password: 'alice-pass-1' }, ['ls -1', '-get ../bob/bob.txt']);
    expect(alice.code, alice.stderr).toBe(0);
    const listed = alice.stdout.split('\n').filter((l) => !l.startsWith('sftp>'));
    expect(listed).toContain('alice.txt');
    expect(listed).not.toContain('bob.txt');
    expect(alice.stderr).toMatch(/not found/i);
    await expect(readFile(path.join(dir, 'bob.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    const bob = await runSftp(srv.port, { user: 'bob', password: 'bob-pass' }, ['ls -1']);
    expect(bob.code, bob.stderr).toBe(0);
    expect(bob.stdout).toContain('bob.txt');
    expect(bob.stdout).not.toContain('alice.txt');
  });

  it('logs in with a key the proxy accepts, sending it the public key and client IP', async () => {
    await writeFile(logFile, '');
    const run = await runSftp(srv.port, { user: 'alice', key: aliceKey }, ['ls -1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('alice.txt');
    const calls = await proxyCalls();
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls[0]).toEqual({ user: 'alice', kind: 'key', ip: '127.0.0.1' });
  });

  it('refuses an unknown user and a wrong password', async () => {
    for (const [user, pass] of [['mallory', 'alice-pass-1'], ['alice', 'wrong']] as const) {
      const t = await timedPasswordLogin(srv.port, user, pass);
      expect(t.outcome.ok).toBe(false);
      if (!t.outcome.ok) expect(t.outcome.error.message).toBe('All configured authentication methods failed');
    }
    const openssh = await runSftp(srv.port, { user: 'mallory', password: 'x' }, ['ls']);
    expect(openssh.code).not.toBe(0);
    expect(openssh.stderr).toMatch(/Permission denied/);
  });

  it('lets a changed password work at once (no stale cache) and then refuses the old one', async () => {
    const first = await connect(srv.port, { username: 'alice', password: 'alice-pass-1' });
    first.end();
    const users = JSON.parse(await readFile(usersFile, 'utf8')) as Record<string, { pass: string }>;
    (users.alice as { pass: string }).pass = 'alice-pass-2';
    await writeFile(usersFile, JSON.stringify(users));
    const second = await timedPasswordLogin(srv.port, 'alice', 'alice-pass-2');
    expect(second.outcome.ok).toBe(true);
    if (second.outcome.ok) {
      expect(await listNames(await openSftp(second.outcome.client), '/')).toContain('alice.txt');
      second.outcome.client.end();
    }
    const old = await timedPasswordLogin(srv.port, 'alice', 'alice-pass-1');
    expect(old.outcome.ok).toBe(false);
  });

  it('asks the proxy once per user, credential and address while the answer is cached', async () => {
    auth.forgetUser('bob');
    await writeFile(logFile, '');
    for (let i = 0; i < 3; i++) {
      const c = await connect(srv.port, { username: 'bob', password: 'bob-pass' });
      c.end();
    }
    const c2 = await connect(srv.port, { username: 'bob', password: 'bob-pass', localAddress: '127.0.0.2' });
    c2.end();
    expect((await proxyCalls()).map((c) => c.ip)).toEqual(['127.0.0.1', '127.0.0.2']);
  });

  it('keeps serving a session while the same user logs in again; writes land in the answer\'s root', async () => {
    const a = await connect(srv.port, { username: 'bob', password: 'bob-pass' });
    const b = await connect(srv.port, { username: 'bob', password: 'bob-pass' });
    await writeText(await openSftp(a), '/from-a.txt', 'A');
    await writeText(await openSftp(b), '/from-b.txt', 'B');
    expect(await readFile(path.join(dir, 'homes', 'bob', 'from-a.txt'), 'utf8')).toBe('A');
    expect(await readFile(path.join(dir, 'homes', 'bob', 'from-b.txt'), 'utf8')).toBe('B');
    const closed = [waitClosed(a, 5000), waitClosed(b, 5000)];
    a.end();
    b.end();
    await Promise.all(closed);
  });

  describe('a misbehaving proxy is denied without harm', () => {
    it('a hanging proxy: denied at the time limit, its child killed, others still served', async () => {
      const t = await timedPasswordLogin(srv.port, 'hang', 'x');
      expect(t.outcome.ok).toBe(false);
      expect(t.ms).toBeGreaterThanOrEqual(1500);
      expect(t.ms).toBeLessThan(8000);
      const pid = Number((await readFile(pidFile, 'utf8')).trim());
      await new Promise((r) => setTimeout(r, 200));
      expect(processExists(pid)).toBe(false);
      const ok = await timedPasswordLogin(srv.port, 'bob', 'bob-pass');
      expect(ok.outcome.ok).toBe(true);
      if (ok.outcome.ok) ok.outcome.client.end();
    });

    it('garbage, endless output and a crashing proxy: denied, and the server keeps serving', async () => {
      const pending = ['garbage', 'flood', 'crash'].map((user) => timedPasswordLogin(srv.port, user, 'x'));
      // Meanwhile an ordinary login goes through.
      const ok = await runSftp(srv.port, { user: 'bob', password: 'bob-pass' }, ['ls -1']);
      expect(ok.code, ok.stderr).toBe(0);
      for (const t of await Promise.all(pending)) expect(t.outcome.ok).toBe(false);
      const log = srv.logger.lines.join('\n');
      expect(log).not.toMatch(/uncaught|TypeError/);
      for (const user of ['garbage', 'flood', 'crash']) expect(log).toMatch(new RegExp(`login failed user="${user}"`));
      // The proxy's own log tells the operator why each was denied.
      const why = proxyLog.lines.join('\n');
      expect(why).toMatch(/denied user="garbage" ip=127\.0\.0\.1: the answer is not valid JSON/);
      expect(why).toMatch(/denied user="flood" ip=127\.0\.0\.1: the answer is larger than 65536 bytes; the program was killed/);
      expect(why).toMatch(/denied user="crash" ip=127\.0\.0\.1: the program exited with status 1 \(stderr: ".*proxy bug/);
      expect(why).toMatch(/denied user="hang" ip=127\.0\.0\.1: no answer within 1500 ms; the program was killed/);
      // No password ever reaches the log.
      expect(why).not.toMatch(/bob-pass|alice-pass/);
    });
  });

  it('shares one Vfs per distinct answer', () => {
    expect(auth.vfsCount).toBe(2);
  });
});
