// Logging in to the real `wharf serve sftp` with OpenSSH's client: keys, passwords, refusals, and the
// host key clients pin (stable across restarts, the same fingerprint ssh-keygen prints).
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCli, startCliServer, tempDir } from '../helpers/cli-server.js';
import type { CliServer } from '../helpers/cli-server.js';
import { makeClientKey, runSftp, sshKeygenFingerprint } from '../helpers/openssh-client.js';

let share: string;
let keys: string;
let authorizedKey: string;
let strangerKey: string;
let authorizedKeysFile: string;

beforeAll(async () => {
  share = await tempDir('share');
  keys = await tempDir('keys');
  authorizedKey = await makeClientKey(keys, 'allowed');
  strangerKey = await makeClientKey(keys, 'stranger');
  authorizedKeysFile = path.join(keys, 'authorized_keys');
  // A comment and a broken line must not stop the good key from working.
  await writeFile(authorizedKeysFile, `# test keys\nssh-ed25519 not-base64!\n${await readFile(`${authorizedKey}.pub`, 'utf8')}`);
  await writeFile(path.join(share, 'hello.txt'), 'hello\n');
});

afterAll(async () => {
  await cleanupCli();
});

describe('with --user, --pass and --authorized-keys', () => {
  let server: CliServer;

  beforeAll(async () => {
    server = await startCliServer(share, ['--user', 'alice', '--pass', 'correct horse', '--authorized-keys', authorizedKeysFile]);
  });

  afterAll(async () => {
    expect((await server.stop()).code).toBe(0);
  });

  it('lets the user in with the password', async () => {
    const run = await runSftp(server.port, { user: 'alice', password: 'correct horse' }, ['ls -1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('hello.txt');
  });

  it('refuses a wrong password and a wrong user name', async () => {
    const wrongPass = await runSftp(server.port, { user: 'alice', password: 'battery staple' }, ['ls']);
    expect(wrongPass.code).not.toBe(0);
    expect(wrongPass.stderr).toMatch(/Permission denied/);
    expect(wrongPass.stdout).not.toContain('hello.txt');
    const wrongUser = await runSftp(server.port, { user: 'mallory', password: 'correct horse' }, ['ls']);
    expect(wrongUser.code).not.toBe(0);
    expect(wrongUser.stderr).toMatch(/Permission denied/);
  });

  it('lets the user in with an authorized key', async () => {
    const run = await runSftp(server.port, { user: 'alice', key: authorizedKey }, ['ls -1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('hello.txt');
  });

  it('refuses an authorized key for another user name (--user limits key logins too)', async () => {
    const run = await runSftp(server.port, { user: 'bob', key: authorizedKey }, ['ls']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Permission denied/);
  });

  it('refuses a key that is not in the file', async () => {
    const run = await runSftp(server.port, { user: 'alice', key: strangerKey }, ['ls']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Permission denied/);
  });
});

describe('with --authorized-keys alone', () => {
  it('lets any user name in with an authorized key, and nobody with a password', async () => {
    const server = await startCliServer(share, ['--authorized-keys', authorizedKeysFile]);
    try {
      for (const user of ['alice', 'someone-else']) {
        const run = await runSftp(server.port, { user, key: authorizedKey }, ['ls -1']);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain('hello.txt');
      }
      const pass = await runSftp(server.port, { user: 'alice', password: 'anything' }, ['ls']);
      expect(pass.code).not.toBe(0);
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });

  it('uses ~/.ssh/authorized_keys by default when it exists', async () => {
    const home = await tempDir('home');
    const ssh = path.join(home, '.ssh');
    await import('node:fs/promises').then((fs) => fs.mkdir(ssh, { mode: 0o700 }));
    await appendFile(path.join(ssh, 'authorized_keys'), await readFile(`${authorizedKey}.pub`));
    const server = await startCliServer(share, [], { home });
    try {
      const run = await runSftp(server.port, { user: 'anyone', key: authorizedKey }, ['ls -1']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('hello.txt');
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });
});

describe('--no-auth', () => {
  it('lets anyone in without credentials', async () => {
    const server = await startCliServer(share, ['--no-auth']);
    try {
      const run = await runSftp(server.port, { user: 'guest' }, ['ls -1'], {
        extraOptions: ['-o', 'PubkeyAuthentication=no', '-o', 'PasswordAuthentication=no'],
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('hello.txt');
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });
});

describe('host keys', () => {
  it('generates one ed25519 key, keeps it across restarts, and shows the fingerprint ssh-keygen prints', async () => {
    const configDir = await tempDir('config');
    const first = await startCliServer(share, ['--no-auth'], { configDir });
    expect(await first.stop(), first.stderr()).toEqual({ code: 0, signal: null });
    const second = await startCliServer(share, ['--no-auth'], { configDir });
    expect((await second.stop()).code).toBe(0);
    expect(first.fingerprints).toHaveLength(1);
    expect(second.fingerprints).toEqual(first.fingerprints);
    const keyFile = path.join(configDir, 'host-keys', 'ssh_host_ed25519_key');
    expect(first.fingerprints[0]).toBe(await sshKeygenFingerprint(keyFile));
  });

  it('serves the keys given with --key, and clients that pinned them connect with strict checking', async () => {
    const dir = await tempDir('hostkeys');
    const ed = await makeClientKey(dir, 'host_ed25519');
    const server = await startCliServer(share, ['--no-auth', '--key', ed]);
    try {
      expect(server.fingerprints).toEqual([await sshKeygenFingerprint(ed)]);
      // A known_hosts entry for exactly this key: the client refuses any other host key.
      const knownHosts = path.join(dir, 'known_hosts');
      await writeFile(knownHosts, `[127.0.0.1]:${server.port} ${(await readFile(`${ed}.pub`, 'utf8')).trim()}\n`);
      const run = await runSftp(server.port, { user: 'guest' }, ['ls -1'], {
        extraOptions: ['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`],
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('hello.txt');
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });
});
