import { describe, expect, it } from 'vitest';
import {
  formatOptionsHelp,
  formatOptionValue,
  GENERAL_OPTIONS,
  parseAddress,
  parseBool,
  parseOctal,
  parseOptionValue,
  SERVE_SFTP_OPTIONS,
} from '../../../src-shared/options/index.js';
import type { AnyOptionSpec } from '../../../src-shared/options/index.js';

const ALL: readonly AnyOptionSpec[] = [...SERVE_SFTP_OPTIONS, ...GENERAL_OPTIONS];
const spec = (name: string): AnyOptionSpec => {
  const found = ALL.find((s) => s.name === name);
  if (!found) throw new Error(`no option ${name}`);
  return found;
};

describe('the serve sftp option table', () => {
  it('declares every rclone serve sftp flag Wharf supports, once', () => {
    const names = ALL.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      'addr', 'user', 'pass', 'authorized-keys', 'no-auth', 'key', 'read-only', 'file-perms',
      'dir-perms', 'uid', 'gid', 'umask', 'no-modtime', 'no-checksum', 'verbose', 'help', 'version',
    ]) {
      expect(names).toContain(name);
    }
  });

  it("uses rclone's defaults", () => {
    expect(spec('addr').default).toEqual({ host: 'localhost', port: 2022 });
    expect(spec('file-perms').default).toBe(0o666);
    expect(spec('dir-perms').default).toBe(0o777);
    expect(spec('umask').default).toBe(0o002);
    expect(spec('read-only').default).toBe(false);
    expect(spec('no-auth').default).toBe(false);
    expect(spec('uid').default).toBeUndefined();
    expect(spec('authorized-keys').defaultText).toContain('~/.ssh/authorized_keys');
  });

  it('keeps kind-specific rules: list and count flags are repeatable, others are not', () => {
    for (const s of ALL) {
      expect(Boolean(s.repeatable), s.name).toBe(s.kind === 'list' || s.kind === 'count');
      expect(s.name, s.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(s.help.length, s.name).toBeGreaterThan(10);
    }
  });
});

describe('value parsing', () => {
  it('parses booleans with Go spellings only', () => {
    expect(parseBool('true')).toBe(true);
    expect(parseBool('1')).toBe(true);
    expect(parseBool('False')).toBe(false);
    expect(() => parseBool('yes')).toThrow(/true or false/);
  });

  it('parses octal modes', () => {
    expect(parseOctal('0644')).toBe(0o644);
    expect(parseOctal('644')).toBe(0o644);
    expect(parseOctal('0o755')).toBe(0o755);
    expect(parseOctal('2')).toBe(2);
    expect(() => parseOctal('0888')).toThrow(/octal/);
    expect(() => parseOctal('17777')).toThrow(/too large/);
    expect(() => parseOptionValue(spec('umask'), '1000')).toThrow(/at most 0777/);
  });

  it('parses listen addresses', () => {
    expect(parseAddress('localhost:2022')).toEqual({ host: 'localhost', port: 2022 });
    expect(parseAddress(':2022')).toEqual({ host: '', port: 2022 });
    expect(parseAddress('127.0.0.1:0')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseAddress('[::1]:22')).toEqual({ host: '::1', port: 22 });
    expect(parseAddress('[fe80::1%eth0]:22')).toEqual({ host: 'fe80::1%eth0', port: 22 });
    for (const bad of ['2022', 'host:', 'host:65536', 'host:-1', '::1:22', '[::1]22', 'bad host:1', '[zz]:1', 'a:b']) {
      expect(() => parseAddress(bad), bad).toThrow();
    }
  });

  it('parses ints within bounds', () => {
    expect(parseOptionValue(spec('uid'), '1000')).toBe(1000);
    expect(() => parseOptionValue(spec('uid'), '-1')).toThrow(/whole number/);
    expect(() => parseOptionValue(spec('uid'), '4294967296')).toThrow(/too large/);
    expect(() => parseOptionValue(spec('uid'), '1e3')).toThrow(/whole number/);
  });

  it('accumulates list values without splitting on commas', () => {
    const first = parseOptionValue(spec('key'), 'a,b');
    expect(parseOptionValue(spec('key'), 'c', first)).toEqual(['a,b', 'c']);
  });

  it('formats values back', () => {
    expect(formatOptionValue(spec('file-perms'), 0o644)).toBe('0644');
    expect(formatOptionValue(spec('addr'), { host: '::1', port: 22 })).toBe('[::1]:22');
  });
});

describe('generated help', () => {
  const help = formatOptionsHelp(ALL);

  it('lists every flag with its placeholder and default', () => {
    for (const s of ALL) expect(help).toContain(`--${s.name}`);
    expect(help).toMatch(/--addr HOST:PORT +Address.*\n.*\(default localhost:2022\)/);
    expect(help).toContain('(default 0666)');
    expect(help).toContain('(default 0777)');
    expect(help).toContain('(default 0002)');
    expect(help).toContain('-v, --verbose');
    expect(help).toContain('-h, --help');
  });

  it('groups flags under headings and keeps lines within the width', () => {
    for (const heading of ['Server:', 'Authentication:', 'Files:', 'Logging:', 'General:']) {
      expect(help.split('\n')).toContain(heading);
    }
    expect(help.indexOf('Server:')).toBeLessThan(help.indexOf('Authentication:'));
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});
