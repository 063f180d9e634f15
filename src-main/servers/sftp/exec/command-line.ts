// Splits an exec command line into words the way a POSIX shell would, without ever running one:
// single quotes, double quotes and backslash escapes (rclone's sftp backend backslash-escapes every
// unsafe byte of a path and wraps newlines as '\n'), and variable references, which expand to
// nothing as unset variables do (rclone detects the shell with `echo ${ShellId}%ComSpec%`).
// Anything that would need a real shell (pipes, redirections, command substitution, several
// commands) is refused with a reason.

export type CommandLine = { readonly ok: true; readonly argv: readonly string[] } | { readonly ok: false; readonly error: string };

/** rclone's paths are at most a few KiB; anything much longer is not a command we can run. */
export const MAX_COMMAND_LENGTH = 64 * 1024;

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '\n']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function parseCommandLine(line: string): CommandLine {
  if (line.length > MAX_COMMAND_LENGTH) return fail('command line too long');
  if (line.includes('\0')) return fail('command line contains a NUL character');
  const argv: string[] = [];
  let word = '';
  /** A word exists once it has a character or a quote, even an empty one (`''` is an argument). */
  let inWord = false;
  let i = 0;
  const endWord = (): void => {
    if (inWord) argv.push(word);
    word = '';
    inWord = false;
  };

  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === ' ' || ch === '\t') {
      endWord();
      i++;
    } else if (ch === '#' && !inWord) {
      break; // a comment runs to the end of the line
    } else if (OPERATORS.has(ch)) {
      return fail(ch === '\n' ? 'several commands are not supported' : `shell operator "${ch}" is not supported`);
    } else if (ch === '`') {
      return fail('command substitution is not supported');
    } else if (ch === '\\') {
      if (i + 1 >= line.length) {
        i++;
        continue; // a trailing backslash escapes nothing
      }
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      } // backslash-newline is a line continuation and vanishes
      i += 2;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return fail('unterminated single quote');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      const r = readDoubleQuoted(line, i + 1);
      if (!r.ok) return r;
      word += r.text;
      inWord = true;
      i = r.next;
    } else if (ch === '$') {
      const r = readVariable(line, i);
      if (!r.ok) return r;
      // Unset variables expand to nothing; an unquoted empty expansion adds no word.
      if (r.literal !== '') {
        word += r.literal;
        inWord = true;
      }
      i = r.next;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  endWord();
  return { ok: true, argv };
}

type Read = { ok: true; text: string; next: number } | { ok: false; error: string };

function readDoubleQuoted(line: string, start: number): Read {
  let text = '';
  let i = start;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === '"') return { ok: true, text, next: i + 1 };
    if (ch === '\\') {
      const next = line[i + 1];
      // Inside double quotes a backslash only escapes these characters.
      if (next === '$' || next === '`' || next === '"' || next === '\\') {
        text += next;
        i += 2;
      } else if (next === '\n') {
        i += 2;
      } else {
        text += ch;
        i++;
      }
    } else if (ch === '`') {
      return fail('command substitution is not supported');
    } else if (ch === '$') {
      const r = readVariable(line, i);
      if (!r.ok) return r;
      text += r.literal;
      i = r.next;
    } else {
      text += ch;
      i++;
    }
  }
  return fail('unterminated double quote');
}

type Variable = { ok: true; literal: string; next: number } | { ok: false; error: string };

/** Reads `$NAME`, `${NAME}` or a special parameter at `start` (the `$`); all expand to "". */
function readVariable(line: string, start: number): Variable {
  const next = line[start + 1];
  if (next === undefined) return { ok: true, literal: '$', next: start + 1 };
  if (next === '(') return fail('command substitution is not supported');
  if (next === '{') {
    const end = line.indexOf('}', start + 2);
    if (end < 0) return fail('unterminated ${');
    const name = line.slice(start + 2, end);
    if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])$/.test(name)) {
      return fail(`parameter expansion "\${${name}}" is not supported`);
    }
    return { ok: true, literal: '', next: end + 1 };
  }
  if (NAME_START.test(next)) {
    let i = start + 2;
    while (i < line.length && NAME_CHAR.test(line[i] as string)) i++;
    return { ok: true, literal: '', next: i };
  }
  if (/[0-9@*#?$!-]/.test(next)) return { ok: true, literal: '', next: start + 2 };
  // A `$` not followed by a name is an ordinary character in a shell.
  return { ok: true, literal: '$', next: start + 1 };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
