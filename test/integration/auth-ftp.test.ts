// Users, lockout, session registry and auth proxy through the real FTP server with Python's ftplib,
// sharing one registry and one lockout with an SFTP server of the same share: failures over FTP
// ban the address for SFTP too, disabling a user ends their FTP and SFTP sessions alike, and the
// session caps count both protocols.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LoginLockout, UserStore, createProxyAuthenticator, createUserAuthenticator } from '../../src-main/servers/auth/index.js';
import type { ProxyAuthenticator } from '../../src-main/servers/auth/index.js';
import { createFtpServer } from '../../src-main/servers/ftp/index.js';
import type { FtpServer } from '../../src-main/servers/ftp/index.js';
import { SessionRegistry, endSessionsOnRevoke } from '../../src-main/servers/index.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../src-main/vfs/index.js';
import { cleanupCli, tempDir } from '../helpers/cli-server.js';
import { python } from '../helpers/ftp-clients.js';
import { fakeClock, userTableProxy, writeScript } from '../unit/servers/auth/auth-test-kit.js';
import { startAuthServer, timedPasswordLogin } from '../unit/servers/auth/auth-sftp-kit.js';
import type { AuthServer } from '../unit/servers/auth/auth-sftp-kit.js';
import { connect, recordingLogger, waitClosed } from '../unit/servers/ssh/ssh-test-kit.js';

const SCRYPT = { ln: 12, r: 8, p: 1 };
const DELAY = 200;
const HOST = '127.0.0.1';

let share: string;
let store: UserStore;
let sessions: SessionRegistry;
let lockout: LoginLockout;
const clock = fakeClock();
let vfs: Vfs;
let ftp: FtpServer;
let ftpPort: number;
let sftp: AuthServer;
const ftpLog = recordingLogger();
let unbind: () => void;

beforeAll(async () => {
  share = await tempDir('ftp-users');
  await mkdir(path.join(share, 'alice'));
  await mkdir(path.join(share, 'shared'));
  await writeFile(path.join(share, 'alice', 'a.txt'), 'alice file\n');
  await writeFile(path.join(share, 'shared', 's.txt'), 'shared file\n');
  await writeFile(path.join(share, 'secret.txt'), 'top secret\n');
  store = new UserStore({ scrypt: SCRYPT });
  await store.add({ name: 'alice', password: 'alice-password', root: '/alice' });
  await store.add({ name: 'bob', password: 'bob-password', root: '/shared', readOnly: true });
  sessions = new SessionRegistry({ maxSessions: 20, maxSessionsPerIp: 4 });
  unbind = endSessionsOnRevoke(store, sessions);
  lockout = new LoginLockout({}, clock.now);
  const authenticator = createUserAuthenticator(store, { failureDelayMs: DELAY, scrypt: SCRYPT });
  vfs = new Vfs(await createLocalBackend(share), DEFAULT_VFS_OPTIONS);
  ftp = createFtpServer({ vfs, authenticator, readOnly: false, logger: ftpLog, passivePorts: { min: 0, max: 0 }, sessions, lockout });
  ({ port: ftpPort } = await ftp.listen(HOST, 0));
  sftp = await startAuthServer({ authenticator, share, sessions, lockout });
});

afterEach(() => {
  for (const ip of ['127.0.0.1', '127.0.0.2']) lockout.lift(ip);
});

afterAll(async () => {
  unbind?.();
  await ftp?.close();
  await sftp?.close();
  await vfs?.shutdown();
  await cleanupCli();
});

const target = (user: string, pass: string, port = ftpPort) => ({ host: HOST, port, user, pass });

describe('two users with different roots and rights (ftplib)', () => {
  it('alice sees her folder only and may upload; bob sees his read-only', async () => {
    const alice = await python<Record<string, unknown>>(target('alice', 'alice-password'), `
f = connect()
names = sorted(f.nlst())
up = err(f.storbinary, 'STOR up.txt', io.BytesIO(b'from alice'))
f.cwd('..')
above = sorted(f.nlst())
secret = err(f.retrbinary, 'RETR /secret.txt', lambda b: None)
out({'names': names, 'up': up, 'above': above, 'secret': secret})
`);
    expect(alice.names).toEqual(['a.txt']);
    expect(String(alice.up)).toMatch(/^OK 226/);
    expect(alice.above).toEqual(['a.txt', 'up.txt']);
    expect(String(alice.secret)).toMatch(/^550/);
    expect(await readFile(path.join(share, 'alice', 'up.txt'), 'utf8')).toBe('from alice');

    const bob = await python<Record<string, unknown>>(target('bob', 'bob-password'), `
f = connect()
names = sorted(f.nlst())
data = []
f.retrbinary('RETR s.txt', data.append)
up = err(f.storbinary, 'STOR up.txt', io.BytesIO(b'from bob'))
mk = err(f.mkd, 'newdir')
out({'names': names, 'data': b''.join(data).decode(), 'up': up, 'mk': mk})
`);
    expect(bob.names).toEqual(['s.txt']);
    expect(bob.data).toBe('shared file\n');
    expect(String(bob.up)).toMatch(/^55\d/);
    expect(String(bob.mk)).toMatch(/^55\d/);
  });

  it('gives an unknown user, a wrong password and a disabled user the same reply after the same time', async () => {
    await store.add({ name: 'dora', password: 'dora-password', enabled: false });
    const r = await python<Record<string, [string, number]>>(target('x', 'y'), `
def attempt(user, pw):
    f = connect(login=False)
    t = time.monotonic()
    try:
        f.login(user, pw)
        res = 'OK'
    except ftplib.error_perm as e:
        res = str(e)
    took = time.monotonic() - t
    f.close()
    return [res, took]
attempt('warm', 'up')
out({'wrong': attempt('alice', 'nope'), 'unknown': attempt('mallory', 'alice-password'), 'disabled': attempt('dora', 'dora-password')})
`);
    for (const [reply, seconds] of Object.values(r)) {
      expect(reply).toBe('530 Login incorrect.');
      expect(seconds * 1000).toBeGreaterThanOrEqual(DELAY - 5);
    }
    const times = Object.values(r).map(([, s]) => s * 1000);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(100);
  });
});

describe('one registry and one lockout for FTP and SFTP', () => {
  it('disabling a user ends their FTP session and their SFTP session', async () => {
    const ssh = await connect(sftp.port, { username: 'alice', password: 'alice-password' });
    const sshClosed = waitClosed(ssh, 5000);
    // A client that logs in, says READY, then keeps the session busy until the server ends it.
    const child = spawn('/usr/bin/python3', ['-u', '-c', `
import ftplib, sys, time
f = ftplib.FTP(timeout=10)
f.connect('${HOST}', ${ftpPort})
f.login('alice', 'alice-password')
print('READY', flush=True)
try:
    for i in range(100):
        f.voidcmd('NOOP')
        time.sleep(0.1)
    print('NOT ENDED')
except Exception as e:
    print('ENDED', str(e))
`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        if (out.includes('READY')) resolve();
      });
      child.on('close', () => reject(new Error(`python ended early: ${out}`)));
    });
    expect(sessions.list().filter((s) => s.user === 'alice').map((s) => s.protocol).sort()).toEqual(['ftp', 'sftp']);
    store.update('alice', { enabled: false });
    try {
      expect(await exited).toBe(0);
      expect(out).toMatch(/ENDED 421 Your session was ended by the administrator/);
      expect(await sshClosed).toBe(true);
      const again = await python<string>(target('alice', 'alice-password'), `out(err(connect, False, True))`);
      expect(again).toBe('530 Login incorrect.');
    } finally {
      store.update('alice', { enabled: true });
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('ten failures over FTP ban the address for FTP and SFTP, even with the right password, until the ban ends', async () => {
    // Three attempts per connection: two get 530, the third 421 and the server hangs up.
    const r = await python<string[]>(target('alice', 'x'), `
replies = []
while len(replies) < 10:
    f = connect(login=False)
    try:
        while len(replies) < 10:
            try:
                f.login('alice', 'guess-%d' % len(replies))
            except ftplib.error_perm as e:
                replies.append(str(e)[:3])
            except ftplib.error_temp as e:
                replies.append(str(e)[:3])
                break
    finally:
        f.close()
out(replies)
`, [], 60_000);
    expect(r).toEqual(['530', '530', '421', '530', '530', '421', '530', '530', '421', '530']);
    expect(lockout.isBanned('127.0.0.1')).toBe(true);
    const refused = await python<string>(target('alice', 'alice-password'), `out(err(connect, False, True))`);
    expect(refused).toMatch(/^421 Too many failed logins from your address/);
    expect((await timedPasswordLogin(sftp.port, 'alice', 'alice-password')).outcome.ok).toBe(false);
    // Another address is not affected.
    const other = await timedPasswordLogin(sftp.port, 'alice', 'alice-password', { localAddress: '127.0.0.2' });
    expect(other.outcome.ok).toBe(true);
    if (other.outcome.ok) other.outcome.client.end();
    clock.advance(15 * 60_000);
    const names = await python<string[]>(target('alice', 'alice-password'), `f = connect()\nout(sorted(f.nlst()))`);
    expect(names).toContain('a.txt');
  });

  it('counts FTP and SFTP sessions together against the per-address cap', async () => {
    const clients = [];
    for (let i = 0; i < 4; i++) clients.push(await connect(sftp.port, { username: 'bob', password: 'bob-password' }));
    try {
      const refused = await python<string>(target('bob', 'bob-password'), `out(err(connect, False, True))`);
      expect(refused).toBe('421 Too many sessions, try again later.');
      // Refusal for a cap is not a failed login.
      expect(lockout.failureCount('127.0.0.1')).toBe(0);
    } finally {
      const gone = clients.map((c) => waitClosed(c, 5000));
      for (const c of clients) c.end();
      await Promise.all(gone);
    }
  });
});

describe('FTP with --auth-proxy', () => {
  let proxyDir: string;
  let auth: ProxyAuthenticator;
  let proxyFtp: FtpServer;
  let port: number;

  beforeAll(async () => {
    proxyDir = await tempDir('ftp-proxy');
    for (const user of ['alice', 'bob']) {
      await mkdir(path.join(proxyDir, user));
      await writeFile(path.join(proxyDir, user, `${user}.txt`), user);
    }
    const usersFile = path.join(proxyDir, 'users.json');
    await writeFile(usersFile, JSON.stringify({
      alice: { pass: 'pa-1', root: path.join(proxyDir, 'alice') },
      bob: { pass: 'pb', root: path.join(proxyDir, 'bob') },
    }));
    const program = await writeScript(proxyDir, 'proxy', userTableProxy(usersFile, path.join(proxyDir, 'calls.log')));
    auth = createProxyAuthenticator({ program, failureDelayMs: 50 });
    proxyFtp = createFtpServer({ authenticator: auth, readOnly: false, logger: recordingLogger(), passivePorts: { min: 0, max: 0 } });
    ({ port } = await proxyFtp.listen(HOST, 0));
  });

  afterAll(async () => {
    await proxyFtp?.close();
    await auth?.close();
  });

  it('gives each user the root of their proxy answer, and refuses unknown users and wrong passwords', async () => {
    const list = `f = connect()\nout(sorted(f.nlst()))`;
    expect(await python(target('alice', 'pa-1', port), list)).toEqual(['alice.txt']);
    expect(await python(target('bob', 'pb', port), list)).toEqual(['bob.txt']);
    expect(await python(target('mallory', 'pa-1', port), `out(err(connect, False, True))`)).toBe('530 Login incorrect.');
    expect(await python(target('alice', 'pb', port), `out(err(connect, False, True))`)).toBe('530 Login incorrect.');
  });

  it('takes a changed password at once', async () => {
    const usersFile = path.join(proxyDir, 'users.json');
    const users = JSON.parse(await readFile(usersFile, 'utf8')) as Record<string, { pass: string }>;
    (users.alice as { pass: string }).pass = 'pa-2';
    await writeFile(usersFile, JSON.stringify(users));
    expect(await python(target('alice', 'pa-2', port), `f = connect()\nout(sorted(f.nlst()))`)).toEqual(['alice.txt']);
    expect(await python(target('alice', 'pa-1', port), `out(err(connect, False, True))`)).toBe('530 Login incorrect.');
  });
});
