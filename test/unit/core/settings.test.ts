// The settings document on disk through conf: created with the current version and owner-only
// permissions, migrated from an unversioned file, refused (and left untouched) when a newer Wharf
// wrote it, and never silently emptied: an unreadable file or invalid entries are moved aside.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-shared/logger.js';
import { ConfSettingsStore, SETTINGS_VERSION, SettingsVersionError } from '../../../src-main/core/index.js';
import { SettingsRepo } from '../../../src-main/core/settings/settings-repo.js';
import { removeTempDirs, tempDir } from './core-test-kit.js';

afterAll(removeTempDirs);

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

const validShare = (id: string, name: string) => ({
  id,
  name,
  source: { kind: 'local', path: '/srv/x' },
  sftp: { enabled: true, port: 2022, bind: 'localhost' },
  ftp: { enabled: false, port: 2121, bind: 'localhost' },
  readOnly: false,
  vfs: { 'vfs-cache-mode': 'writes' },
  authProxy: null,
  users: [],
});

describe('settings', () => {
  it('starts a fresh file at the current version, readable by the owner only', async () => {
    const dir = await tempDir('settings-fresh');
    const store = new ConfSettingsStore(dir);
    const repo = SettingsRepo.open(store, recordingLogger());
    expect(repo.document).toMatchObject({ version: SETTINGS_VERSION, shares: [], remotes: [], app: { theme: 'system', resumeOnLaunch: true } });
    const saved = JSON.parse(await readFile(store.location, 'utf8')) as { version: number };
    expect(saved.version).toBe(SETTINGS_VERSION);
    expect((await stat(store.location)).mode & 0o777).toBe(0o600);
  });

  it('migrates a document without a version, keeping what it had', async () => {
    const dir = await tempDir('settings-v0');
    const store = new ConfSettingsStore(dir);
    await writeFile(store.location, JSON.stringify({ app: { theme: 'dark' }, shares: [validShare('a1', 'Old')] }));
    const repo = SettingsRepo.open(store, recordingLogger());
    expect(repo.document.version).toBe(1);
    expect(repo.document.app).toMatchObject({ theme: 'dark', closeToTray: true, caseInsensitive: null });
    expect(repo.document.shares.map((s) => s.name)).toEqual(['Old']);
    expect(repo.document.remotes).toEqual([]);
    expect(JSON.parse(await readFile(store.location, 'utf8'))).toMatchObject({ version: 1, app: { theme: 'dark' } });
  });

  it('refuses a document from a newer Wharf and leaves the file untouched', async () => {
    const dir = await tempDir('settings-newer');
    const store = new ConfSettingsStore(dir);
    const text = JSON.stringify({ version: SETTINGS_VERSION + 1, future: { anything: true } });
    await writeFile(store.location, text);
    expect(() => SettingsRepo.open(store, recordingLogger())).toThrow(SettingsVersionError);
    expect(() => SettingsRepo.open(store, recordingLogger())).toThrow(/newer Wharf/);
    expect(await readFile(store.location, 'utf8')).toBe(text);
  });

  it('moves an unreadable file aside and starts empty', async () => {
    const dir = await tempDir('settings-broken');
    const store = new ConfSettingsStore(dir);
    await writeFile(store.location, '{"version": 1, "shares": [');
    const logger = recordingLogger();
    const repo = SettingsRepo.open(store, logger);
    expect(repo.document.shares).toEqual([]);
    const aside = (await readdir(dir)).filter((f) => f.includes('unreadable'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(dir, aside[0] ?? ''), 'utf8')).toBe('{"version": 1, "shares": [');
    expect(logger.lines.join('\n')).toMatch(/moved to/);
  });

  it('keeps the valid entries of a partly invalid file and the original aside', async () => {
    const dir = await tempDir('settings-salvage');
    const store = new ConfSettingsStore(dir);
    const original = {
      version: 1,
      app: { theme: 'dark', caseInsensitive: null, startAtLogin: false, closeToTray: true, resumeOnLaunch: true, defaultBind: 'localhost' },
      shares: [validShare('good', 'Good'), { ...validShare('bad', 'Bad'), sftp: { enabled: true, port: 99999, bind: 'localhost' } }],
      remotes: [{ name: 'r', host: 'h', port: 22, user: 'u', password: 'plain text password', keyFile: null, keyPassphrase: null, knownHostsFile: null }],
    };
    await writeFile(store.location, JSON.stringify(original));
    const logger = recordingLogger();
    const repo = SettingsRepo.open(store, logger);
    expect(repo.document.shares.map((s) => s.name)).toEqual(['Good']);
    // A remote whose password is not sealed is refused rather than used as plain text.
    expect(repo.document.remotes).toEqual([]);
    expect(repo.document.app.theme).toBe('dark');
    expect(logger.lines.join('\n')).toMatch(/share #2 "Bad"/);
    const aside = (await readdir(dir)).filter((f) => f.includes('unreadable'));
    expect(JSON.parse(await readFile(path.join(dir, aside[0] ?? ''), 'utf8'))).toEqual(original);
  });

  it('changes nothing in memory when saving fails', async () => {
    const dir = await tempDir('settings-fail');
    const store = new ConfSettingsStore(dir);
    const repo = SettingsRepo.open(store, recordingLogger());
    const failing = {
      location: store.location,
      load: () => store.load(),
      save: () => {
        throw new Error('disk full');
      },
      quarantine: () => undefined,
    };
    const broken = SettingsRepo.open(failing, recordingLogger());
    expect(() => broken.update((doc) => ({ ...doc, app: { ...doc.app, theme: 'light' } }))).toThrow(/disk full/);
    expect(broken.document.app.theme).toBe('system');
    expect(repo.document.app.theme).toBe('system');
    expect(existsSync(store.location)).toBe(true);
  });
});
