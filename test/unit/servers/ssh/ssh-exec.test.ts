// Exec commands over a real SSH connection: what rclone's sftp backend runs (shell detection,
// checksums, df) answered from the VFS, everything else refused without running a shell.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticAuthenticator } from '../../../../src-main/servers/auth/index.js';
import { connect, exec, startTestServer } from './ssh-test-kit.js';
import type { SshClient, TestServer } from './ssh-test-kit.js';

const CONTENT = Buffer.from('hello wharf\n'.repeat(1000));

describe('ssh exec commands', () => {
  let srv: TestServer;
  let client: SshClient;

  beforeAll(async () => {
    srv = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
    });
    await mkdir(path.join(srv.root, 'dir with space'));
    await writeFile(path.join(srv.root, 'dir with space', "it's $weird \"name\".txt"), CONTENT);
    await writeFile(path.join(srv.root, 'plain.txt'), CONTENT);
    client = await connect(srv.port, { username: 'alice', password: 'pw' });
  });

  afterAll(async () => {
    client?.end();
    await srv?.close();
  });

  it('answers rclone shell detection as a POSIX shell would', async () => {
    const r = await exec(client, 'echo ${ShellId}%ComSpec%');
    expect(r).toEqual({ stdout: '%ComSpec%\n', stderr: '', code: 0 });
  });

  it('md5sum of a file equals node:crypto, with coreutils formatting', async () => {
    const r = await exec(client, 'md5sum /plain.txt');
    const expected = createHash('md5').update(CONTENT).digest('hex');
    expect(r).toEqual({ stdout: `${expected}  /plain.txt\n`, stderr: '', code: 0 });
  });

  it('sha1sum and sha256sum of a path quoted the way rclone quotes it', async () => {
    // rclone backslash-escapes every byte outside [A-Za-z0-9_.,:/@-] for a unix shell.
    const escaped = "/dir\\ with\\ space/it\\'s\\ \\$weird\\ \\\"name\\\".txt";
    const name = "/dir with space/it's $weird \"name\".txt";
    const sha1 = createHash('sha1').update(CONTENT).digest('hex');
    const sha256 = createHash('sha256').update(CONTENT).digest('hex');
    expect(await exec(client, `sha1sum ${escaped}`)).toEqual({ stdout: `${sha1}  ${name}\n`, stderr: '', code: 0 });
    expect(await exec(client, `sha256sum '/dir with space/it'\\''s $weird "name".txt'`)).toEqual({
      stdout: `${sha256}  ${name}\n`,
      stderr: '',
      code: 0,
    });
  });

  it('hashes empty input when no file is given (rclone probes this way)', async () => {
    expect((await exec(client, 'md5sum')).stdout).toBe('d41d8cd98f00b204e9800998ecf8427e  -\n');
    expect((await exec(client, 'sha1sum')).stdout).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709  -\n');
  });

  it('reports a missing file and a directory like coreutils, with exit status 1', async () => {
    const missing = await exec(client, 'md5sum /nope.txt');
    expect(missing).toEqual({ stdout: '', stderr: 'md5sum: /nope.txt: No such file or directory\n', code: 1 });
    const dir = await exec(client, 'md5sum /dir\\ with\\ space');
    expect(dir.code).toBe(1);
    expect(dir.stderr).toBe('md5sum: /dir with space: Is a directory\n');
  });

  it('never leaks the local folder in any answer', async () => {
    for (const cmd of ['md5sum /../../etc/passwd', 'df -k /nope', 'sha1sum /plain.txt/x']) {
      const r = await exec(client, cmd);
      expect(r.stdout + r.stderr).not.toContain(srv.root);
    }
  });

  it('df -k prints POSIX output from statfs that rclone can parse', async () => {
    const r = await exec(client, 'df -k /');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Filesystem\s+1024-blocks\s+Used\s+Available\s+Capacity\s+Mounted on$/);
    const fields = (lines[1] ?? '').split(/\s+/);
    expect(fields).toHaveLength(6);
    const fs = await srv.vfs.statfs('/');
    const kib = (blocks: number) => Math.floor((blocks * fs.fragmentSize) / 1024);
    expect(Number(fields[1])).toBe(kib(fs.blocks));
    // Free space moves while other tests write to the same disk: allow 64 MiB of drift, far less
    // than any unit or field mix-up would produce.
    expect(Math.abs(Number(fields[3]) - kib(fs.blocksAvail))).toBeLessThan(64 * 1024);
    expect(fields[4]).toMatch(/^\d+%$/);
  });

  it('refuses unsupported commands with 127 and a clear message, never running a shell', async () => {
    const r = await exec(client, 'rm -rf /');
    expect(r).toEqual({
      stdout: '',
      stderr: expect.stringContaining('wharf: command not supported: rm') as unknown as string,
      code: 127,
    });
    expect(await exec(client, 'ls')).toMatchObject({ code: 127 });
  });

  it('refuses shell syntax it cannot honour without a shell', async () => {
    for (const cmd of ['echo a | md5sum', 'echo $(id)', 'echo `id`', 'md5sum /plain.txt; rm x', "echo 'unterminated"]) {
      const r = await exec(client, cmd);
      expect(r.code, cmd).toBe(2);
      expect(r.stderr, cmd).toMatch(/^wharf: /);
      expect(r.stdout, cmd).toBe('');
    }
  });

  it('keeps the connection usable after every kind of exec', async () => {
    const r = await exec(client, 'echo still here');
    expect(r.stdout).toBe('still here\n');
  });

  it('refuses checksums, even the bare probe, on a share with checksums disabled', async () => {
    const off = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
      vfsOptions: { noChecksum: true },
    });
    try {
      await writeFile(path.join(off.root, 'f.txt'), 'x');
      const c = await connect(off.port, { username: 'alice', password: 'pw' });
      expect(await exec(c, 'md5sum')).toEqual({ stdout: '', stderr: 'md5sum: checksums are disabled on this share\n', code: 1 });
      expect((await exec(c, 'sha1sum /f.txt')).code).toBe(1);
      expect((await exec(c, 'df -k /')).code).toBe(0);
      c.end();
    } finally {
      await off.close();
    }
  });
});
