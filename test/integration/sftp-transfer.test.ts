// OpenSSH's real `sftp` client against the real `wharf serve sftp` process: transfers (put, get,
// resume both ways, fsync), renames, links, copy-data, statvfs, listings and the usual file verbs.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readlink, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCli, startCliServer, tempDir } from '../helpers/cli-server.js';
import type { CliServer } from '../helpers/cli-server.js';
import { makeClientKey, runSftp } from '../helpers/openssh-client.js';
import type { SftpLogin } from '../helpers/openssh-client.js';
import { withSsh2Sftp } from '../helpers/ssh2-sftp-client.js';
import type { Ssh2Login } from '../helpers/ssh2-sftp-client.js';

let share: string;
let local: string;
let server: CliServer;
let login: SftpLogin;

const ssh2Login = (): Ssh2Login => ({ port: server.port, user: 'tester', keyFile: login.key });
const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Runs a batch that must succeed. */
async function sftpOk(...commands: string[]): Promise<string> {
  const run = await runSftp(server.port, login, commands, { cwd: local });
  expect(run.stderr, run.stdout).toBe('');
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  share = await tempDir('share');
  local = await tempDir('local');
  const keys = await tempDir('keys');
  const key = await makeClientKey(keys);
  await writeFile(path.join(keys, 'authorized_keys'), await readFile(`${key}.pub`));
  server = await startCliServer(share, ['--authorized-keys', path.join(keys, 'authorized_keys')]);
  login = { user: 'tester', key };
});

afterAll(async () => {
  if (server) expect((await server.stop()).code).toBe(0);
  await cleanupCli();
});

describe('transfers with OpenSSH sftp', () => {
  it('put and get keep every byte', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(path.join(local, 'up.bin'), data);
    await sftpOk('put up.bin up.bin', 'get up.bin down.bin');
    expect(sha(await readFile(path.join(share, 'up.bin')))).toBe(sha(data));
    expect(sha(await readFile(path.join(local, 'down.bin')))).toBe(sha(data));
  });

  it('reput resumes an interrupted upload: what the server holds is kept, the rest is sent', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 5);
    await writeFile(path.join(local, 'resume-up.bin'), data);
    // The server holds 700 KiB from a broken upload. They differ from the local bytes on purpose:
    // a client or server that restarted from zero (or truncated) would overwrite them.
    const held = Buffer.alloc(700 * 1024, 0x5a);
    await writeFile(path.join(share, 'resume-up.bin'), held);
    await sftpOk('reput resume-up.bin resume-up.bin');
    const expected = Buffer.concat([held, data.subarray(held.length)]);
    expect(sha(await readFile(path.join(share, 'resume-up.bin')))).toBe(sha(expected));
  });

  it('reget resumes an interrupted download: the local part is kept, the rest is fetched', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 9);
    await writeFile(path.join(share, 'resume-down.bin'), data);
    const held = Buffer.alloc(300 * 1024, 0xa5);
    await writeFile(path.join(local, 'resume-down.bin'), held);
    await sftpOk('reget resume-down.bin resume-down.bin');
    const expected = Buffer.concat([held, data.subarray(held.length)]);
    expect(sha(await readFile(path.join(local, 'resume-down.bin')))).toBe(sha(expected));
  });

  it('put -f asks the server to fsync (fsync@openssh.com) and succeeds', async () => {
    await writeFile(path.join(local, 'synced.txt'), 'durable\n');
    const run = await runSftp(server.port, login, ['put -f synced.txt synced.txt'], { cwd: local });
    expect(run.code).toBe(0);
    // sftp reports a missing extension on stderr but still exits 0: the empty stderr is the proof.
    expect(run.stderr).toBe('');
    expect(await readFile(path.join(share, 'synced.txt'), 'utf8')).toBe('durable\n');
  });

  it('cp copies on the server side (copy-data)', async () => {
    const data = randomBytes(600 * 1024);
    await writeFile(path.join(share, 'orig.bin'), data);
    await sftpOk('cp orig.bin copy.bin');
    expect(sha(await readFile(path.join(share, 'copy.bin')))).toBe(sha(data));
    expect(sha(await readFile(path.join(share, 'orig.bin')))).toBe(sha(data));
  });

  it('rename onto an existing file overwrites it (posix-rename@openssh.com)', async () => {
    await writeFile(path.join(share, 'r-src.txt'), 'new');
    await writeFile(path.join(share, 'r-dst.txt'), 'old');
    await sftpOk('rename r-src.txt r-dst.txt');
    expect(await readFile(path.join(share, 'r-dst.txt'), 'utf8')).toBe('new');
    await expect(stat(path.join(share, 'r-src.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a plain SFTPv3 RENAME onto an existing file fails and changes nothing', async () => {
    await writeFile(path.join(share, 'v3-src.txt'), 'src');
    await writeFile(path.join(share, 'v3-dst.txt'), 'dst');
    const rename = (from: string, to: string) =>
      withSsh2Sftp(ssh2Login(), (sftp) => new Promise<Error | null | undefined>((resolve) => sftp.rename(from, to, resolve)));
    const err = await rename('/v3-src.txt', '/v3-dst.txt');
    expect(err?.message).toBeTruthy();
    expect(await readFile(path.join(share, 'v3-src.txt'), 'utf8')).toBe('src');
    expect(await readFile(path.join(share, 'v3-dst.txt'), 'utf8')).toBe('dst');
    // The same client can rename onto a free name.
    const ok = await rename('/v3-src.txt', '/v3-new.txt');
    expect(ok).toBeFalsy();
    expect(await readFile(path.join(share, 'v3-new.txt'), 'utf8')).toBe('src');
  });

  it('ln makes a hard link and ln -s a symbolic link', async () => {
    await writeFile(path.join(share, 'target.txt'), 'linked');
    await sftpOk('ln target.txt hard.txt', 'ln -s target.txt soft.txt');
    const [t, h] = await Promise.all([stat(path.join(share, 'target.txt')), stat(path.join(share, 'hard.txt'))]);
    expect(h.ino).toBe(t.ino);
    expect(h.nlink).toBe(2);
    expect((await lstat(path.join(share, 'soft.txt'))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(share, 'soft.txt'))).toBe('target.txt');
    expect(await readFile(path.join(share, 'soft.txt'), 'utf8')).toBe('linked');
    // And the link reads through the server too.
    await sftpOk('get soft.txt via-link.txt');
    expect(await readFile(path.join(local, 'via-link.txt'), 'utf8')).toBe('linked');
  });

  it('df reports the size of the shared file system (statvfs@openssh.com)', async () => {
    const out = await sftpOk('df');
    const numbers = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s*$/m.exec(out);
    expect(numbers, out).not.toBeNull();
    const fs = await statfs(share);
    const expectedKiB = (fs.blocks * fs.bsize) / 1024;
    expect(Number(numbers?.[1])).toBeGreaterThan(expectedKiB * 0.99);
    expect(Number(numbers?.[1])).toBeLessThan(expectedKiB * 1.01);
  });

  it('ls ~ answers as OpenSSH does (the client sends "/~": not found) and the session goes on', async () => {
    await writeFile(path.join(share, 'home-marker.txt'), 'x');
    const run = await runSftp(server.port, login, ['-ls ~', 'pwd', 'ls -1'], { cwd: local });
    expect(run.code).toBe(0);
    expect(run.stderr.trim()).toBe('Can\'t ls: "/~" not found');
    expect(run.stdout).toMatch(/Remote working directory: \/$/m);
    expect(run.stdout).toContain('home-marker.txt');
  });

  it('~ paths from scp (SFTP mode) land in the share root: ~/x and ~user/x (expand-path@openssh.com)', async () => {
    await writeFile(path.join(local, 'tilde.txt'), 'tilde');
    const scp = (target: string) =>
      promisify(execFile)('scp', [
        '-s', '-q', '-P', String(server.port), '-F', '/dev/null', '-i', login.key ?? '',
        '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
        '-o', 'LogLevel=ERROR', path.join(local, 'tilde.txt'), `tester@127.0.0.1:${target}`,
      ]);
    await scp('~/tilde-1.txt');
    await scp('~tester/tilde-2.txt');
    expect(await readFile(path.join(share, 'tilde-1.txt'), 'utf8')).toBe('tilde');
    expect(await readFile(path.join(share, 'tilde-2.txt'), 'utf8')).toBe('tilde');
  });

  it('ls lists all 1,500 entries of a big folder', async () => {
    const big = path.join(share, 'big');
    await mkdir(big);
    const names = Array.from({ length: 1500 }, (_, i) => `entry-${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < names.length; i += 100) {
      await Promise.all(names.slice(i, i + 100).map((n) => writeFile(path.join(big, n), n)));
    }
    const out = await sftpOk('ls -1 big');
    const listed = new Set(out.split('\n').map((l) => l.trim().replace(/^big\//, '')).filter((l) => l.startsWith('entry-')));
    expect(listed.size).toBe(1500);
    for (const n of names) expect(listed.has(n), n).toBe(true);
  });

  it('mkdir, chmod, rm and rmdir change the disk', async () => {
    await writeFile(path.join(local, 'plain.txt'), 'plain');
    await sftpOk('mkdir made', 'put plain.txt made/plain.txt', 'chmod 640 made/plain.txt');
    expect((await stat(path.join(share, 'made'))).isDirectory()).toBe(true);
    expect((await stat(path.join(share, 'made/plain.txt'))).mode & 0o777).toBe(0o640);
    // rmdir of a non-empty folder fails, the file survives.
    const busy = await runSftp(server.port, login, ['rmdir made'], { cwd: local });
    expect(busy.code).not.toBe(0);
    expect(await readFile(path.join(share, 'made/plain.txt'), 'utf8')).toBe('plain');
    await sftpOk('rm made/plain.txt', 'rmdir made');
    await expect(stat(path.join(share, 'made'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('answers a missing file with "No such file" and keeps the session usable', async () => {
    const run = await runSftp(server.port, login, ['-get nothing-here.txt', 'ls -1'], { cwd: local });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/not found|No such file/);
    expect(run.stdout).toContain('up.bin');
  });
});
