// The VFS flag table (src-shared/options/vfs-options.ts): rclone's names and defaults, values in
// rclone's syntax, and the check that turns them into the engine's options.
import { describe, expect, it } from 'vitest';
import { formatOptionsHelp, formatOptionValue, parseOptionValue, VFS_OPTIONS, vfsSettingsFromFlags } from '../../../src-shared/options/index.js';
import type { VfsFlagValues } from '../../../src-shared/options/index.js';
import { DEFAULT_VFS_OPTIONS } from '../../../src-main/vfs/index.js';

function defaults(): VfsFlagValues {
  return Object.fromEntries(VFS_OPTIONS.map((o) => [o.name, o.default])) as unknown as VfsFlagValues;
}

function withFlags(flags: Record<string, string>): VfsFlagValues {
  const values: Record<string, unknown> = { ...defaults() };
  for (const [name, text] of Object.entries(flags)) {
    const spec = VFS_OPTIONS.find((o) => o.name === name);
    if (!spec) throw new Error(`no flag ${name}`);
    values[name] = parseOptionValue(spec, text);
  }
  return values as unknown as VfsFlagValues;
}

describe('VFS flags', () => {
  it('declares every VFS flag with rclone defaults', () => {
    expect(VFS_OPTIONS.map((o) => o.name).sort()).toEqual(
      [
        'buffer-size',
        'cache-dir',
        'dir-cache-time',
        'no-seek',
        'poll-interval',
        'transfers',
        'vfs-cache-max-age',
        'vfs-cache-max-size',
        'vfs-cache-min-free-space',
        'vfs-cache-mode',
        'vfs-cache-poll-interval',
        'vfs-case-insensitive',
        'vfs-read-ahead',
        'vfs-read-chunk-size',
        'vfs-read-chunk-size-limit',
        'vfs-read-wait',
        'vfs-used-is-size',
        'vfs-write-back',
        'vfs-write-wait',
      ].sort(),
    );
    const shown = Object.fromEntries(VFS_OPTIONS.map((o) => [o.name, o.default === undefined ? undefined : formatOptionValue(o, o.default)]));
    expect(shown).toEqual({
      'vfs-cache-mode': 'off',
      'cache-dir': undefined,
      'dir-cache-time': '5m',
      'poll-interval': '1m',
      'vfs-cache-max-age': '1h',
      'vfs-cache-max-size': 'off',
      'vfs-cache-min-free-space': 'off',
      'vfs-cache-poll-interval': '1m',
      'vfs-write-back': '5s',
      'buffer-size': '16Mi',
      'vfs-read-ahead': '0',
      'vfs-read-chunk-size': '128Mi',
      'vfs-read-chunk-size-limit': 'off',
      'vfs-read-wait': '20ms',
      'vfs-write-wait': '1s',
      transfers: '4',
      'no-seek': 'false',
      'vfs-case-insensitive': undefined,
      'vfs-used-is-size': 'false',
    });
    const help = formatOptionsHelp(VFS_OPTIONS);
    expect(help).toContain('VFS:');
    expect(help).toMatch(/--vfs-cache-mode MODE\s+Cache mode off\|minimal\|writes\|full/);
    expect(help).toContain('true on Windows and macOS, false elsewhere');
  });

  it('gives the engine its own defaults when no flag is given', () => {
    const s = vfsSettingsFromFlags(defaults());
    const { cacheDir: _dir, caseInsensitive, ...rest } = s;
    expect(caseInsensitive).toBeUndefined();
    const { cacheDir: _d, cacheName: _n, readOnly: _r, filePerms: _f, dirPerms: _p, umask: _u, overridePerms: _o, uid: _i, gid: _g, noModTime: _m, noChecksum: _c, caseInsensitive: _ci, ...engine } = DEFAULT_VFS_OPTIONS;
    expect(rest).toEqual(engine);
  });

  it('parses rclone syntax and refuses what cannot work', () => {
    const s = vfsSettingsFromFlags(
      withFlags({
        'vfs-cache-mode': 'full',
        'vfs-write-back': '1m30s',
        'buffer-size': 'off',
        'vfs-cache-max-size': '10G',
        'vfs-read-chunk-size-limit': '512M',
        'vfs-case-insensitive': 'false',
        transfers: '8',
      }),
    );
    expect(s).toMatchObject({
      cacheMode: 'full',
      writeBackMs: 90_000,
      bufferSize: 0,
      cacheMaxSize: 10 * 1024 ** 3,
      readChunkSizeLimit: 512 * 1024 ** 2,
      caseInsensitive: false,
      transfers: 8,
    });
    expect(() => vfsSettingsFromFlags(withFlags({ 'vfs-cache-mode': 'sometimes' }))).toThrow(/off, minimal, writes, full/);
    expect(() => vfsSettingsFromFlags(withFlags({ transfers: '0' }))).toThrow(/--transfers/);
    expect(() => vfsSettingsFromFlags(withFlags({ 'vfs-write-back': 'off' }))).toThrow(/--vfs-write-back/);
    expect(() => vfsSettingsFromFlags(withFlags({ 'cache-dir': ' ' }))).toThrow(/--cache-dir/);
  });
});
