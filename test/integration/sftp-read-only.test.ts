// `wharf serve sftp --read-only` with OpenSSH's client: downloads work, every change is refused and
// the disk stays exactly as it was.
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCli, startCliServer, tempDir } from '../helpers/cli-server.js';
import type { CliServer } from '../helpers/cli-server.js';
import { makeClientKey, runSftp } from '../helpers/openssh-client.js';
import type { SftpLogin } from '../helpers/openssh-client.js';
import { withSsh2Sftp } from '../helpers/ssh2-sftp-client.js';

let share: string;
let local: string;
let server: CliServer;
let login: SftpLogin;

async function snapshot(): Promise<string[]> {
  const names = (await readdir(share, { recursive: true })).sort();
  return Promise.all(
    names.map(async (n) => {
      const s = await stat(path.join(share, n));
      return `${n} ${s.isDirectory() ? 'dir' : s.size} ${(s.mode & 0o777).toString(8)} ${s.mtimeMs}`;
    }),
  );
}

beforeAll(async () => {
  share = await tempDir('share');
  local = await tempDir('local');
  await writeFile(path.join(share, 'keep.txt'), 'keep me\n');
  await mkdir(path.join(share, 'dir'));
  await writeFile(path.join(share, 'dir', 'inner.txt'), 'inner\n');
  await writeFile(path.join(local, 'new.txt'), 'new\n');
  const keys = await tempDir('keys');
  const key = await makeClientKey(keys);
  await writeFile(path.join(keys, 'authorized_keys'), await readFile(`${key}.pub`));
  server = await startCliServer(share, ['--read-only', '--authorized-keys', path.join(keys, 'authorized_keys')]);
  login = { user: 'reader', key };
});

afterAll(async () => {
  if (server) expect((await server.stop()).code).toBe(0);
  await cleanupCli();
});

describe('--read-only', () => {
  it('serves downloads and listings', async () => {
    const run = await runSftp(server.port, login, ['get keep.txt', 'ls -1 dir'], { cwd: local });
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(path.join(local, 'keep.txt'), 'utf8')).toBe('keep me\n');
    expect(run.stdout).toContain('inner.txt');
  });

  it.each([
    ['put', 'put new.txt new.txt'],
    ['put over an existing file', 'put new.txt keep.txt'],
    ['rm', 'rm keep.txt'],
    ['mkdir', 'mkdir made'],
    ['rmdir', 'rmdir dir'],
    ['rename', 'rename keep.txt moved.txt'],
    ['chmod', 'chmod 600 keep.txt'],
    ['ln -s', 'ln -s keep.txt link'],
    ['ln', 'ln keep.txt hard'],
    ['cp', 'cp keep.txt copy.txt'],
  ])('refuses %s and changes nothing', async (_what, command) => {
    const before = await snapshot();
    const run = await runSftp(server.port, login, [command], { cwd: local });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/[Pp]ermission denied|Read-only/);
    expect(await snapshot()).toEqual(before);
  });

  it('reports the file system as read-only (statvfs@openssh.com f_flag ST_RDONLY)', async () => {
    const fs = await withSsh2Sftp({ port: server.port, user: 'reader', keyFile: login.key }, (sftp) =>
      new Promise<{ f_flag: number; f_blocks: number }>((resolve, reject) =>
        sftp.ext_openssh_statvfs('/', (err: Error | undefined, info: { f_flag: number; f_blocks: number }) =>
          err ? reject(err) : resolve(info),
        ),
      ),
    );
    expect(fs.f_blocks).toBeGreaterThan(0);
    expect(fs.f_flag & 1).toBe(1);
  });
});
