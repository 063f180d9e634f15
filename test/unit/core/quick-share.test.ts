// "Share folder over SFTP" through the real core: a share with a generated user and password, an
// SFTP server on a free port, a card whose URL, password and fingerprint work with OpenSSH's sftp.
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSftp, sshKeygenFingerprint } from '../../helpers/openssh-client.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';
import type { TestCore } from './core-test-kit.js';

const cores: TestCore[] = [];
const blockers: net.Server[] = [];

afterAll(async () => {
  await Promise.all(cores.map((c) => c.core.close()));
  await Promise.all(blockers.map((b) => new Promise((resolve) => b.close(resolve))));
  await removeTempDirs();
});

async function open(configDir?: string): Promise<TestCore> {
  const c = await openTestCore(configDir);
  cores.push(c);
  return c;
}

function portOf(url: string): number {
  return Number(/:(\d+)\/$/.exec(url)?.[1]);
}

describe('share folder over SFTP', () => {
  it('creates, starts and returns a card that OpenSSH can log in with', async () => {
    const { core, configDir, settingsFile } = await open();
    const folder = await tempDir('quick');
    await writeFile(path.join(folder, 'hello.txt'), 'hi there\n');

    const card = await core.quickShareSftp(folder);
    expect(card.protocol).toBe('sftp');
    expect(card.user).toBe('wharf');
    expect(card.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(card.urls[0]?.url).toMatch(/^sftp:\/\/wharf@127\.0\.0\.1:\d+\/$/);
    expect(card.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    // The fingerprint is the one ssh-keygen prints for the host key actually in use.
    expect(card.fingerprint).toBe(await sshKeygenFingerprint(path.join(configDir, 'host-keys', 'ssh_host_ed25519_key')));

    const port = portOf(card.urls[0]?.url ?? '');
    const run = await runSftp(port, { user: 'wharf', password: card.password ?? '' }, ['ls -1']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('hello.txt');

    const share = core.shares.get(card.shareId);
    expect(share.status.sftp).toMatchObject({ state: 'running', host: '127.0.0.1', port });
    expect(share.userCount).toBe(1);

    // Only the scrypt hash reaches the settings file.
    const saved = await readFile(settingsFile, 'utf8');
    expect(saved).not.toContain(card.password ?? '');
    expect(saved).toMatch(/\$scrypt\$ln=10/);
    // The card of a running server never shows the password again.
    expect(core.card(card.shareId, 'sftp').password).toBeNull();
  });

  it('moves on to the next port when 2022 is taken', async () => {
    const { core } = await open();
    const blocker = net.createServer();
    const blocked = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen(2022, '127.0.0.1', () => resolve(true));
    });
    if (blocked) blockers.push(blocker);
    const folder = await tempDir('quick-port');
    const card = await core.quickShareSftp(folder);
    expect(portOf(card.urls[0]?.url ?? '')).not.toBe(2022);
    expect(core.shares.get(card.shareId).status.sftp.state).toBe('running');
  });

  it('refuses a relative path, a missing folder and a file with a clear message', async () => {
    const { core } = await open();
    const folder = await tempDir('quick-bad');
    await writeFile(path.join(folder, 'file.txt'), 'x');
    await expect(core.quickShareSftp('relative/dir')).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/full path/) });
    await expect(core.quickShareSftp(path.join(folder, 'nope'))).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/does not exist/) });
    await expect(core.quickShareSftp(path.join(folder, 'file.txt'))).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/not a folder/) });
    expect(core.shares.list()).toEqual([]);
  });

  it('resumes sharing on the next launch with the same port, user and password', async () => {
    const first = await openTestCore();
    const folder = await tempDir('quick-resume');
    await writeFile(path.join(folder, 'again.txt'), 'x');
    const card = await first.core.quickShareSftp(folder);
    // Moved off the 2022+ range other tests' quick shares race for, so nobody takes it meanwhile.
    const moved = await first.core.shares.update(card.shareId, { sftp: { port: 0 } });
    const port = moved.status.sftp.state === 'running' ? moved.status.sftp.port : -1;
    first.core.shares.saveChange(card.shareId, (r) => ({ ...r, sftp: { ...r.sftp, port } }));
    await first.core.close();

    const second = await open(first.configDir);
    const share = second.core.shares.get(card.shareId);
    expect(share.status.sftp).toMatchObject({ state: 'running', port });
    const run = await runSftp(port, { user: 'wharf', password: card.password ?? '' }, ['ls -1']);
    expect(run.stdout).toContain('again.txt');
  });
});
