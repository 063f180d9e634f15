// Renders the flag section of a help text from an option table, grouped, with each default shown,
// so `--help` can never disagree with what the parser does.
import type { AnyOptionSpec, OptionGroup, OptionKind } from './option-spec.js';
import { formatOptionValue } from './parse-value.js';

const PLACEHOLDER: Readonly<Record<OptionKind, string>> = {
  string: 'string',
  bool: '',
  int: 'int',
  octal: 'mode',
  duration: 'duration',
  size: 'size',
  list: 'string',
  addr: 'addr',
  count: '',
};

const MAX_FLAG_COLUMN = 30;

export function formatOptionsHelp(specs: readonly AnyOptionSpec[], width = 100): string {
  const rows = specs.map((spec) => ({ spec, flag: flagColumn(spec), text: `${spec.help}${defaultSuffix(spec)}` }));
  const column = Math.min(MAX_FLAG_COLUMN, Math.max(...rows.map((r) => r.flag.length)) + 2);
  const groups: OptionGroup[] = [];
  for (const { spec } of rows) if (!groups.includes(spec.group)) groups.push(spec.group);
  const out: string[] = [];
  for (const group of groups) {
    out.push(`${group}:`);
    for (const row of rows.filter((r) => r.spec.group === group)) {
      const lines = wrap(row.text, Math.max(30, width - column));
      const indent = ''.padEnd(column);
      // A flag too long for the column gets its own line; the text starts under the column.
      if (row.flag.length + 2 > column) out.push(row.flag);
      else lines[0] = `${row.flag.padEnd(column)}${lines[0] ?? ''}`;
      lines.forEach((line, i) => out.push(i === 0 && row.flag.length + 2 <= column ? line : `${indent}${line}`));
    }
    out.push('');
  }
  return out.join('\n');
}

function flagColumn(spec: AnyOptionSpec): string {
  const placeholder = spec.valueName ?? PLACEHOLDER[spec.kind];
  const long = `--${spec.name}${placeholder ? ` ${placeholder}` : ''}`;
  return spec.short ? `  -${spec.short}, ${long}` : `      ${long}`;
}

function defaultSuffix(spec: AnyOptionSpec): string {
  if (spec.defaultText !== undefined) return ` (default: ${spec.defaultText})`;
  const value: unknown = spec.default;
  if (value === undefined || value === false || (spec.kind === 'count' && value === 0)) return '';
  if (Array.isArray(value) && value.length === 0) return '';
  return ` (default ${formatOptionValue(spec, value)})`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
