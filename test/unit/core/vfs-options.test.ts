// A share's engine options: the option table's defaults, then the share's own values, the app's
// case-insensitivity setting, and the system default (on for Windows and macOS).
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../../src-shared/contract/index.js';
import { caseInsensitiveDefault } from '../../../src-main/core/index.js';
import { shareVfsOptions } from '../../../src-main/core/shares/share-backend.js';
import type { ShareRecord } from '../../../src-main/core/settings/settings-schema.js';
import { normalizeLocalPath } from '../../../src-main/core/shares/local-path.js';

const record = (vfs: ShareRecord['vfs'] = {}, readOnly = false): ShareRecord => ({
  id: 'share-1',
  name: 'S',
  source: { kind: 'local', path: '/srv/s' },
  sftp: { enabled: true, port: 2022, bind: 'localhost' },
  ftp: { enabled: false, port: 2121, bind: 'localhost' },
  readOnly,
  vfs,
  authProxy: null,
  users: [],
});

describe('per-OS defaults and share VFS options', () => {
  it('ignores case by default on Windows and macOS only', () => {
    expect(caseInsensitiveDefault('win32')).toBe(true);
    expect(caseInsensitiveDefault('darwin')).toBe(true);
    expect(caseInsensitiveDefault('linux')).toBe(false);
    const ctx = (platform: NodeJS.Platform, caseInsensitive: boolean | null = null) => ({
      app: { ...DEFAULT_APP_SETTINGS, caseInsensitive },
      cacheDir: '/cache',
      platform,
    });
    expect(shareVfsOptions(record(), ctx('darwin')).caseInsensitive).toBe(true);
    expect(shareVfsOptions(record(), ctx('linux')).caseInsensitive).toBe(false);
    expect(shareVfsOptions(record(), ctx('win32', false)).caseInsensitive).toBe(false);
    expect(shareVfsOptions(record({ 'vfs-case-insensitive': true }), ctx('linux', false)).caseInsensitive).toBe(true);
  });

  it('applies the table defaults, the share values, its read-only flag and a cache folder of its own', () => {
    const ctx = { app: DEFAULT_APP_SETTINGS, cacheDir: '/cache', platform: 'linux' as const };
    const plain = shareVfsOptions(record(), ctx);
    expect(plain).toMatchObject({ cacheMode: 'off', dirCacheTimeMs: 300_000, cacheDir: '/cache', cacheName: 'share-1', readOnly: false, transfers: 4 });
    const tuned = shareVfsOptions(record({ 'vfs-cache-mode': 'full', 'vfs-cache-max-size': 1024, 'cache-dir': '/fast' }, true), ctx);
    expect(tuned).toMatchObject({ cacheMode: 'full', cacheMaxSize: 1024, cacheDir: '/fast', readOnly: true });
  });

  it('takes only full folder paths, expanding ~', () => {
    expect(normalizeLocalPath('~/Public', '/home/me', 'linux')).toBe('/home/me/Public');
    expect(normalizeLocalPath(' /srv/a/../b/ ', '/home/me', 'linux')).toBe('/srv/b');
    expect(normalizeLocalPath('C:\\Users\\me\\Docs', 'C:\\Users\\me', 'win32')).toBe('C:\\Users\\me\\Docs');
    expect(() => normalizeLocalPath('Public', '/home/me', 'linux')).toThrow(/full path.*\/home\/me\/Public/);
    expect(() => normalizeLocalPath('', '/home/me', 'linux')).toThrow(/full path/);
    expect(() => normalizeLocalPath('Docs', 'C:\\Users\\me', 'win32')).toThrow(/C:\\Users/);
  });
});

describe('connection card addresses', () => {
  it('lists loopback only for localhost, and every usable address for the network', async () => {
    const { reachableAddresses } = await import('../../../src-main/core/shares/connection-card.js');
    const interfaces = () => ({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '', mac: '', cidr: null }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '', mac: '', cidr: null },
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 2 },
        { address: '2001:db8::20', family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 0 },
      ],
    }) as unknown as ReturnType<typeof import('node:os').networkInterfaces>;
    expect(reachableAddresses('127.0.0.1', interfaces)).toEqual(['127.0.0.1']);
    expect(reachableAddresses('::', interfaces)).toEqual(['127.0.0.1', '192.168.1.20', '2001:db8::20']);
    expect(reachableAddresses('0.0.0.0', interfaces)).toEqual(['127.0.0.1', '192.168.1.20']);
  });
});
