// Secrets the app must read back are sealed with a key kept in its own 0600 file: the settings file
// never holds them as text, another key cannot open them, and tampering is detected.
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openKeyFileSecretBox, SecretBoxError } from '../../../src-main/core/index.js';
import { readKeyFileSecretBox } from '../../../src-main/core/secrets/key-file-secret-box.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';

afterAll(removeTempDirs);

describe('key-file secret box', () => {
  it('creates an owner-only key file and round-trips secrets without showing them', async () => {
    const dir = await tempDir('secrets');
    const file = path.join(dir, 'sub', 'secret.key');
    const box = await openKeyFileSecretBox(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const sealed = box.seal('correct horse battery staple');
    expect(sealed).toMatch(/^aesgcm1:/);
    expect(sealed).not.toContain('correct horse');
    expect(box.seal('correct horse battery staple')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('correct horse battery staple');
    // The same key file opens it again later.
    expect((await openKeyFileSecretBox(file)).open(sealed)).toBe('correct horse battery staple');
  });

  it('refuses another key, tampered data and text it did not seal', async () => {
    const dir = await tempDir('secrets-other');
    const box = await openKeyFileSecretBox(path.join(dir, 'a.key'));
    const other = await openKeyFileSecretBox(path.join(dir, 'b.key'));
    const sealed = box.seal('s3cret');
    expect(() => other.open(sealed)).toThrow(SecretBoxError);
    const raw = Buffer.from(sealed.slice('aesgcm1:'.length), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.open(`aesgcm1:${raw.toString('base64')}`)).toThrow(/cannot be decrypted/);
    expect(() => box.open('s3cret')).toThrow(SecretBoxError);
  });

  it('makes a key file that others could read private again, and refuses a damaged one', async () => {
    const dir = await tempDir('secrets-mode');
    const file = path.join(dir, 'secret.key');
    await openKeyFileSecretBox(file);
    await chmod(file, 0o644);
    await openKeyFileSecretBox(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFile(file, 'short\n');
    await expect(openKeyFileSecretBox(file)).rejects.toThrow(/damaged/);
  });
});

describe('reading an existing key file (wharf serve)', () => {
  it('opens what the app sealed, and neither creates a missing key nor changes a loose one', async () => {
    const dir = await tempDir('secrets-read');
    const file = path.join(dir, 'secret.key');
    expect(readKeyFileSecretBox(file)).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
    const sealed = (await openKeyFileSecretBox(file)).seal('sealed by the app');
    await chmod(file, 0o644);
    const box = readKeyFileSecretBox(file);
    expect(box?.open(sealed)).toBe('sealed by the app');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    const other = path.join(dir, 'other.key');
    await writeFile(other, `${Buffer.alloc(32, 1).toString('base64')}\n`);
    expect(() => readKeyFileSecretBox(other)?.open(sealed)).toThrow(/cannot be decrypted/);
    await writeFile(file, 'short\n');
    expect(() => readKeyFileSecretBox(file)).toThrow(/damaged/);
  });
});

describe('remotes keep their secrets sealed', () => {
  it('stores the password and passphrase sealed and shows only that they are set', async () => {
    const { core, settingsFile } = await openTestCore();
    const remote = core.remotes.create({
      name: 'nas',
      host: '127.0.0.1',
      port: 22,
      user: 'me',
      password: 'a-remote-password-1234',
      keyFile: null,
      knownHostsFile: null,
    });
    expect(remote).toEqual({
      name: 'nas',
      host: '127.0.0.1',
      port: 22,
      user: 'me',
      hasPassword: true,
      keyFile: null,
      hasKeyPassphrase: false,
      knownHostsFile: null,
    });
    const updated = core.remotes.update('nas', { keyFile: '/home/me/.ssh/id_ed25519', keyPassphrase: 'a-key-passphrase-5678' });
    expect(updated).toMatchObject({ hasPassword: true, hasKeyPassphrase: true });
    const text = await readFile(settingsFile, 'utf8');
    expect(text).not.toContain('a-remote-password-1234');
    expect(text).not.toContain('a-key-passphrase-5678');
    expect(text).toMatch(/"password":\s*"aesgcm1:/);
    expect(core.remotes.target('nas')).toMatchObject({ password: 'a-remote-password-1234', keyPassphrase: 'a-key-passphrase-5678' });
    expect(core.remotes.update('nas', { password: null })).toMatchObject({ hasPassword: false });
    expect(() => core.remotes.update('nas', { keyFile: null })).toThrow(/password or a key file/);
    expect(() => core.remotes.create({ name: 'nas', host: 'h', port: 22, user: 'u', password: 'x', keyFile: null, knownHostsFile: null })).toThrow(/already exists/);
    await core.close();
  });
});
