// A share's users and keys through the core: generated passwords shown once, key import with
// per-line errors, key and password logins with real clients, password reset, removal; every
// change saved (hashes and public keys only).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClientKey, runSftp } from '../../helpers/openssh-client.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';
import type { TestCore } from './core-test-kit.js';

let t: TestCore;
let shareId = '';
let port = 0;

beforeAll(async () => {
  t = await openTestCore();
  const folder = await tempDir('users');
  const share = await t.core.shares.create({
    name: 'Users',
    source: { kind: 'local', path: folder },
    sftp: { enabled: true, port: 0, bind: 'localhost' },
    ftp: { enabled: false, port: 0, bind: 'localhost' },
    readOnly: false,
    vfs: {},
    authProxy: null,
  });
  shareId = share.id;
});

afterAll(async () => {
  await t.core.close();
  await removeTempDirs();
});

describe('users and keys', () => {
  it('generates a password once and logs in with it', async () => {
    const { user, password } = await t.core.users.add(shareId, { name: 'carol', generatePassword: true, root: '/', readOnly: true });
    expect(user).toEqual({ name: 'carol', hasPassword: true, keys: [], root: '/', readOnly: true, enabled: true, lastLogin: null });
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const status = t.core.shares.get(shareId).status.sftp;
    if (status.state !== 'running') throw new Error(JSON.stringify(status));
    port = status.port;
    expect((await runSftp(port, { user: 'carol', password: password ?? '' }, ['pwd'])).code).toBe(0);
    expect(await readFile(t.settingsFile, 'utf8')).not.toContain(password ?? '');
    expect(t.core.users.list(shareId).map((u) => u.name)).toEqual(['carol']);
  });

  it('refuses duplicates, bad names and short passwords with their reasons', async () => {
    await expect(t.core.users.add(shareId, { name: 'Carol', generatePassword: true, root: '/', readOnly: false })).rejects.toMatchObject({ code: 'conflict' });
    await expect(t.core.users.add(shareId, { name: '-x', generatePassword: true, root: '/', readOnly: false })).rejects.toMatchObject({ code: 'invalid' });
    await expect(t.core.users.add(shareId, { name: 'dave', password: 'short', generatePassword: false, root: '/', readOnly: false })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/at least 8/),
    });
    await expect(t.core.users.add(shareId, { name: 'dave', password: 'long-enough-1', generatePassword: true, root: '/', readOnly: false })).rejects.toMatchObject({ code: 'invalid' });
    await expect(t.core.users.remove(shareId, 'nobody')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('imports keys with per-line errors and logs in with one', async () => {
    const dir = await tempDir('users-keys');
    const key = await makeClientKey(dir);
    const pub = (await readFile(`${key}.pub`, 'utf8')).trim();
    const result = await t.core.users.addKeys(shareId, 'carol', `${pub}\nnot a key at all\n${pub}\n`);
    expect(result.added).toHaveLength(1);
    expect(result.added[0]).toMatchObject({ type: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:/) });
    expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
    expect((await runSftp(port, { user: 'carol', key }, ['pwd'])).code).toBe(0);
    const saved = await readFile(t.settingsFile, 'utf8');
    expect(saved).toContain(pub.split(' ')[1] ?? '');
    expect(saved).not.toContain('PRIVATE KEY');

    await t.core.users.removeKey(shareId, 'carol', result.added[0]?.fingerprint ?? '');
    expect((await runSftp(port, { user: 'carol', key }, ['pwd'])).code).not.toBe(0);
    await expect(t.core.users.removeKey(shareId, 'carol', 'SHA256:none')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('resets a password (the old one stops working) and removes the user', async () => {
    const fresh = await t.core.users.resetPassword(shareId, 'carol');
    expect((await runSftp(port, { user: 'carol', password: fresh }, ['pwd'])).code).toBe(0);
    const other = await t.core.users.resetPassword(shareId, 'carol');
    expect((await runSftp(port, { user: 'carol', password: fresh }, ['pwd'])).code).not.toBe(0);
    await t.core.users.remove(shareId, 'carol');
    expect((await runSftp(port, { user: 'carol', password: other }, ['pwd'])).code).not.toBe(0);
    expect(t.core.shares.get(shareId).userCount).toBe(0);
  });

  it('keeps both a settings change and a user change made at the same time', async () => {
    await Promise.all([
      t.core.shares.update(shareId, { readOnly: true, sftp: { port: 0 } }),
      t.core.users.add(shareId, { name: 'erin', password: 'erin-password-1', generatePassword: false, root: '/', readOnly: false }),
      t.core.shares.update(shareId, { name: 'Renamed' }),
    ]);
    const saved = JSON.parse(await readFile(t.settingsFile, 'utf8')) as { shares: { name: string; readOnly: boolean; users: { name: string }[] }[] };
    expect(saved.shares[0]).toMatchObject({ name: 'Renamed', readOnly: true, users: [{ name: 'erin' }] });
    expect(t.core.shares.get(shareId)).toMatchObject({ name: 'Renamed', readOnly: true, userCount: 1 });
  });
});
