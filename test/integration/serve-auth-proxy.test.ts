// `--auth-proxy PROG` through both built serve commands, with real clients (OpenSSH sftp, curl,
// ftplib): a tiny proxy gives each user their own root, a wrong password and an answer that is not
// JSON are denied while others keep being served, each answer gets its own cache folder, and the
// flag rules (PATH left out; --authorized-keys ignored with a warning; --no-auth refused).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCli, runCliCommand, tempDir } from '../helpers/cli-server.js';
import { python, run } from '../helpers/ftp-clients.js';
import { runSftp } from '../helpers/openssh-client.js';
import { writeScript } from '../unit/servers/auth/auth-test-kit.js';
import { killServes, startServe, waitFor } from './serve-kit.js';

let base: string;
let rootA: string;
let rootB: string;
let proxy: string;

beforeAll(async () => {
  base = await tempDir('proxy');
  rootA = path.join(base, 'anna');
  rootB = path.join(base, 'ben');
  await mkdir(rootA);
  await mkdir(rootB);
  await writeFile(path.join(rootA, 'anna.txt'), 'for anna');
  await writeFile(path.join(rootB, 'ben.txt'), 'for ben');
  const users = { anna: ['anna-pw', rootA], ben: ['ben-pw', rootB] };
  proxy = await writeScript(base, 'proxy.py', `#!/usr/bin/env python3
import json, sys
req = json.load(sys.stdin)
if req.get("user") == "garbage":
    print("this is { not json")
    sys.exit(0)
users = ${JSON.stringify(users)}
u = users.get(req.get("user"))
if u is None or req.get("pass") != u[0]:
    sys.exit(1)
print(json.dumps({"type": "local", "_root": u[1]}))
`);
});

afterAll(async () => {
  killServes();
  await cleanupCli();
});

const sftpAs = (port: number, user: string, password: string, commands: readonly string[], cwd?: string) =>
  runSftp(port, { user, password }, commands, { cwd });

describe.concurrent('--auth-proxy', () => {
  it('serve sftp: each user gets their own root; a wrong password and a garbage answer are denied', async () => {
    const cache = await tempDir('proxy-cache');
    const srv = await startServe('sftp', undefined, ['--auth-proxy', proxy, '--vfs-cache-mode', 'writes', '--vfs-write-back', '0s', '--cache-dir', cache]);
    try {
      const local = await tempDir('proxy-local');
      await writeFile(path.join(local, 'up.txt'), 'uploaded by anna');
      const [anna, ben] = await Promise.all([
        sftpAs(srv.port, 'anna', 'anna-pw', ['ls -1', 'put up.txt'], local),
        sftpAs(srv.port, 'ben', 'ben-pw', ['ls -1']),
      ]);
      expect(anna.code, anna.stderr).toBe(0);
      expect(anna.stdout.split('\n')).toContain('anna.txt');
      expect(anna.stdout).not.toContain('ben.txt');
      expect(ben.code, ben.stderr).toBe(0);
      expect(ben.stdout.split('\n')).toContain('ben.txt');
      expect(ben.stdout).not.toContain('anna.txt');
      // Written through the cache (write-back 0s) into anna's root only.
      expect(await waitFor(async () => (await readFile(path.join(rootA, 'up.txt'), 'utf8').catch(() => '')) === 'uploaded by anna', 5_000)).toBe(true);
      // Two answers, two cache folders: their locks never collide.
      expect((await readdir(path.join(cache, 'vfs'))).filter((n) => n.startsWith('proxy-local-')).length).toBe(2);

      const [wrong, garbage] = await Promise.all([sftpAs(srv.port, 'anna', 'nope', ['ls']), sftpAs(srv.port, 'garbage', 'x', ['ls'])]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/Permission denied/);
      expect(garbage.code).not.toBe(0);
      expect(garbage.stderr).toMatch(/Permission denied/);
      // The server keeps serving the others.
      expect((await sftpAs(srv.port, 'ben', 'ben-pw', ['ls -1'])).stdout).toContain('ben.txt');
      expect(srv.stderr()).toMatch(/auth proxy: denied user="garbage".*not valid JSON/);
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
  });

  it('serve ftp: each user gets their own root; a wrong password and a garbage answer get 530', async () => {
    const srv = await startServe('ftp', undefined, ['--auth-proxy', proxy, '--passive-port', '0']);
    try {
      const anna = await run('curl', ['-sS', `ftp://anna:anna-pw@127.0.0.1:${srv.port}/anna.txt`]);
      expect(anna.stdout, anna.stderr).toBe('for anna');
      const benList = await run('curl', ['-sS', '--list-only', `ftp://ben:ben-pw@127.0.0.1:${srv.port}/`]);
      expect(benList.stdout.split(/\r?\n/)).toContain('ben.txt');
      expect(benList.stdout).not.toContain('anna.txt');
      const login = (user: string, pass: string) =>
        python<string>({ host: '127.0.0.1', port: srv.port, user, pass }, 'f = connect(login=False)\nout(err(f.login, USER, PASS))\n');
      const [right, wrong, garbage] = await Promise.all([login('ben', 'ben-pw'), login('ben', 'anna-pw'), login('garbage', 'x')]);
      expect(right).toMatch(/^OK 230/);
      expect(wrong).toMatch(/^530/);
      expect(garbage).toMatch(/^530/);
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
  });

  it('ignores --authorized-keys with a warning, as rclone does', async () => {
    const keys = path.join(base, 'authorized_keys');
    await writeFile(keys, '');
    const srv = await startServe('sftp', undefined, ['--auth-proxy', proxy, '--authorized-keys', keys]);
    try {
      expect(srv.stderr()).toMatch(/--authorized-keys is ignored with --auth-proxy/);
      expect((await sftpAs(srv.port, 'anna', 'anna-pw', ['ls -1'])).stdout).toContain('anna.txt');
    } finally {
      await srv.stop();
    }
  });

  it('refuses PATH, --no-auth and a missing program with exit code 2', async () => {
    const cases: [readonly string[], RegExp][] = [
      [['serve', 'sftp', rootA, '--auth-proxy', proxy], /PATH must be left out with --auth-proxy/],
      [['serve', 'ftp', rootA, '--auth-proxy', proxy], /PATH must be left out with --auth-proxy/],
      [['serve', 'sftp', '--auth-proxy', proxy, '--no-auth', '--addr', '127.0.0.1:0'], /--no-auth and --auth-proxy cannot be used together/],
      [['serve', 'ftp', '--auth-proxy', path.join(base, 'missing.py'), '--addr', '127.0.0.1:0'], /--auth-proxy: cannot run .*missing\.py: no such file/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCliCommand(args)));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(cases[i]?.[1] ?? /never/);
    });
  });
});
