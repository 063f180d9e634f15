// The serve ftp option table (rclone's names and defaults) and the passive port range parser.
import { describe, expect, it } from 'vitest';
import { parsePassivePorts, SERVE_FTP_OPTIONS } from '../../../src-shared/options/index.js';

describe('parsePassivePorts', () => {
  it.each([
    ['30000-32000', { min: 30000, max: 32000 }],
    [' 1024 - 1030 ', { min: 1024, max: 1030 }],
    ['2122', { min: 2122, max: 2122 }],
    ['65535-65535', { min: 65535, max: 65535 }],
    ['0', { min: 0, max: 0 }],
    ['0-0', { min: 0, max: 0 }],
  ])('accepts %j', (text, range) => {
    expect(parsePassivePorts(text)).toEqual(range);
  });

  it.each([
    ['32000-30000', /low port comes first/],
    ['0-100', /between 1 and 65535/],
    ['1-65536', /between 1 and 65535/],
    ['70000', /between 1 and 65535/],
    ['', /expected a port range/],
    ['30000-', /expected a port range/],
    ['-5', /expected a port range/],
    ['30000:32000', /expected a port range/],
    ['1e3-2e3', /expected a port range/],
    ['123456-123457', /expected a port range/],
  ])('refuses %j', (text, message) => {
    expect(() => parsePassivePorts(text)).toThrow(message);
  });
});

describe('SERVE_FTP_OPTIONS', () => {
  it("keeps rclone serve ftp's defaults", () => {
    const defaults = Object.fromEntries(SERVE_FTP_OPTIONS.map((s) => [s.name, s.default]));
    expect(defaults).toMatchObject({
      addr: { host: 'localhost', port: 2121 },
      user: 'anonymous',
      pass: undefined,
      'passive-port': '30000-32000',
      'file-perms': 0o666,
      'dir-perms': 0o777,
      umask: 0o002,
    });
    expect(() => parsePassivePorts(String(defaults['passive-port']))).not.toThrow();
    expect(new Set(SERVE_FTP_OPTIONS.map((s) => s.name)).size).toBe(SERVE_FTP_OPTIONS.length);
  });
});
