// What `wharf serve sftp|ftp` makes of PATH and the VFS flags, in-process: local folders and rclone
// connection strings (relative files from the working folder, obscured passwords revealed, never
// shown), the cache folder name per source, the engine options, and every flag mistake as a usage
// error (exit 2) before anything starts.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/index.js';
import type { CliIo } from '../../../src-main/cli/index.js';
import { ServiceConfigError } from '../../../src-main/core/index.js';
import { defaultServeVfsSettings, serveVfsOptions } from '../../../src-main/core/serve-common-share.js';
import { cacheNameFor, describeSpec, proxyCacheName, resolveServePath } from '../../../src-main/core/serve-common-source.js';
import { DEFAULT_VFS_OPTIONS, obscure } from '../../../src-main/vfs/index.js';

const ctx = { cwd: '/work/here', home: '/home/me', platform: 'linux' as const };

describe('resolveServePath', () => {
  it('makes local folders absolute: relative to the working folder, ~ from home, colons after a slash kept', () => {
    expect(resolveServePath('share', ctx)).toEqual({ type: 'local', root: '/work/here/share' });
    expect(resolveServePath('~/Public', ctx)).toEqual({ type: 'local', root: '/home/me/Public' });
    expect(resolveServePath('./a:b', ctx)).toEqual({ type: 'local', root: '/work/here/a:b' });
    expect(resolveServePath('/srv/x:y', ctx)).toEqual({ type: 'local', root: '/srv/x:y' });
  });

  it('reads connection strings: key files from the working folder, obscured passwords revealed', () => {
    const spec = resolveServePath(`:sftp,host=example.com,port=2200,user=bob,key_file=keys/id,pass=${obscure('s3cret')}:/data`, ctx);
    expect(spec).toEqual({ type: 'sftp', host: 'example.com', port: 2200, user: 'bob', keyFile: '/work/here/keys/id', password: 's3cret', root: '/data' });
    expect(describeSpec(spec)).toBe('sftp://bob@example.com:2200/data');
    expect(describeSpec(spec)).not.toContain('s3cret');
    const relative = resolveServePath(':sftp,host=h,user=u,key_file=~/.ssh/id:docs', ctx);
    // The engine expands ~ in connection strings itself (the process's home, which is $HOME).
    expect(relative).toMatchObject({ keyFile: path.join(os.homedir(), '.ssh/id'), port: 22, root: 'docs' });
    expect(describeSpec(relative)).toBe('sftp://u@h:22/~/docs');
  });

  it('says what is wrong, as a configuration error that never repeats a password', () => {
    const fail = (text: string): string => {
      try {
        resolveServePath(text, ctx);
      } catch (err) {
        expect(err).toBeInstanceOf(ServiceConfigError);
        return (err as Error).message;
      }
      throw new Error(`${text} was accepted`);
    };
    expect(fail('work:projects')).toMatch(/^PATH: unknown remote "work": .*:sftp,host=HOST,user=USER:\/path, or \.\/work:\.\.\. for a local folder$/);
    expect(fail(':sftp,user=u:/x')).toBe('PATH: :sftp: host= is required');
    expect(fail(':sftp,host=h,pass=plain-text-pw:/x')).toMatch(/^PATH: pass= must be obscured/);
    expect(fail(':sftp,host=h,pass=plain-text-pw:/x')).not.toContain('plain-text-pw');
    expect(fail(':ftp,host=h:/x')).toMatch(/backend type "ftp" is not supported/);
  });

  it('uses a named remote when a lookup knows it', () => {
    const spec = resolveServePath('nas:backup', { ...ctx, lookup: (name) => (name === 'nas' ? { type: 'sftp', host: 'nas.lan', user: 'me' } : undefined) });
    expect(spec).toMatchObject({ type: 'sftp', host: 'nas.lan', user: 'me', root: 'backup' });
  });
});

describe('cache folder names', () => {
  it('are stable for a source, differ between sources, and are safe file names', () => {
    const a = cacheNameFor({ type: 'local', root: '/srv/Photos 2024' });
    expect(a).toBe(cacheNameFor({ type: 'local', root: '/srv/Photos 2024' }));
    expect(a).toMatch(/^local-Photos_2024-[0-9a-f]{16}$/);
    expect(cacheNameFor({ type: 'local', root: '/other/Photos 2024' })).not.toBe(a);
    const remote = { type: 'sftp' as const, host: 'h', port: 22, user: 'u', root: '/d', password: 'pw1' };
    expect(cacheNameFor(remote)).toMatch(/^sftp-h-[0-9a-f]{16}$/);
    // The same folder with another password is the same source; another user or port is not.
    expect(cacheNameFor({ ...remote, password: 'pw2' })).toBe(cacheNameFor(remote));
    expect(cacheNameFor({ ...remote, user: 'v' })).not.toBe(cacheNameFor(remote));
    expect(cacheNameFor({ ...remote, port: 2222 })).not.toBe(cacheNameFor(remote));
    expect(proxyCacheName('local', 'a'.repeat(64))).toMatch(/^proxy-local-[0-9a-f]{16}$/);
    expect(proxyCacheName('local', 'b'.repeat(64))).not.toBe(proxyCacheName('local', 'a'.repeat(64)));
  });
});

describe('serveVfsOptions', () => {
  const files = { readOnly: true, filePerms: 0o640, dirPerms: 0o750, umask: 0o022, overridePerms: true, noModTime: true, noChecksum: false };

  it('applies the flags and the file rules over the engine defaults', () => {
    const settings = { ...defaultServeVfsSettings(), cacheMode: 'full' as const, writeBackMs: 2_000, cacheDir: '/c', caseInsensitive: true };
    const options = serveVfsOptions(settings, files, 'local-x-0123');
    expect(options).toMatchObject({ cacheMode: 'full', writeBackMs: 2_000, cacheDir: '/c', cacheName: 'local-x-0123', caseInsensitive: true, readOnly: true, filePerms: 0o640, umask: 0o022 });
    expect(Object.keys(options).sort()).toEqual(Object.keys(DEFAULT_VFS_OPTIONS).sort());
  });

  it('takes the defaults of the option table, the platform case rule and the user cache folder', () => {
    const settings = defaultServeVfsSettings();
    const options = serveVfsOptions(settings, files, 'n');
    const { cacheDir: _d, cacheName: _n, caseInsensitive: _c, readOnly: _r, filePerms: _f, dirPerms: _p, umask: _u, overridePerms: _o, uid: _i, gid: _g, noModTime: _m, noChecksum: _x, ...engine } = options;
    const { cacheDir: _d2, cacheName: _n2, caseInsensitive: _c2, readOnly: _r2, filePerms: _f2, dirPerms: _p2, umask: _u2, overridePerms: _o2, uid: _i2, gid: _g2, noModTime: _m2, noChecksum: _x2, ...defaults } = DEFAULT_VFS_OPTIONS;
    expect(engine).toEqual(defaults);
    expect(options.caseInsensitive).toBe(process.platform === 'win32' || process.platform === 'darwin');
    expect(path.isAbsolute(options.cacheDir)).toBe(true);
  });
});

/** A fake io: flag mistakes fail before a server or a signal handler is involved. */
function fakeIo(): CliIo & { stderr: () => string } {
  let err = '';
  const home = path.join(os.tmpdir(), 'wharf-no-such-home');
  return {
    out: () => undefined,
    err: (t) => void (err += t),
    env: { HOME: home, WHARF_CONFIG_DIR: path.join(home, 'config') },
    cwd: os.tmpdir(),
    onSignal: () => () => undefined,
    stderr: () => err,
  };
}

describe('serve flag mistakes exit 2 and name the flag', () => {
  const cases: [readonly string[], RegExp][] = [
    [['--vfs-cache-mode', 'sometimes'], /invalid value for --vfs-cache-mode: "sometimes" \(use off, minimal, writes, full\)/],
    [['--vfs-write-back', 'off'], /--vfs-write-back needs a duration/],
    [['--transfers', '0'], /--transfers must be at least 1/],
    [['--dir-cache-time', 'soon'], /invalid value for --dir-cache-time/],
    [['--vfs-cache-max-size', '12Q'], /invalid value for --vfs-cache-max-size/],
    [['--vfs-case-insensitive=maybe'], /invalid value for --vfs-case-insensitive/],
    [['--cache-dir', ' '], /--cache-dir must not be empty/],
    [['--login-ban-time', 'off'], /--login-ban-time needs a duration/],
    [['--login-failure-window', '0s'], /--login-failure-window needs a duration/],
    [['--max-login-failures', '0'], /--max-login-failures must be at least 1/],
    [['--auth-proxy', ''], /--auth-proxy needs/],
  ];
  for (const protocol of ['sftp', 'ftp'] as const) {
    it(`serve ${protocol}`, async () => {
      for (const [flags, message] of cases) {
        const io = fakeIo();
        const auth = flags[0] === '--auth-proxy' ? [] : [os.tmpdir(), ...(protocol === 'sftp' ? ['--no-auth'] : [])];
        expect(await runCli(['serve', protocol, ...auth, ...flags], io), flags.join(' ')).toBe(2);
        expect(io.stderr()).toMatch(message);
        expect(io.stderr()).toContain(`Run 'wharf serve ${protocol} --help' for usage.`);
      }
    });
  }
});
