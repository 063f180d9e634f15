// OpenSSH's own `sftp` client against our protocol layer: uploads (with -p and resume), downloads,
// ls -l, mkdir, rename, `ln -s` (OpenSSH's reversed SYMLINK order), `ln` (hardlink@openssh.com),
// chmod, df (statvfs@openssh.com) and rm.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { lstat, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSftpHarness } from '../../../helpers/sftp-harness.js';
import type { SftpHarness } from '../../../helpers/sftp-harness.js';

let h: SftpHarness;
let work: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  h = await startSftpHarness();
  work = await mkdtemp(path.join(os.tmpdir(), 'wharf-openssh-'));
});

afterAll(async () => {
  for (const child of children) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  await h?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs `sftp -b` with a password through sshpass; BatchMode=no must come first to allow it. */
function runSftp(batch: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'sshpass',
      [
        '-p', 'secret', 'sftp', '-P', String(h.port),
        '-o', 'BatchMode=no',
        '-o', 'StrictHostKeyChecking=no',
        '-o', 'UserKnownHostsFile=/dev/null',
        '-o', 'Ciphers=aes128-gcm@openssh.com',
        '-b', batch,
        'tester@127.0.0.1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.add(child);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, out });
    });
  });
}

it('works with OpenSSH sftp end to end', async () => {
  const payload = Buffer.alloc(1_500_000);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 13) % 256;
  await writeFile(path.join(work, 'up.bin'), payload);
  await writeFile(path.join(work, 'resume.bin'), payload);
  // Half of resume.bin is already on the server: reput must append the rest to it.
  await writeFile(path.join(h.root, 'resume.bin'), payload.subarray(0, 600_000));
  const batch = path.join(work, 'batch');
  await writeFile(
    batch,
    [
      `put -p ${path.join(work, 'up.bin')} up.bin`,
      `reput ${path.join(work, 'resume.bin')} resume.bin`,
      `get up.bin ${path.join(work, 'down.bin')}`,
      'mkdir dir',
      'rename up.bin dir/moved.bin',
      'ln -s moved.bin dir/sym',
      'ln dir/moved.bin hard.bin',
      'chmod 600 hard.bin',
      'ls -l dir',
      'df',
      'rm resume.bin',
      'pwd',
    ].join('\n'),
  );
  const { code, out } = await runSftp(batch);
  expect(out).not.toContain(h.root);
  expect(code, out).toBe(0);
  expect((await readFile(path.join(work, 'down.bin'))).equals(payload)).toBe(true);
  expect((await readFile(path.join(h.root, 'dir/moved.bin'))).equals(payload)).toBe(true);
  // put -p carried the local modification time over (SETSTAT/FSETSTAT).
  const [localStat, remoteStat] = await Promise.all([stat(path.join(work, 'up.bin')), stat(path.join(h.root, 'dir/moved.bin'))]);
  expect(Math.floor(remoteStat.mtimeMs / 1000)).toBe(Math.floor(localStat.mtimeMs / 1000));
  // `ln -s moved.bin dir/sym` made dir/sym -> moved.bin (not the reverse).
  expect((await lstat(path.join(h.root, 'dir/sym'))).isSymbolicLink()).toBe(true);
  expect(await readlink(path.join(h.root, 'dir/sym'))).toBe('moved.bin');
  const hard = await stat(path.join(h.root, 'hard.bin'));
  expect(hard.ino).toBe(remoteStat.ino);
  expect(hard.mode & 0o777).toBe(0o600);
  expect(out).toMatch(/moved\.bin/);
  expect(out).toMatch(/Size\s+Used\s+Avail/);
  expect(out).toContain('Remote working directory: /');
  await expect(stat(path.join(h.root, 'resume.bin'))).rejects.toThrow();
}, 30_000);

it('scp in SFTP mode copies both ways and exits 0 (the subsystem reports its exit status)', async () => {
  await writeFile(path.join(work, 'scp.txt'), 'scp payload');
  const scp = (...args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(
        'sshpass',
        ['-p', 'secret', 'scp', '-s', '-q', '-P', String(h.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'Ciphers=aes128-gcm@openssh.com', ...args],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.add(child);
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => {
        children.delete(child);
        resolve({ code, out });
      });
    });
  const up = await scp(path.join(work, 'scp.txt'), 'tester@127.0.0.1:~/scp-up.txt');
  expect(up.code, up.out).toBe(0);
  expect(await readFile(path.join(h.root, 'scp-up.txt'), 'utf8')).toBe('scp payload');
  const down = await scp('tester@127.0.0.1:scp-up.txt', path.join(work, 'scp-down.txt'));
  expect(down.code, down.out).toBe(0);
  expect(await readFile(path.join(work, 'scp-down.txt'), 'utf8')).toBe('scp payload');
}, 30_000);

it('resumes an upload without truncating what is there (reput)', async () => {
  const payload = Buffer.alloc(800_000, 0x41);
  payload.write('TAIL', payload.length - 4);
  await writeFile(path.join(work, 'r2.bin'), payload);
  await writeFile(path.join(h.root, 'r2.bin'), payload.subarray(0, 300_000));
  const batch = path.join(work, 'batch2');
  await writeFile(batch, `reput ${path.join(work, 'r2.bin')} r2.bin\n`);
  const { code, out } = await runSftp(batch);
  expect(code, out).toBe(0);
  expect((await readFile(path.join(h.root, 'r2.bin'))).equals(payload)).toBe(true);
}, 30_000);
