// The `wharf` command as a user runs it: usage errors exit 2 with one clear line, help and version,
// signals (SIGINT/SIGTERM stop cleanly with 0, SIGHUP keeps serving), and the bin/wharf.cjs shim.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_OPTIONS, SERVE_SFTP_OPTIONS } from '../../src-shared/options/index.js';
import { cleanupCli, runCliCommand, startCliServer, tempDir } from '../helpers/cli-server.js';
import { makeClientKey, runSftp } from '../helpers/openssh-client.js';

let share: string;

beforeAll(async () => {
  share = await tempDir('share');
  await writeFile(path.join(share, 'file.txt'), 'x');
});

afterAll(async () => {
  await cleanupCli();
});

/** Exit 2, one message line naming the problem, then the usage hint; nothing on stdout. */
async function expectUsageError(args: readonly string[], message: RegExp): Promise<void> {
  const run = await runCliCommand(args);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n').filter((l) => !/^\S+Z (WARN|INFO) /.test(l));
  expect(lines[0]).toMatch(message);
  expect(lines.at(-1)).toMatch(/^Run 'wharf( serve( sftp)?)? --help' for usage\.$/);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('usage errors exit with code 2 and say why', () => {
  it('rejects unknown flags and bad values', async () => {
    await expectUsageError(['serve', 'sftp', share, '--no-auth', '--bogus'], /^wharf serve sftp: unknown flag: --bogus$/);
    await expectUsageError(['serve', 'sftp', share, '--no-auth', '--umask', '999'], /invalid value for --umask/);
    await expectUsageError(['serve', 'sftp', share, '--no-auth', '--addr', 'nowhere'], /invalid value for --addr/);
    await expectUsageError(['serve', 'sftp', share, '--no-auth', '--read-only=perhaps'], /invalid value for --read-only/);
    await expectUsageError(['serve', 'sftp', share, '--user'], /--user needs a value/);
  });

  it('requires an existing directory as PATH', async () => {
    await expectUsageError(['serve', 'sftp', '--no-auth'], /missing PATH/);
    await expectUsageError(['serve', 'sftp', path.join(share, 'missing'), '--no-auth'], /PATH .*missing does not exist/);
    await expectUsageError(['serve', 'sftp', path.join(share, 'file.txt'), '--no-auth'], /is not a directory/);
    await expectUsageError(['serve', 'sftp', share, share, '--no-auth'], /expected one PATH/);
  });

  it('refuses to start when nobody could log in', async () => {
    await expectUsageError(['serve', 'sftp', share], /no way to log in: use --user with --pass, --authorized-keys FILE, or --no-auth/);
    await expectUsageError(['serve', 'sftp', share, '--pass', 'secret'], /--pass needs --user/);
    await expectUsageError(['serve', 'sftp', share, '--user', 'alice'], /--user needs --pass/);
  });

  it('refuses an --authorized-keys file that is missing or holds no valid key', async () => {
    const dir = await tempDir('ak');
    await expectUsageError(['serve', 'sftp', share, '--authorized-keys', path.join(dir, 'nope')], /--authorized-keys: cannot read .*nope: no such file/);
    await writeFile(path.join(dir, 'junk'), 'not a key\n# comment\n');
    await expectUsageError(['serve', 'sftp', share, '--authorized-keys', path.join(dir, 'junk')], /holds no usable public key/);
  });

  it('refuses a --key file that is not a private key', async () => {
    const dir = await tempDir('hk');
    const key = await makeClientKey(dir);
    await expectUsageError(['serve', 'sftp', share, '--no-auth', '--key', `${key}.pub`], /^wharf serve sftp: --key: .*public key/);
  });

  it('rejects unknown commands and protocols', async () => {
    await expectUsageError(['bogus'], /^wharf: unknown command "bogus"$/);
    await expectUsageError(['serve'], /missing protocol/);
    await expectUsageError(['serve', 'gopher'], /unknown protocol "gopher"/);
  });

  it('points "wharf ui" without --headless at npm start and --headless', async () => {
    const run = await runCliCommand(['ui']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/npm start.*--headless/);
  });

  it('reports a busy port as an error (exit 1), not a crash', async () => {
    const first = await startCliServer(share, ['--no-auth']);
    try {
      const run = await runCliCommand(['serve', 'sftp', share, '--no-auth', '--addr', `127.0.0.1:${first.port}`]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+: the address is already in use/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await first.stop();
    }
  });
});

describe('help and version', () => {
  it('generates serve sftp --help from the option table, every flag with its default', async () => {
    const run = await runCliCommand(['serve', 'sftp', '--help']);
    expect(run.code).toBe(0);
    for (const spec of [...SERVE_SFTP_OPTIONS, ...GENERAL_OPTIONS]) expect(run.stdout).toContain(`--${spec.name}`);
    expect(run.stdout).toContain('(default localhost:2022)');
    expect(run.stdout).toContain('Usage:\n  wharf serve sftp PATH [flags]');
  });

  it('prints the main help and the version from package.json', async () => {
    const help = await runCliCommand(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wharf serve sftp PATH [flags]');
    const version = await runCliCommand(['--version']);
    const pkg = JSON.parse(await readFile(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`wharf ${pkg.version}\n`);
  });
});

describe('signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops the server cleanly with exit code 0', async (signal) => {
    const server = await startCliServer(share, ['--no-auth']);
    expect(await server.stop(signal)).toEqual({ code: 0, signal: null });
    // The port is free again: a new server can take it.
    const again = await startCliServer(share, ['--no-auth', '--addr', `127.0.0.1:${server.port}`]);
    expect(again.port).toBe(server.port);
    await again.stop();
  });

  it('SIGHUP flushes the cache and keeps serving', async () => {
    const dir = await tempDir('keys');
    const key = await makeClientKey(dir);
    await writeFile(path.join(dir, 'ak'), await readFile(`${key}.pub`));
    const server = await startCliServer(share, ['--authorized-keys', path.join(dir, 'ak'), '-v']);
    try {
      process.kill(server.pid, 'SIGHUP');
      await waitFor(() => server.stderr().includes('SIGHUP'));
      const run = await runSftp(server.port, { user: 'u', key }, ['ls -1']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('file.txt');
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });
});

describe('file flags reach the share', () => {
  it('--file-perms, --dir-perms, --umask, --uid and --gid shape what clients see', async () => {
    const dir = await tempDir('perm-share');
    await writeFile(path.join(dir, 'f.txt'), 'x');
    await mkdir(path.join(dir, 'd'));
    const server = await startCliServer(dir, ['--no-auth', '--file-perms', '0640', '--dir-perms', '0750', '--umask', '0', '--uid', '1234', '--gid', '5678']);
    try {
      const run = await runSftp(server.port, { user: 'u' }, ['ls -ln']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^-rw-r----- +\S+ +1234 +5678 .* f\.txt$/m);
      expect(run.stdout).toMatch(/^drwxr-x--- +\S+ +1234 +5678 .* d$/m);
    } finally {
      await server.stop();
    }
  });

  it('--no-modtime keeps the time of writing, --no-checksum refuses the hash commands', async () => {
    const dir = await tempDir('nomod-share');
    const local = await tempDir('nomod-local');
    const old = new Date('2001-02-03T04:05:06Z');
    await writeFile(path.join(local, 'old.txt'), 'old');
    await utimes(path.join(local, 'old.txt'), old, old);
    const server = await startCliServer(dir, ['--no-auth', '--no-modtime', '--no-checksum']);
    try {
      const run = await runSftp(server.port, { user: 'u' }, ['put -p old.txt old.txt'], { cwd: local });
      expect(run.code, run.stderr).toBe(0);
      expect((await stat(path.join(dir, 'old.txt'))).mtimeMs).toBeGreaterThan(old.getTime() + 86_400_000);
      const md5 = await sshExec(server.port, 'md5sum /old.txt');
      expect(md5.code).not.toBe(0);
      expect(md5.stdout).toBe('');
    } finally {
      await server.stop();
    }
    // Without the flags the time is kept and md5sum answers.
    const plain = await startCliServer(dir, ['--no-auth']);
    try {
      const run = await runSftp(plain.port, { user: 'u' }, ['put -p old.txt kept.txt'], { cwd: local });
      expect(run.code, run.stderr).toBe(0);
      expect((await stat(path.join(dir, 'kept.txt'))).mtimeMs).toBe(old.getTime());
      const md5 = await sshExec(plain.port, 'md5sum /kept.txt');
      expect(md5).toMatchObject({ code: 0, stdout: '149603e6c03516362a8da23f624db945  /kept.txt\n' });
    } finally {
      await plain.stop();
    }
  });
});

/** `ssh -p PORT u@127.0.0.1 COMMAND` against a --no-auth server. */
async function sshExec(port: number, command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('ssh', [
      '-p', String(port), '-F', '/dev/null', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'LogLevel=ERROR', '-o', 'BatchMode=yes', 'u@127.0.0.1', command,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/wharf.cjs', () => {
  const oldNode = '/usr/bin/node';

  it('re-runs itself with the project Node when started by an older Node', async () => {
    if (!existsSync(oldNode)) return; // the machine's Node is the only one: nothing to re-exec from
    const run = await runCliCommand(['--version'], { viaShim: oldNode });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wharf \d+\.\d+\.\d+\n$/);
  });

  it('forwards SIGTERM to the served CLI and exits with its code', async () => {
    if (!existsSync(oldNode)) return;
    const server = await startCliServer(share, ['--no-auth'], { viaShim: oldNode });
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    // The child (the real server) is gone too: its port is free.
    const again = await startCliServer(share, ['--no-auth', '--addr', `127.0.0.1:${server.port}`]);
    await again.stop();
  });

  it('maps usage errors to the same exit code through the shim', async () => {
    const run = await runCliCommand(['serve', 'sftp', share, '--bogus'], { viaShim: process.execPath });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown flag: --bogus');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
