// `wharf serve ftp` as a user runs it: the built CLI (node dist/src-main/cli/main.js) driven with
// curl, lftp and Python's ftplib. Logins (--user/--pass, and any password for --user only when
// --pass is empty), --read-only, explicit and implicit FTPS with a self-signed certificate made by
// `openssl req`, --require-tls, the passive port range, the file flags, usage errors (exit 2), the
// unencrypted-FTP warning, and the signals (SIGTERM/SIGINT exit 0, SIGHUP keeps serving). Every
// test has its own server process, so the tests run concurrently: they mostly wait on processes.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_OPTIONS, SERVE_FTP_OPTIONS } from '../../src-shared/options/index.js';
import { CLI_MAIN, cleanupCli, ROOT, runCliCommand, tempDir } from '../helpers/cli-server.js';
import type { ExitStatus } from '../helpers/cli-server.js';
import { python, run } from '../helpers/ftp-clients.js';
import { makeSelfSignedCert } from '../helpers/ftp-harness.js';

const STARTUP_TIMEOUT_MS = 20_000;

interface FtpCli {
  readonly scheme: 'ftp' | 'ftps';
  readonly port: number;
  readonly pid: number;
  readonly serving: string;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

const running = new Set<ChildProcess>();

/** Starts `wharf serve ftp DIR --addr 127.0.0.1:0 ...args` and waits for its "Serving" line. */
async function startFtpCli(dir: string, args: readonly string[]): Promise<FtpCli> {
  const addr = args.some((a) => a === '--addr' || a.startsWith('--addr=')) ? [] : ['--addr', '127.0.0.1:0'];
  const env = { ...(process.env as Record<string, string>), HOME: await tempDir('home'), WHARF_CONFIG_DIR: await tempDir('config') };
  const child = spawn(process.execPath, [CLI_MAIN, 'serve', 'ftp', dir, ...addr, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const serving = await new Promise<RegExpExecArray>((resolve, reject) => {
    const fail = (e: Error): void => {
      clearTimeout(timer);
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      reject(new Error(`${e.message}\nstdout: ${out}\nstderr: ${err}`));
    };
    const timer = setTimeout(() => fail(new Error('no "Serving" line in time')), STARTUP_TIMEOUT_MS);
    child.stdout.on('data', () => {
      const m = /^Serving .* on (ftps?):\/\/(?:\[[^\]]+\]|[^:/]+):(\d+)\/$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void exited.then((s) => fail(new Error(`wharf exited early (${s.code ?? s.signal})`)));
  });
  return {
    scheme: serving[1] === 'ftps' ? 'ftps' : 'ftp',
    port: Number(serving[2]),
    pid: child.pid ?? -1,
    serving: serving[0],
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid ?? -1, signal);
      const killer = setTimeout(() => child.exitCode === null && process.kill(child.pid ?? -1, 'SIGKILL'), 15_000);
      const status = await exited;
      clearTimeout(killer);
      return status;
    },
  };
}

let share: string;
let work: string;
let cert: { certPath: string; keyPath: string };

beforeAll(async () => {
  share = await tempDir('ftp-share');
  work = await tempDir('ftp-work');
  await writeFile(path.join(share, 'hello.txt'), 'hello ftp');
  const made = await makeSelfSignedCert(work);
  cert = { certPath: made.certPath, keyPath: path.join(work, 'key.pem') };
});

afterAll(async () => {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  }
  await cleanupCli();
});

const url = (srv: FtpCli, user: string, pass: string, file = '') => `${srv.scheme}://${user}:${pass}@127.0.0.1:${srv.port}/${file}`;
const target = (srv: FtpCli, user: string, pass: string) => ({ host: '127.0.0.1', port: srv.port, user, pass });

/** Logs in with ftplib and answers 'OK' or the server's refusal. */
async function tryLogin(srv: FtpCli, user: string, pass: string): Promise<string> {
  return python<string>(target(srv, user, pass), `
f = connect(login=False)
res = err(f.login, USER, PASS)
out(res)
`);
}

describe.concurrent('logins', () => {
  it('--user and --pass: the right pair gets in, a wrong password or user is refused', async () => {
    const srv = await startFtpCli(share, ['--user', 'bob', '--pass', 'hunter2']);
    try {
      const get = await run('curl', ['-sS', url(srv, 'bob', 'hunter2', 'hello.txt')]);
      expect(get.stdout, get.stderr).toBe('hello ftp');
      const [right, wrongPass, wrongUser] = await Promise.all([
        tryLogin(srv, 'bob', 'hunter2'),
        tryLogin(srv, 'bob', 'wrong'),
        tryLogin(srv, 'alice', 'hunter2'),
      ]);
      expect(right).toMatch(/^OK 230/);
      expect(wrongPass).toMatch(/^530/);
      expect(wrongUser).toMatch(/^530/);
      const denied = await run('curl', ['-sS', url(srv, 'bob', 'nope', 'hello.txt')]);
      expect(denied.code).toBe(67); // CURLE_LOGIN_DENIED
      expect(denied.stdout).toBe('');
    } finally {
      await srv.stop();
    }
  });

  it('without --pass any password works, but only for --user (default anonymous)', async () => {
    const anon = await startFtpCli(share, []);
    try {
      // curl logs in as anonymous with its own e-mail style password.
      const get = await run('curl', ['-sS', `ftp://127.0.0.1:${anon.port}/hello.txt`]);
      expect(get.stdout, get.stderr).toBe('hello ftp');
      const [anonymous, other] = await Promise.all([tryLogin(anon, 'anonymous', 'anything at all'), tryLogin(anon, 'root', 'anything at all')]);
      expect(anonymous).toMatch(/^OK 230/);
      expect(other).toMatch(/^530/);
    } finally {
      await anon.stop();
    }
    const bob = await startFtpCli(share, ['--user', 'bob']);
    try {
      const results = await Promise.all([
        tryLogin(bob, 'bob', 'x'),
        tryLogin(bob, 'bob', ''),
        tryLogin(bob, 'anonymous', 'x'),
        tryLogin(bob, 'Bob', 'x'),
      ]);
      expect(results.map((r) => r.slice(0, 6))).toEqual(['OK 230', 'OK 230', '530 Lo', '530 Lo']);
    } finally {
      await bob.stop();
    }
  });
});

describe.concurrent('share flags', () => {
  it('--read-only serves downloads and refuses every change', async () => {
    const srv = await startFtpCli(share, ['--user', 'u', '--pass', 'p', '--read-only']);
    try {
      const local = path.join(work, 'ro-up.txt');
      await writeFile(local, 'must not land');
      const r = await run('lftp', [
        '-c',
        `set net:max-retries 1; set net:timeout 10; open -u u,p -p ${srv.port} 127.0.0.1; ` +
          `cat hello.txt; put ${local} -o ro-up.txt; mkdir newdir; rm hello.txt`,
      ]);
      expect(r.stdout).toContain('hello ftp');
      expect(r.code).not.toBe(0);
      await expect(readFile(path.join(share, 'ro-up.txt'))).rejects.toThrow();
      await expect(readFile(path.join(share, 'newdir'))).rejects.toThrow();
      expect(await readFile(path.join(share, 'hello.txt'), 'utf8')).toBe('hello ftp');
    } finally {
      await srv.stop();
    }
  });

  it('--file-perms, --umask, --uid, --gid shape listings; --no-modtime refuses MFMT', async () => {
    const dir = await tempDir('ftp-perm');
    await writeFile(path.join(dir, 'f.txt'), 'x');
    await mkdir(path.join(dir, 'd'));
    const args = ['--user', 'u', '--pass', 'p', '--file-perms', '0640', '--dir-perms', '0750', '--umask', '0'];
    const srv = await startFtpCli(dir, [...args, '--uid', '1234', '--gid', '5678', '--no-modtime']);
    try {
      const r = await python<Record<string, string>>(target(srv, 'u', 'p'), `
f = connect()
lines = []
f.retrlines('LIST', lines.append)
out({'list': '\\n'.join(lines), 'mfmt': err(f.sendcmd, 'MFMT 20010203040506 f.txt')})
`);
      expect(r.list).toMatch(/^-rw-r----- +\d+ +1234 +5678 .* f\.txt$/m);
      expect(r.list).toMatch(/^drwxr-x--- +\d+ +1234 +5678 .* d$/m);
      expect(r.mfmt).toMatch(/^5\d\d/);
    } finally {
      await srv.stop();
    }
    const plain = await startFtpCli(dir, ['--user', 'u', '--pass', 'p']);
    try {
      const r = await python<string>(target(plain, 'u', 'p'), `
f = connect()
out(err(f.sendcmd, 'MFMT 20010203040506 f.txt'))
`);
      expect(r).toMatch(/^OK 213/);
    } finally {
      await plain.stop();
    }
  });

  it('--passive-port keeps every data connection inside the range', async () => {
    const low = 42_000 + Math.floor(Math.random() * 2_000);
    const srv = await startFtpCli(share, ['--user', 'u', '--pass', 'p', '--passive-port', `${low}-${low + 3}`]);
    try {
      const ports = await python<number[]>(target(srv, 'u', 'p'), `
f = connect()
ports = []
original = f.makepasv
def recording():
    host, port = original()
    ports.append(port)
    return host, port
f.makepasv = recording
for i in range(6):
    b = io.BytesIO(); f.retrbinary('RETR hello.txt', b.write)
    assert b.getvalue() == b'hello ftp'
out(ports)
`);
      expect(ports).toHaveLength(6);
      for (const port of ports) {
        expect(port).toBeGreaterThanOrEqual(low);
        expect(port).toBeLessThanOrEqual(low + 3);
      }
    } finally {
      await srv.stop();
    }
  });
});

describe.concurrent('FTPS', () => {
  it('--cert and --key: explicit FTPS with curl --ssl-reqd, plain FTP still allowed', async () => {
    const srv = await startFtpCli(share, ['--user', 'u', '--pass', 'p', '--cert', cert.certPath, '--key', cert.keyPath]);
    try {
      expect(srv.serving).toMatch(/explicit FTPS \(AUTH TLS\) on ftp:\/\//);
      const get = await run('curl', ['-sS', '--ssl-reqd', '-k', url(srv, 'u', 'p', 'hello.txt')]);
      expect(get.stdout, get.stderr).toBe('hello ftp');
      const local = path.join(work, 'tls-up.bin');
      await writeFile(local, Buffer.alloc(100_000, 3));
      const put = await run('curl', ['-sS', '--ssl-reqd', '-k', '-T', local, url(srv, 'u', 'p', 'tls-up.bin')]);
      expect(put.code, put.stderr).toBe(0);
      expect((await readFile(path.join(share, 'tls-up.bin'))).equals(await readFile(local))).toBe(true);
      const plain = await run('curl', ['-sS', url(srv, 'u', 'p', 'hello.txt')]);
      expect(plain.stdout).toBe('hello ftp');
    } finally {
      await srv.stop();
    }
  });

  it('--implicit-tls: ftps:// from the first byte', async () => {
    const srv = await startFtpCli(share, ['--user', 'u', '--pass', 'p', '--cert', cert.certPath, '--key', cert.keyPath, '--implicit-tls']);
    try {
      expect(srv.scheme).toBe('ftps');
      expect(srv.serving).toMatch(/over implicit FTPS on ftps:\/\//);
      const get = await run('curl', ['-sS', '-k', url(srv, 'u', 'p', 'hello.txt')]);
      expect(get.stdout, get.stderr).toBe('hello ftp');
      // A plain FTP client gets no greeting: the server waits for a TLS ClientHello and drops junk.
      const plain = await python<string>(target(srv, 'u', 'p'), `
raw = socket.create_connection((HOST, PORT), timeout=5)
raw.sendall(b'USER u\\r\\n')
data = b''
try:
    while True:
        chunk = raw.recv(1024)
        if not chunk:
            break
        data += chunk
except OSError:
    pass
out(data.decode('latin-1'))
`);
      expect(plain).not.toContain('220');
    } finally {
      await srv.stop();
    }
  });

  it('--require-tls refuses a plaintext USER and serves over TLS', async () => {
    const srv = await startFtpCli(share, ['--user', 'u', '--pass', 'p', '--cert', cert.certPath, '--key', cert.keyPath, '--require-tls']);
    try {
      expect(srv.serving).toMatch(/explicit FTPS \(AUTH TLS required\)/);
      const r = await python<string>(target(srv, 'u', 'p'), `
f = connect(login=False)
out(err(f.sendcmd, 'USER u'))
`);
      expect(r).toMatch(/^530 TLS is required/);
      const plain = await run('curl', ['-sS', url(srv, 'u', 'p', 'hello.txt')]);
      expect(plain.code).not.toBe(0);
      expect(plain.stdout).toBe('');
      const tls = await run('curl', ['-sS', '--ssl-reqd', '-k', url(srv, 'u', 'p', 'hello.txt')]);
      expect(tls.stdout, tls.stderr).toBe('hello ftp');
    } finally {
      await srv.stop();
    }
  });
});

/** Exit 2, one message line naming the problem, then the usage hint; nothing on stdout, no stack. */
async function expectUsageError(args: readonly string[], message: RegExp): Promise<void> {
  const r = await runCliCommand(['serve', 'ftp', ...args]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n').filter((l) => !/^\S+Z (WARN|INFO) /.test(l));
  expect(lines[0]).toMatch(message);
  expect(lines.at(-1)).toBe("Run 'wharf serve ftp --help' for usage.");
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe.concurrent('usage errors exit with code 2', () => {
  it('refuses TLS flags that cannot work', async () => {
    await Promise.all([
      expectUsageError([share, '--implicit-tls'], /^wharf serve ftp: --implicit-tls needs --cert and --key$/),
      expectUsageError([share, '--require-tls'], /--require-tls needs --cert and --key/),
      expectUsageError([share, '--cert', cert.certPath], /--cert needs --key/),
      expectUsageError([share, '--cert', cert.certPath, '--key', path.join(work, 'nope.pem')], /--key: cannot read .*nope\.pem: no such file/),
      expectUsageError([share, '--cert', cert.keyPath, '--key', cert.keyPath], /--cert: .* holds no PEM certificate/),
    ]);
  });

  it('refuses bad passive ranges, addresses and values', async () => {
    await Promise.all([
      expectUsageError([share, '--passive-port', '32000-30000'], /invalid value for --passive-port: the low port comes first/),
      expectUsageError([share, '--passive-port', 'lots'], /invalid value for --passive-port/),
      expectUsageError([share, '--passive-port', '1-70000'], /invalid value for --passive-port: ports must be between 1 and 65535/),
      expectUsageError([share, '--public-ip', 'example.com'], /public IP "example\.com"/),
      expectUsageError([share, '--addr', 'nowhere'], /invalid value for --addr/),
      expectUsageError([share, '--bogus'], /^wharf serve ftp: unknown flag: --bogus$/),
      expectUsageError([], /missing PATH/),
      expectUsageError([path.join(share, 'hello.txt')], /is not a directory/),
    ]);
  });

  it('prints help generated from the option table', async () => {
    const r = await runCliCommand(['serve', 'ftp', '--help']);
    expect(r.code).toBe(0);
    for (const spec of [...SERVE_FTP_OPTIONS, ...GENERAL_OPTIONS]) expect(r.stdout).toContain(`--${spec.name}`);
    expect(r.stdout).toContain('(default localhost:2121)');
    expect(r.stdout).toContain('(default 30000-32000)');
  });
});

describe.concurrent('warnings and signals', () => {
  it('warns that FTP is unencrypted on every interface, not on loopback', async () => {
    const open = await startFtpCli(share, ['--addr', ':0', '--user', 'u', '--pass', 'p']);
    const local = await startFtpCli(share, ['--user', 'u', '--pass', 'p']);
    try {
      expect(open.stderr()).toMatch(/WARN FTP is unencrypted/);
      expect(local.stderr()).not.toMatch(/unencrypted/);
    } finally {
      await Promise.all([open.stop(), local.stop()]);
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops the server with exit code 0 and frees the port', async (signal) => {
    const srv = await startFtpCli(share, ['--user', 'u', '--pass', 'p']);
    expect(await tryLogin(srv, 'u', 'p')).toMatch(/^OK 230/);
    expect(await srv.stop(signal)).toEqual({ code: 0, signal: null });
    const again = await startFtpCli(share, ['--user', 'u', '--pass', 'p', '--addr', `127.0.0.1:${srv.port}`]);
    expect(again.port).toBe(srv.port);
    await again.stop();
  });

  it('SIGTERM during an upload ends it with 421, keeps the bytes received, and exits 0', async () => {
    const dir = await tempDir('ftp-stop');
    const srv = await startFtpCli(dir, ['--user', 'u', '--pass', 'p']);
    const script = [
      'import ftplib, sys',
      'f = ftplib.FTP(timeout=20); f.connect("127.0.0.1", int(sys.argv[1])); f.login("u", "p")',
      'conn = f.transfercmd("STOR part.bin")',
      'conn.sendall(b"x" * 100000)',
      'print("sent", flush=True)',
      'print(f.sock.makefile("rb").readline().decode().strip(), flush=True)',
    ].join('\n');
    const client = spawn('/usr/bin/python3', ['-c', script, String(srv.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(client);
    let out = '';
    const sent = new Promise<void>((resolve) => client.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('sent\n')) resolve();
    }));
    const done = new Promise<void>((resolve) => client.once('exit', () => resolve()));
    await Promise.race([sent, done]);
    expect(out).toContain('sent');
    // Stop only once the server has written what was sent, so the check below is not a race.
    const end = Date.now() + 5_000;
    while ((await stat(path.join(dir, 'part.bin')).catch(() => undefined))?.size !== 100_000 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await srv.stop()).toEqual({ code: 0, signal: null });
    await done;
    running.delete(client);
    expect(out).toMatch(/^421 /m);
    expect((await readFile(path.join(dir, 'part.bin'))).length).toBe(100_000);
  });

  it('SIGHUP flushes the directory cache and keeps serving', async () => {
    const srv = await startFtpCli(share, ['--user', 'u', '--pass', 'p', '-v']);
    try {
      process.kill(srv.pid, 'SIGHUP');
      const end = Date.now() + 5_000;
      while (!srv.stderr().includes('SIGHUP') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(srv.stderr()).toContain('SIGHUP: directory cache flushed');
      const get = await run('curl', ['-sS', url(srv, 'u', 'p', 'hello.txt')]);
      expect(get.stdout).toBe('hello ftp');
    } finally {
      expect(await srv.stop()).toEqual({ code: 0, signal: null });
    }
  });
});
