// rclone's PATH syntax and its obscured passwords: parsing as rclone's fs/fspath does, named
// remotes through a lookup, sftp options checked, and obscure/reveal checked against the real
// `rclone obscure` / `rclone reveal` installed on this machine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  obscure,
  parseRemotePath,
  RemoteSpecError,
  resolveRemoteSpec,
  reveal,
} from '../../../src-main/vfs/index.js';
import type { RemoteLookup } from '../../../src-main/vfs/index.js';

const run = promisify(execFile);

async function rclone(...args: string[]): Promise<string> {
  // An empty config file: the tester's own rclone config is never read.
  const { stdout } = await run('rclone', ['--config', '/dev/null', ...args]);
  return stdout.trim();
}

describe('parseRemotePath (rclone fs/fspath)', () => {
  it('treats paths without a remote as local', () => {
    for (const p of ['/srv/share', 'relative/dir', '.', './a:b', '/x/y:z', 'a/b:c', 'dir\\x:y']) {
      expect(parseRemotePath(p, 'linux')).toEqual({ kind: 'local', path: p });
    }
  });

  it('parses an on-the-fly sftp remote with its parameters and path', () => {
    expect(parseRemotePath(':sftp,host=example.com,port=2222,user=bob,key_file=/k/id:/remote/path', 'linux')).toEqual({
      kind: 'remote',
      name: 'sftp',
      onTheFly: true,
      params: { host: 'example.com', port: '2222', user: 'bob', key_file: '/k/id' },
      path: '/remote/path',
    });
    expect(parseRemotePath(':sftp:', 'linux')).toMatchObject({ name: 'sftp', params: {}, path: '' });
    // A path may itself contain colons after the first one that ends the remote.
    expect(parseRemotePath(':sftp,host=h:dir:with:colons', 'linux')).toMatchObject({ path: 'dir:with:colons' });
  });

  it('handles quoted values (both quotes, doubled quotes) and bare boolean flags', () => {
    expect(parseRemotePath(`:sftp,host="h:1,2",user='o''brien',flag:p`, 'linux')).toMatchObject({
      params: { host: 'h:1,2', user: "o'brien", flag: 'true' },
      path: 'p',
    });
    expect(parseRemotePath(`:sftp,pass="a""b":`, 'linux')).toMatchObject({ params: { pass: 'a"b' } });
    // A quote not at the start of a value is an ordinary character.
    expect(parseRemotePath(`:sftp,user=it's:`, 'linux')).toMatchObject({ params: { user: "it's" } });
  });

  it('parses named remotes, with and without parameters', () => {
    expect(parseRemotePath('work:docs/2024', 'linux')).toEqual({ kind: 'remote', name: 'work', onTheFly: false, params: {}, path: 'docs/2024' });
    expect(parseRemotePath('my remote-1,user=x:', 'linux')).toMatchObject({ name: 'my remote-1', params: { user: 'x' } });
    // The app names remotes with dots too (nas.lan), as rclone 1.61+ does.
    expect(parseRemotePath('nas.lan:backup', 'linux')).toMatchObject({ kind: 'remote', name: 'nas.lan', path: 'backup' });
  });

  it('knows Windows drive letters are local there only', () => {
    expect(parseRemotePath('C:\\Users\\me', 'win32')).toEqual({ kind: 'local', path: 'C:\\Users\\me' });
    expect(parseRemotePath('C:stuff', 'linux')).toMatchObject({ kind: 'remote', name: 'C', path: 'stuff' });
    expect(parseRemotePath('remote:a\\b', 'win32')).toMatchObject({ path: 'a/b' });
  });

  it('refuses malformed strings with rclone\'s reasons', () => {
    const bad: Array<[string, RegExp]> = [
      ['', /empty/],
      [':', /needs a trailing/],
      ['::', /name is empty/],
      [':sftp,host=h', /must end with/],
      [':sftp,host', /must end with/],
      [':sftp,ho-st=h:', /parameter names may only contain/],
      [':sftp,=h:', /has no name/],
      [':sftp,host="h:', /not terminated/],
      [':sftp,host="h"x:', /after a quoted value/],
      ['bad*name:path', /remote name may only contain/],
      [':sftp/x:y', /remote name may only contain/],
    ];
    for (const [text, reason] of bad) {
      expect(() => parseRemotePath(text, 'linux'), text).toThrow(reason);
      expect(() => parseRemotePath(text, 'linux'), text).toThrow(RemoteSpecError);
    }
  });
});

describe('obscure and reveal (rclone fs/config/obscure)', () => {
  it('reveals what rclone obscured, including non-ASCII', async () => {
    for (const secret of ['hunter2', 'pässwörd with spaces & "quotes"', '🙂', '', '-starts-with-dash']) {
      expect(reveal(await rclone('obscure', '--', secret))).toBe(secret);
    }
  });

  it('obscures so that rclone reveals it, with a fresh IV each time', async () => {
    const secret = 'correct horse battery staple';
    const a = obscure(secret);
    const b = obscure(secret);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    // `--`: an obscured value may start with "-" (base64url), which rclone would take for a flag.
    expect(await rclone('reveal', '--', a)).toBe(secret);
    expect(await rclone('reveal', '--', b)).toBe(secret);
  });

  it('refuses values that are not obscured, without echoing them', () => {
    for (const bad of ['plain password', 'short', 'abc=', 'a+b/c', 'x']) {
      let message = '';
      try {
        reveal(bad);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, bad).toMatch(/obscured/);
      expect(message).not.toContain(bad);
    }
  });
});

describe('resolveRemoteSpec', () => {
  const remotes: Record<string, Record<string, string>> = {
    work: { type: 'sftp', host: 'files.example', user: 'alice', port: '2200' },
    disk: { type: 'local' },
    cloud: { type: 's3' },
  };
  const lookup: RemoteLookup = (name) => remotes[name];

  it('gives local paths as they are', () => {
    expect(resolveRemoteSpec('/srv/share')).toEqual({ type: 'local', root: '/srv/share' });
    expect(resolveRemoteSpec('disk:/data', lookup)).toEqual({ type: 'local', root: '/data' });
    expect(resolveRemoteSpec(':local:/data')).toEqual({ type: 'local', root: '/data' });
  });

  it('builds an sftp target, revealing pass= and expanding ~ in key_file', async () => {
    const pass = await rclone('obscure', '--', 's3cret');
    const spec = resolveRemoteSpec(`:sftp,host=h.example,port=2222,user=bob,pass=${pass},key_file=~/id:/remote/path`);
    expect(spec).toMatchObject({ type: 'sftp', host: 'h.example', port: 2222, user: 'bob', password: 's3cret', root: '/remote/path' });
    expect(spec).toMatchObject({ keyFile: expect.stringMatching(/^\/.*\/id$/) });
    expect((spec as { keyFile: string }).keyFile.startsWith('~')).toBe(false);
  });

  it('defaults port 22 and the current user, as rclone', () => {
    expect(resolveRemoteSpec(':sftp,host=h:')).toMatchObject({ port: 22, user: expect.any(String), root: '' });
  });

  it('resolves named remotes; parameters in the string override the configuration', () => {
    expect(resolveRemoteSpec('work:docs', lookup)).toMatchObject({ type: 'sftp', host: 'files.example', user: 'alice', port: 2200, root: 'docs' });
    expect(resolveRemoteSpec('work,user=bob:', lookup)).toMatchObject({ user: 'bob', host: 'files.example' });
  });

  it('tells the lookup which parameters the string gives (it may leave those out)', () => {
    const seen: unknown[] = [];
    const pass = obscure('given');
    const spy: RemoteLookup = (name, given) => {
      seen.push(given);
      return remotes[name];
    };
    expect(resolveRemoteSpec(`work,user=bob,pass=${pass}:docs`, spy)).toMatchObject({ user: 'bob', password: 'given' });
    expect(resolveRemoteSpec('work:docs', spy)).toMatchObject({ user: 'alice' });
    expect(seen).toEqual([{ user: 'bob', pass }, {}]);
  });

  it('explains what is wrong, never repeating a password', () => {
    expect(() => resolveRemoteSpec('nowhere:x', lookup)).toThrow(/no remote named "nowhere"/);
    expect(() => resolveRemoteSpec('nowhere:x')).toThrow(/no remote named/);
    expect(() => resolveRemoteSpec('cloud:x', lookup)).toThrow(/"s3" is not supported/);
    expect(() => resolveRemoteSpec(':ftp,host=h:')).toThrow(/not supported/);
    expect(() => resolveRemoteSpec(':sftp,user=u:')).toThrow(/host= is required/);
    expect(() => resolveRemoteSpec(':sftp,host=h,port=99999:')).toThrow(/port= must be/);
    expect(() => resolveRemoteSpec(':sftp,host=h,port=22x:')).toThrow(/port= must be/);
    expect(() => resolveRemoteSpec(':sftp,host=h,bogus=1:')).toThrow(/unknown sftp option "bogus"/);
    let message = '';
    try {
      resolveRemoteSpec(':sftp,host=h,pass=my-plain-secret:');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/pass= must be obscured/);
    expect(message).not.toContain('my-plain-secret');
  });
});
