// Where the desktop app keeps things: the core's settings document through electron-store (the same
// file headless mode's conf store uses), the shell's own flags, and secrets sealed by the system
// keychain (safeStorage) with the key-file box as fallback. electron-store runs for real on real
// files; only `electron` is the fake.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfSettingsStore, openKeyFileSecretBox, SecretBoxError, SettingsReadError } from '../../../src-main/core/index.js';
import { CLOSE_NOTICE_FLAG } from '../../../src-main/electron/close-to-tray.js';
import { ElectronSettingsStore } from '../../../src-main/electron/electron-settings-store.js';
import { layeredSecretBox, safeStorageSecretBox, safeStorageUsable } from '../../../src-main/electron/safe-storage-secret-box.js';
import type { SafeStoragePort } from '../../../src-main/electron/safe-storage-secret-box.js';
import { openShellFlags, SHELL_STORE_NAME } from '../../../src-main/electron/shell-flags.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-electron-stores-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('electron-store settings adapter', () => {
  it('starts empty, then saves and loads the document in settings.json, readable by the owner only', async () => {
    const config = path.join(dir, 'a');
    const store = new ElectronSettingsStore(config);
    expect(store.location).toBe(path.join(config, 'settings.json'));
    expect(store.load()).toBeUndefined();
    const doc = { version: 1, app: { theme: 'dark' }, shares: [{ id: 'x', name: 'Photos' }], remotes: [] };
    store.save(doc);
    expect(new ElectronSettingsStore(config).load()).toEqual(doc);
    expect(JSON.parse(await fs.readFile(store.location, 'utf8'))).toEqual(doc);
    if (process.platform !== 'win32') expect((await fs.stat(store.location)).mode & 0o777).toBe(0o600);
    // Keys with dots are data, not paths.
    store.save({ 'a.b': 1 });
    expect(store.load()).toEqual({ 'a.b': 1 });
    expect(() => store.save([1, 2])).toThrow(TypeError);
    expect(() => store.save(null)).toThrow(TypeError);
  });

  it('shares one file with the headless conf store, both ways', () => {
    const config = path.join(dir, 'b');
    new ElectronSettingsStore(config).save({ version: 1, from: 'app' });
    expect(new ConfSettingsStore(config).load()).toEqual({ version: 1, from: 'app' });
    new ConfSettingsStore(config).save({ version: 1, from: 'headless' });
    expect(new ElectronSettingsStore(config).load()).toEqual({ version: 1, from: 'headless' });
  });

  it('refuses an unreadable file, then moves it aside (kept, never emptied)', async () => {
    const config = path.join(dir, 'c');
    await fs.mkdir(config, { recursive: true });
    await fs.writeFile(path.join(config, 'settings.json'), '{"shares": [ broken');
    const store = new ElectronSettingsStore(config);
    expect(() => store.load()).toThrow(SettingsReadError);
    const aside = store.quarantine();
    expect(aside).toMatch(/settings\.json\.unreadable-/);
    expect(await fs.readFile(aside!, 'utf8')).toBe('{"shares": [ broken');
    expect(store.load()).toBeUndefined();
    store.save({ version: 1 });
    expect(store.load()).toEqual({ version: 1 });
  });
});

describe('shell flags', () => {
  it('remembers a flag across launches, in its own file', async () => {
    const config = path.join(dir, 'd');
    const flags = openShellFlags(config);
    expect(flags.get(CLOSE_NOTICE_FLAG)).toBe(false);
    flags.set(CLOSE_NOTICE_FLAG, true);
    expect(openShellFlags(config).get(CLOSE_NOTICE_FLAG)).toBe(true);
    expect(await fs.readdir(config)).toEqual([`${SHELL_STORE_NAME}.json`]);
  });

  it('starts over from a damaged flags file instead of refusing to start', async () => {
    const config = path.join(dir, 'e');
    await fs.mkdir(config, { recursive: true });
    await fs.writeFile(path.join(config, `${SHELL_STORE_NAME}.json`), 'not json');
    expect(openShellFlags(config).get(CLOSE_NOTICE_FLAG)).toBe(false);
  });
});

describe('secrets', () => {
  const keychain = (backend = 'gnome_libsecret', available = true): SafeStoragePort & { sealed: Buffer[] } => {
    const sealed: Buffer[] = [];
    return {
      sealed,
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => backend,
      encryptString: (plain) => {
        const out = Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x33));
        sealed.push(out);
        return out;
      },
      decryptString: (data) => {
        if (data.length === 0) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return Buffer.from(data.map((b) => b ^ 0x33)).toString('utf8');
      },
    };
  };

  it('trusts safeStorage only where it has a real keychain', () => {
    expect(safeStorageUsable(keychain('gnome_libsecret'), 'linux')).toBe(true);
    expect(safeStorageUsable(keychain('kwallet5'), 'linux')).toBe(true);
    expect(safeStorageUsable(keychain('basic_text'), 'linux')).toBe(false);
    expect(safeStorageUsable(keychain('unknown'), 'linux')).toBe(false);
    expect(safeStorageUsable(keychain('unknown'), 'darwin')).toBe(true);
    expect(safeStorageUsable(keychain('gnome_libsecret', false), 'linux')).toBe(false);
  });

  it('seals through the keychain, never storing the plain text', () => {
    const box = safeStorageSecretBox(keychain());
    const sealed = box.seal('hunter2 p@ss');
    expect(sealed).toMatch(/^safestorage1:/);
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed)).toBe('hunter2 p@ss');
    expect(() => box.open('aesgcm1:abc')).toThrow(SecretBoxError);
    expect(() => box.open('safestorage1:')).toThrow(/keychain cannot decrypt/);
  });

  it('opens each secret with the box that sealed it, whichever seals new ones', async () => {
    const keyFile = await openKeyFileSecretBox(path.join(dir, 'f', 'secret.key'));
    const chain = safeStorageSecretBox(keychain());
    const fromKeyFile = keyFile.seal('old remote password');
    const fromKeychain = chain.seal('new remote password');

    const viaKeychain = layeredSecretBox({ keychain: chain, keyFile, sealWith: 'keychain' });
    expect(viaKeychain.kind).toBe('safe-storage');
    expect(viaKeychain.seal('x')).toMatch(/^safestorage1:/);
    expect(viaKeychain.open(fromKeyFile)).toBe('old remote password');
    expect(viaKeychain.open(fromKeychain)).toBe('new remote password');

    const viaKeyFile = layeredSecretBox({ keychain: chain, keyFile, sealWith: 'key-file' });
    expect(viaKeyFile.kind).toBe('key-file');
    expect(viaKeyFile.seal('x')).not.toMatch(/^safestorage1:/);
    expect(viaKeyFile.open(fromKeychain)).toBe('new remote password');

    const noKeychain = layeredSecretBox({ keychain: null, keyFile, sealWith: 'keychain' });
    expect(noKeychain.kind).toBe('key-file');
    expect(noKeychain.open(fromKeyFile)).toBe('old remote password');
    expect(() => noKeychain.open(fromKeychain)).toThrow(/not available now; enter it again/);
  });
});
