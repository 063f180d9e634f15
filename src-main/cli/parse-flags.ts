// Command-line parsing driven by an option table (src-shared/options), in rclone's (pflag's) style:
// `--flag value`, `--flag=value`, bare booleans (`--read-only`, `--read-only=false`), counted short
// flags (`-vv`), positionals anywhere, and `--` to end the flags.
import type { AnyOptionSpec, OptionValues } from '../../src-shared/options/index.js';
import { parseOptionValue } from '../../src-shared/options/index.js';
import { UsageError } from './usage-error.js';

export interface ParsedFlags<T> {
  readonly values: T;
  /** Names of the flags that appeared on the command line (some options mean more when explicit). */
  readonly given: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

export function parseFlags<const T extends readonly AnyOptionSpec[]>(
  specs: T,
  args: readonly string[],
  command: string,
): ParsedFlags<OptionValues<T>> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.flatMap((s) => (s.short ? [[s.short, s] as const] : [])));
  const values = new Map<string, unknown>(specs.map((s) => [s.name, s.default]));
  const given = new Set<string>();
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new UsageError(message, command);
  };

  const apply = (spec: AnyOptionSpec, text: string, shown: string): void => {
    if (given.has(spec.name) && !spec.repeatable) fail(`${shown} was given more than once`);
    if (text === '' && spec.kind !== 'bool') fail(`${shown} needs a value`);
    try {
      const previous = given.has(spec.name) ? values.get(spec.name) : undefined;
      values.set(spec.name, parseOptionValue(spec, text, previous));
    } catch (err) {
      fail(`invalid value for ${shown}: ${(err as Error).message}`);
    }
    given.add(spec.name);
  };

  /** True when `arg` is itself one of our flags, so it is not swallowed as another flag's value. */
  const isKnownFlag = (arg: string): boolean => {
    if (arg.startsWith('--')) return byName.has(arg.slice(2).split('=')[0] ?? '');
    return /^-[A-Za-z]+$/.test(arg) && [...arg.slice(1)].every((c) => byShort.has(c));
  };

  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const shown = `--${name}`;
      const spec = byName.get(name) ?? fail(`unknown flag: ${shown}`);
      if (eq >= 0) {
        apply(spec, arg.slice(eq + 1), shown);
      } else if (spec.kind === 'bool') {
        apply(spec, 'true', shown);
      } else if (spec.kind === 'count') {
        apply(spec, String(((values.get(name) as number | undefined) ?? 0) + 1), shown);
      } else {
        const next = args[i + 1];
        if (next === undefined || isKnownFlag(next)) fail(`${shown} needs a value`);
        apply(spec, next ?? '', shown);
        i += 1;
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      i += parseShortGroup(arg, args[i + 1], byShort, values, apply, isKnownFlag, fail);
      continue;
    }
    positionals.push(arg);
  }
  return { values: Object.fromEntries(values) as OptionValues<T>, given, positionals };
}

/** `-v`, `-vv`, `-h`, `-x value`; returns how many extra arguments were consumed (0 or 1). */
function parseShortGroup(
  arg: string,
  next: string | undefined,
  byShort: ReadonlyMap<string, AnyOptionSpec>,
  values: ReadonlyMap<string, unknown>,
  apply: (spec: AnyOptionSpec, text: string, shown: string) => void,
  isKnownFlag: (arg: string) => boolean,
  fail: (message: string) => never,
): number {
  const letters = [...arg.slice(1)];
  for (const [index, letter] of letters.entries()) {
    const shown = `-${letter}`;
    const spec = byShort.get(letter) ?? fail(`unknown flag: ${shown}`);
    if (spec.kind === 'bool') {
      apply(spec, 'true', shown);
    } else if (spec.kind === 'count') {
      apply(spec, String(((values.get(spec.name) as number | undefined) ?? 0) + 1), shown);
    } else {
      // A short flag taking a value must come last in its group: `-x value` or `-xvalue`.
      const rest = letters.slice(index + 1).join('');
      if (rest) {
        apply(spec, rest, shown);
        return 0;
      }
      if (next === undefined || isKnownFlag(next)) fail(`${shown} needs a value`);
      apply(spec, next ?? '', shown);
      return 1;
    }
  }
  return 0;
}
