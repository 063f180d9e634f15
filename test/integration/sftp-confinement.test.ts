// Nothing outside the shared folder is reachable through the real client: `..` climbs, symlinks in
// the share that lead outside, links the client tries to create, and Windows-style backslashes.
import { lstat, mkdir, readdir, readFile, readlink, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCli, startCliServer, tempDir } from '../helpers/cli-server.js';
import type { CliServer } from '../helpers/cli-server.js';
import { makeClientKey, runSftp } from '../helpers/openssh-client.js';
import type { SftpLogin, SftpRun } from '../helpers/openssh-client.js';

const SECRET = 'top secret, outside the share\n';

let parent: string;
let share: string;
let outside: string;
let local: string;
let server: CliServer;
let login: SftpLogin;

const sftp = (...commands: string[]): Promise<SftpRun> => runSftp(server.port, login, commands, { cwd: local });

/** No message the client sees may name a local path. */
function expectNoLocalPaths(run: SftpRun): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toContain(parent);
    expect(text).not.toContain(outside);
  }
}

beforeAll(async () => {
  parent = await realpath(await tempDir('confine'));
  share = path.join(parent, 'share');
  // A sibling whose name starts like the share's: a bare startsWith(root) check would let it in.
  outside = path.join(parent, 'share-secret');
  await mkdir(share);
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), SECRET);
  await writeFile(path.join(share, 'inside.txt'), 'inside\n');
  await symlink(outside, path.join(share, 'to-outside-dir'));
  await symlink(path.join(outside, 'secret.txt'), path.join(share, 'to-outside-file'));
  await symlink('../share-secret/secret.txt', path.join(share, 'relative-escape'));
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

describe('confinement through OpenSSH sftp', () => {
  it('`..` cannot climb above the share root', async () => {
    for (const remote of ['../../../etc/passwd', '../share-secret/secret.txt', '/../share-secret/secret.txt']) {
      const run = await sftp(`get ${remote} got.txt`);
      expect(run.code, remote).not.toBe(0);
      expectNoLocalPaths(run);
      await expect(stat(path.join(local, 'got.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    // And the root's parent is the root itself.
    const up = await sftp('cd ..', 'pwd', 'ls -1');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/Remote working directory: \/$/m);
    expect(up.stdout).toContain('inside.txt');
    expect(up.stdout).not.toContain('secret');
  });

  it('symlinks in the share that lead outside cannot be read, listed or written through', async () => {
    for (const remote of ['to-outside-file', 'relative-escape', 'to-outside-dir/secret.txt']) {
      const run = await sftp(`get ${remote} leaked.txt`);
      expect(run.code, remote).not.toBe(0);
      expectNoLocalPaths(run);
      await expect(stat(path.join(local, 'leaked.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    // The link itself is an entry of the share (ls may show its name); what it leads to is not.
    const ls = await sftp('-ls -1 to-outside-dir', '-ls -1 to-outside-dir/', '-cd to-outside-dir', 'pwd');
    expect(ls.stdout).not.toContain('secret.txt');
    expect(ls.stdout).toMatch(/Remote working directory: \/$/m);
    expectNoLocalPaths(ls);

    await writeFile(path.join(local, 'planted.txt'), 'planted');
    const put = await sftp('put planted.txt to-outside-dir/planted.txt');
    expect(put.code).not.toBe(0);
    const overwrite = await sftp('put planted.txt to-outside-file');
    expect(overwrite.code).not.toBe(0);
    const mk = await sftp('mkdir to-outside-dir/newdir');
    expect(mk.code).not.toBe(0);
    expect((await readdir(outside)).sort()).toEqual(['secret.txt']);
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
  });

  it('links created by the client can never point outside the share', async () => {
    // A relative target that climbs out is refused outright.
    const climb = await sftp('ln -s ../../../etc/passwd climb');
    expect(climb.code).not.toBe(0);
    await expect(lstat(path.join(share, 'climb'))).rejects.toMatchObject({ code: 'ENOENT' });
    const sibling = await sftp('ln -s ../share-secret/secret.txt sibling');
    expect(sibling.code).not.toBe(0);
    await expect(lstat(path.join(share, 'sibling'))).rejects.toMatchObject({ code: 'ENOENT' });

    // An absolute target names a path in the client's view of the share, never the server's /etc:
    // whether refused or created, the link must not lead to the real /etc/passwd.
    await sftp('ln -s /etc/passwd abs');
    const made = await lstat(path.join(share, 'abs')).catch(() => undefined);
    if (made) {
      const text = await readlink(path.join(share, 'abs'));
      expect(path.isAbsolute(text), text).toBe(false);
      expect(path.resolve(share, text).startsWith(`${share}${path.sep}`)).toBe(true);
    }
    const get = await sftp('get abs abs.txt');
    expect(get.code).not.toBe(0);
    await expect(stat(path.join(local, 'abs.txt'))).rejects.toMatchObject({ code: 'ENOENT' });

    // A hard link to a file outside cannot be made either (the source is resolved in the share).
    const hard = await sftp('ln to-outside-file hard');
    expect(hard.code).not.toBe(0);
    await expect(lstat(path.join(share, 'hard'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('backslashes are path separators, and cannot climb out either', async () => {
    await mkdir(path.join(share, 'sub'), { recursive: true });
    await writeFile(path.join(local, 'bs.txt'), 'backslash');
    // sftp's own parser turns "\\\\" into one backslash on the wire.
    const put = await sftp('put bs.txt sub\\\\bs.txt');
    expect(put.code, put.stderr).toBe(0);
    expect(await readFile(path.join(share, 'sub', 'bs.txt'), 'utf8')).toBe('backslash');
    const climb = await sftp('get ..\\\\..\\\\..\\\\etc\\\\passwd passwd.txt');
    expect(climb.code).not.toBe(0);
    expectNoLocalPaths(climb);
    await expect(stat(path.join(local, 'passwd.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    const sibling = await sftp('get ..\\\\share-secret\\\\secret.txt s.txt');
    expect(sibling.code).not.toBe(0);
    await expect(stat(path.join(local, 's.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
