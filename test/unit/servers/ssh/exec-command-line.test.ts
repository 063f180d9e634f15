// The exec command-line parser: POSIX shell word splitting and quoting without a shell. The
// round trip with rclone's own unix escaping proves every path rclone can send comes back intact.
import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_LENGTH, parseCommandLine } from '../../../../src-main/servers/sftp/exec/index.js';

/** rclone backend/sftp quoteOrEscapeShellPath for a unix shell: the same safe set, re-implemented. */
function rcloneEscape(p: string): string {
  const escaped = p.replace(/[^A-Za-z0-9_.,:/\\@\u0080-\u{10FFFF}\n-]/gu, (c) => `\\${c}`);
  return escaped.replace(/\n/g, "'\n'");
}

const argv = (line: string): readonly string[] => {
  const r = parseCommandLine(line);
  if (!r.ok) throw new Error(r.error);
  return r.argv;
};

const error = (line: string): string => {
  const r = parseCommandLine(line);
  if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.argv)}`);
  return r.error;
};

describe('parseCommandLine', () => {
  it('splits words on blanks and keeps quoted blanks', () => {
    expect(argv('md5sum  /a/b\t/c')).toEqual(['md5sum', '/a/b', '/c']);
    expect(argv(`df -k '/my folder'`)).toEqual(['df', '-k', '/my folder']);
    expect(argv(`echo "a  b" c\\ d`)).toEqual(['echo', 'a  b', 'c d']);
    expect(argv(`echo '' ""`)).toEqual(['echo', '', '']);
    expect(argv('   ')).toEqual([]);
  });

  it('expands variables to nothing, as a shell does for unset ones', () => {
    expect(argv('echo ${ShellId}%ComSpec%')).toEqual(['echo', '%ComSpec%']);
    expect(argv('echo $HOME')).toEqual(['echo']);
    expect(argv('echo "$HOME"')).toEqual(['echo', '']);
    expect(argv("echo '$HOME'")).toEqual(['echo', '$HOME']);
    expect(argv('echo a$1b $ $%')).toEqual(['echo', 'ab', '$', '$%']);
  });

  it('applies backslash rules inside and outside double quotes', () => {
    expect(argv('echo \\$x \\\\ \\"')).toEqual(['echo', '$x', '\\', '"']);
    expect(argv('echo "\\$ \\" \\\\ \\n"')).toEqual(['echo', '$ " \\ \\n']);
    expect(argv('echo a\\\nb')).toEqual(['echo', 'ab']);
  });

  it('treats # as a comment only at the start of a word', () => {
    expect(argv('echo a#b # rest ignored')).toEqual(['echo', 'a#b']);
  });

  it('round-trips every path rclone escapes for a unix shell', () => {
    const paths = [
      '/plain/path.txt',
      '/with space/and\ttab',
      "/it's/\"quoted\"",
      '/dollar$HOME/`tick`/$(cmd)',
      // (Not backslashes: rclone leaves them unescaped, so no POSIX shell gets them back either.)
      '/semi;colon|pipe&amp<>()',
      '/new\nline/file',
      '/glob*?[x]/~tilde/#hash/!bang',
      '/unicode/héllo/日本語/🚀',
      '/-dash/=eq/+plus/%pct/{brace}',
    ];
    for (const p of paths) expect(argv(`md5sum ${rcloneEscape(p)}`)).toEqual(['md5sum', p]);
  });

  it('refuses what only a real shell could do, with the reason', () => {
    expect(error('echo a | md5sum')).toBe('shell operator "|" is not supported');
    expect(error('md5sum a; rm b')).toBe('shell operator ";" is not supported');
    expect(error('md5sum a && b')).toBe('shell operator "&" is not supported');
    expect(error('df > out')).toBe('shell operator ">" is not supported');
    expect(error('echo $(id)')).toBe('command substitution is not supported');
    expect(error('echo "`id`"')).toBe('command substitution is not supported');
    expect(error('echo a\nrm b')).toBe('several commands are not supported');
    expect(error("echo 'open")).toBe('unterminated single quote');
    expect(error('echo "open')).toBe('unterminated double quote');
    expect(error('echo ${HOME:-x}')).toBe('parameter expansion "${HOME:-x}" is not supported');
    expect(error('echo a\0b')).toBe('command line contains a NUL character');
    expect(error(`echo ${'x'.repeat(MAX_COMMAND_LENGTH)}`)).toBe('command line too long');
  });
});
