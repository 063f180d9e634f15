import { describe, expect, it } from 'vitest';
import { cacheDir, configDir, expandHome, hostKeysDir } from '../../../src-main/core/index.js';

describe('config and cache dirs per OS', () => {
  const linux = { platform: 'linux' as const, home: '/home/ann' };

  it('honours WHARF_CONFIG_DIR and WHARF_CACHE_DIR everywhere', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const env = { WHARF_CONFIG_DIR: '/tmp/cfg', WHARF_CACHE_DIR: '/tmp/cache', XDG_CONFIG_HOME: '/x' };
      expect(configDir({ env, platform, home: '/home/ann' })).toBe('/tmp/cfg');
      expect(cacheDir({ env, platform, home: '/home/ann' })).toBe('/tmp/cache');
    }
  });

  it('follows XDG on Linux, ignoring relative values', () => {
    expect(configDir({ ...linux, env: {} })).toBe('/home/ann/.config/wharf');
    expect(cacheDir({ ...linux, env: {} })).toBe('/home/ann/.cache/wharf');
    expect(configDir({ ...linux, env: { XDG_CONFIG_HOME: '/xdg/conf' } })).toBe('/xdg/conf/wharf');
    expect(cacheDir({ ...linux, env: { XDG_CACHE_HOME: '/xdg/cache' } })).toBe('/xdg/cache/wharf');
    expect(configDir({ ...linux, env: { XDG_CONFIG_HOME: 'relative' } })).toBe('/home/ann/.config/wharf');
  });

  it('uses Application Support and Caches on macOS', () => {
    const mac = { platform: 'darwin' as const, home: '/Users/ann', env: {} };
    expect(configDir(mac)).toBe('/Users/ann/Library/Application Support/Wharf');
    expect(cacheDir(mac)).toBe('/Users/ann/Library/Caches/Wharf');
  });

  it('uses APPDATA and LOCALAPPDATA on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
    const win = { platform: 'win32' as const, home: 'C:\\Users\\ann', env };
    expect(configDir(win)).toBe('C:\\Users\\ann\\AppData\\Roaming\\Wharf');
    expect(cacheDir(win)).toBe('C:\\Users\\ann\\AppData\\Local\\Wharf\\Cache');
    expect(configDir({ ...win, env: {} })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Wharf');
  });

  it('keeps host keys under the config dir and expands ~', () => {
    expect(hostKeysDir('/home/ann/.config/wharf')).toBe('/home/ann/.config/wharf/host-keys');
    expect(expandHome('~/.ssh/authorized_keys', '/home/ann')).toBe('/home/ann/.ssh/authorized_keys');
    expect(expandHome('~', '/home/ann')).toBe('/home/ann');
    expect(expandHome('/abs/~/x', '/home/ann')).toBe('/abs/~/x');
    expect(expandHome('~other/x', '/home/ann')).toBe('~other/x');
  });
});
