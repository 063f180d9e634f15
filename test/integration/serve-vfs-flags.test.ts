// The VFS side of the built `wharf serve sftp|ftp` commands: every VFS flag in --help with its
// default, bad values refused (exit 2), the cache folder (default under the user's cache dir, one
// per served PATH, locked against a second instance), SIGTERM flushing uploads still waiting for
// their write-back, and PATH mistakes (unknown named remote; an unreachable remote, said without
// its password).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVE_LOGIN_LIMIT_OPTIONS, VFS_OPTIONS } from '../../src-shared/options/index.js';
import { obscure } from '../../src-main/vfs/index.js';
import { cleanupCli, runCliCommand, tempDir } from '../helpers/cli-server.js';
import { run } from '../helpers/ftp-clients.js';
import { runSftp } from '../helpers/openssh-client.js';
import { killServes, LOGIN, PASS, startServe, USER } from './serve-kit.js';

let share: string;

beforeAll(async () => {
  share = await tempDir('vfs-flags-share');
  await writeFile(path.join(share, 'hello.txt'), 'hello');
});

afterAll(async () => {
  killServes();
  await cleanupCli();
});

describe.concurrent('serve flags for the VFS', () => {
  it('--help of both commands lists every VFS and lockout flag with its default', async () => {
    const [sftp, ftp] = await Promise.all([runCliCommand(['serve', 'sftp', '--help']), runCliCommand(['serve', 'ftp', '--help'])]);
    for (const help of [sftp, ftp]) {
      expect(help.code).toBe(0);
      for (const spec of [...VFS_OPTIONS, ...SERVE_LOGIN_LIMIT_OPTIONS]) expect(help.stdout).toContain(`--${spec.name}`);
      expect(help.stdout).toContain('--auth-proxy PROG');
      expect(help.stdout).toMatch(/--vfs-cache-mode MODE\s+Cache mode off\|minimal\|writes\|full[^(]*\(default off\)/);
      expect(help.stdout).toMatch(/--dir-cache-time duration\s+[^(]*\(default 5m\)/);
      expect(help.stdout).toMatch(/--vfs-write-back duration\s+[^(]*\(default 5s\)/);
      expect(help.stdout).toMatch(/--max-login-failures int\s+[^(]*\(default 10\)/);
      expect(help.stdout).toMatch(/--login-ban-time duration\s+[^(]*\(default 15m\)/);
      expect(help.stdout).toMatch(/\(default:\s+the user's cache folder for Wharf\)/);
    }
  });

  it('refuses a value that cannot work, naming the flag (exit 2; every case: test/unit/core/sftp-serve-source.test.ts)', async () => {
    const [sftp, ftp] = await Promise.all([
      runCliCommand(['serve', 'sftp', share, '--no-auth', '--vfs-cache-mode', 'sometimes']),
      runCliCommand(['serve', 'ftp', share, '--vfs-write-back', 'off']),
    ]);
    expect(sftp.code).toBe(2);
    expect(sftp.stderr).toMatch(/invalid value for --vfs-cache-mode: "sometimes"/);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toMatch(/--vfs-write-back needs a duration/);
  });

  it('keeps the cache under the user cache dir, one folder per PATH, locked against a second instance', async () => {
    const home = await tempDir('home');
    const other = await tempDir('vfs-flags-other');
    const first = await startServe('sftp', share, [...LOGIN, '--vfs-cache-mode', 'writes'], { home });
    const second = await startServe('ftp', other, ['--vfs-cache-mode', 'writes', '--passive-port', '0'], { home });
    try {
      const folders = await readdir(path.join(home, '.cache', 'wharf', 'vfs'));
      expect(folders.filter((n) => n.startsWith('local-')).sort()).toEqual(
        [expect.stringMatching(/^local-wharf-vfs-flags-other-/), expect.stringMatching(/^local-wharf-vfs-flags-share-/)],
      );
      // The same PATH and cache dir while the first runs: refused before serving anything.
      const cacheDir = path.join(home, '.cache', 'wharf');
      const clash = await runCliCommand(['serve', 'ftp', share, '--vfs-cache-mode', 'full', '--cache-dir', cacheDir, '--addr', '127.0.0.1:0']);
      expect(clash.code).toBe(2);
      expect(clash.stderr).toMatch(new RegExp(`--cache-dir: the cache folder .* is in use by another Wharf \\(pid ${first.pid} `));
      // Mode off keeps no cache at all, so it never clashes.
      expect((await readdir(cacheDir)).length).toBe(1);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('SIGTERM uploads what is still waiting for its write-back before exiting (sftp and ftp)', async () => {
    const dir = await tempDir('flush-share');
    const local = await tempDir('flush-local');
    await writeFile(path.join(local, 'pending.txt'), 'flushed at stop');
    const cache = await tempDir('flush-cache');
    // One cache dir for both: different PATHs get different cache folders inside it.
    const args = ['--vfs-cache-mode', 'writes', '--vfs-write-back', '1h', '--cache-dir', cache];
    const ftpDir = path.join(dir, 'ftp');
    await mkdir(ftpDir);
    const [sftp, ftp] = await Promise.all([
      startServe('sftp', dir, [...LOGIN, ...args]),
      startServe('ftp', ftpDir, [...args, '--passive-port', '0']),
    ]);
    try {
      const put = await runSftp(sftp.port, { user: USER, password: PASS }, ['put pending.txt'], { cwd: local });
      expect(put.code, put.stderr).toBe(0);
      const up = await run('curl', ['-sS', '-T', path.join(local, 'pending.txt'), `ftp://anonymous:x@127.0.0.1:${ftp.port}/`]);
      expect(up.code, up.stderr).toBe(0);
      // Write-back is an hour away: the data has not reached the folders yet.
      const content = (file: string) => readFile(file, 'utf8').catch(() => undefined);
      expect(await content(path.join(dir, 'pending.txt'))).not.toBe('flushed at stop');
      expect(await content(path.join(ftpDir, 'pending.txt'))).not.toBe('flushed at stop');
      const [sftpExit, ftpExit] = await Promise.all([sftp.stop('SIGTERM'), ftp.stop('SIGINT')]);
      expect(sftpExit.code).toBe(0);
      expect(ftpExit.code).toBe(0);
      expect(await readFile(path.join(dir, 'pending.txt'), 'utf8')).toBe('flushed at stop');
      expect(await readFile(path.join(ftpDir, 'pending.txt'), 'utf8')).toBe('flushed at stop');
    } finally {
      await Promise.all([sftp.stop('SIGKILL'), ftp.stop('SIGKILL')]);
    }
  });

  it('PATH: an unknown named remote is a usage error; an unreachable remote fails without showing its password', async () => {
    const unknown = await runCliCommand(['serve', 'sftp', 'work:projects', '--no-auth']);
    expect(unknown.code).toBe(2);
    // A fresh config dir: no settings file, so the message says where named remotes come from.
    expect(unknown.stderr).toMatch(/PATH: unknown remote "work": there is no settings file .*settings\.json \(the Remotes page of the Wharf app adds named remotes\); use a connection string/);
    const secret = 'very-secret-pw';
    const hidden = obscure(secret);
    const down = await runCliCommand(['serve', 'ftp', `:sftp,host=127.0.0.1,port=1,user=me,pass=${hidden}:/data`, '--addr', '127.0.0.1:0']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/PATH sftp:\/\/me@127\.0\.0\.1:1\/data: cannot connect/);
    expect(down.stderr).not.toContain(secret);
    expect(down.stderr).not.toContain(hidden);
    const bad = await runCliCommand(['serve', 'sftp', ':sftp,host=h,colour=blue:/x', '--no-auth']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/PATH: :sftp: unknown sftp option "colour"/);
  });
});
