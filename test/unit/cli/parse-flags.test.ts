import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from '../../../src-main/cli/index.js';
import { GENERAL_OPTIONS, SERVE_SFTP_OPTIONS } from '../../../src-shared/options/index.js';

const TABLE = [...SERVE_SFTP_OPTIONS, ...GENERAL_OPTIONS];
const parse = (...args: string[]) => parseFlags(TABLE, args, 'wharf serve sftp');
const failure = (...args: string[]): string => {
  try {
    parse(...args);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no error for ${args.join(' ')}`);
};

describe('parseFlags', () => {
  it('gives the table defaults when no flag is present', () => {
    const { values, given, positionals } = parse('/srv');
    expect(positionals).toEqual(['/srv']);
    expect(given.size).toBe(0);
    expect(values.addr).toEqual({ host: 'localhost', port: 2022 });
    expect(values['file-perms']).toBe(0o666);
    expect(values.umask).toBe(2);
    expect(values.key).toEqual([]);
    expect(values.user).toBeUndefined();
    expect(values.verbose).toBe(0);
    expect(values['read-only']).toBe(false);
  });

  it('accepts --flag value, --flag=value and positionals anywhere', () => {
    const { values, given, positionals } = parse('--user', 'me', '/srv', '--pass=se=cret', '--addr', ':0');
    expect(values.user).toBe('me');
    expect(values.pass).toBe('se=cret');
    expect(values.addr).toEqual({ host: '', port: 0 });
    expect(positionals).toEqual(['/srv']);
    expect([...given].sort()).toEqual(['addr', 'pass', 'user']);
  });

  it('treats booleans as switches with an optional =value', () => {
    expect(parse('--read-only').values['read-only']).toBe(true);
    expect(parse('--read-only=false').values['read-only']).toBe(false);
    expect(parse('--read-only=true').values['read-only']).toBe(true);
    // A bare boolean never swallows the next word.
    expect(parse('--read-only', 'false').positionals).toEqual(['false']);
    expect(failure('--read-only=maybe')).toBe('invalid value for --read-only: expected true or false, got "maybe"');
  });

  it('counts -v, -vv and --verbose', () => {
    expect(parse('-v').values.verbose).toBe(1);
    expect(parse('-vv').values.verbose).toBe(2);
    expect(parse('-v', '--verbose').values.verbose).toBe(2);
    expect(parse('--verbose=3').values.verbose).toBe(3);
    expect(parse('-h').values.help).toBe(true);
    expect(parse('-vh').values).toMatchObject({ verbose: 1, help: true });
  });

  it('collects repeatable list flags and refuses other flags given twice', () => {
    expect(parse('--key', 'a', '--key=b,c').values.key).toEqual(['a', 'b,c']);
    expect(failure('--user', 'a', '--user', 'b')).toBe('--user was given more than once');
  });

  it('parses typed values and names the flag on errors', () => {
    expect(parse('--file-perms', '0640', '--uid', '33').values).toMatchObject({ 'file-perms': 0o640, uid: 33 });
    expect(failure('--umask', '9')).toMatch(/^invalid value for --umask: expected an octal mode/);
    expect(failure('--uid', 'root')).toMatch(/^invalid value for --uid: expected a whole number/);
    expect(failure('--addr', 'nowhere')).toMatch(/^invalid value for --addr: invalid address "nowhere"/);
  });

  it('refuses unknown flags, missing values and empty values', () => {
    expect(failure('--bogus')).toBe('unknown flag: --bogus');
    expect(failure('--bogus=1')).toBe('unknown flag: --bogus');
    expect(failure('-x')).toBe('unknown flag: -x');
    expect(failure('/srv', '--user')).toBe('--user needs a value');
    expect(failure('--user', '--read-only')).toBe('--user needs a value');
    expect(failure('--user=')).toBe('--user needs a value');
  });

  it('lets values start with a dash when they are not flags, and -- end the flags', () => {
    expect(parse('--pass', '-secret').values.pass).toBe('-secret');
    expect(parse('--', '--read-only').positionals).toEqual(['--read-only']);
    expect(parse('--', '--read-only').values['read-only']).toBe(false);
  });
});
