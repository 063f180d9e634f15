// The shape of one declared option. A table of these is the single source from which the CLI flags,
// `--help`, and later the settings schema and the UI are generated (rclone vfscommon/options.go).
import type { Duration } from '../units/duration.js';
import type { Size } from '../units/size.js';

/** A listen address; an empty host means every interface. */
export interface Address {
  readonly host: string;
  readonly port: number;
}

/** The parsed value each option kind yields. */
export interface OptionValueByKind {
  readonly string: string;
  readonly bool: boolean;
  readonly int: number;
  /** Permission bits or a umask, written in octal ("0666", "022"). */
  readonly octal: number;
  /** Milliseconds, or 'off'. */
  readonly duration: Duration;
  /** Bytes, or 'off'. */
  readonly size: Size;
  /** Every occurrence of the flag adds one item (file names may contain commas, so no splitting). */
  readonly list: readonly string[];
  readonly addr: Address;
  /** How many times the flag was given (-v, -vv). */
  readonly count: number;
}

export type OptionKind = keyof OptionValueByKind;

export type OptionGroup = 'Server' | 'Authentication' | 'Files' | 'VFS' | 'Logging' | 'General';

export interface OptionSpec<K extends OptionKind = OptionKind> {
  /** Long flag name in kebab-case, without the dashes. */
  readonly name: string;
  /** One-letter alias, without the dash. */
  readonly short?: string;
  readonly kind: K;
  /** Value when the flag is absent; undefined means "not set" (the help then shows `defaultText`). */
  readonly default: OptionValueByKind[K] | undefined;
  /** What the help shows as the default when the value depends on the machine or is unset. */
  readonly defaultText?: string;
  /** Placeholder for the value in the help ("FILE", "HOST:PORT"); defaults by kind. */
  readonly valueName?: string;
  readonly help: string;
  readonly group: OptionGroup;
  /** Upper bound for int and octal values (inclusive). */
  readonly max?: number;
  /** The flag may be given more than once (list and count kinds); others given twice are an error. */
  readonly repeatable?: boolean;
}

/** Any spec, with its kind and default kept in step (a union over the kinds). */
export type AnyOptionSpec = { readonly [K in OptionKind]: OptionSpec<K> }[OptionKind];

/** Value type of one spec: optional when the spec has no default. */
export type ValueOfSpec<S extends AnyOptionSpec> = S extends { readonly default: undefined }
  ? OptionValueByKind[S['kind']] | undefined
  : OptionValueByKind[S['kind']];

/** The typed record a table parses into, keyed by flag name. */
export type OptionValues<T extends readonly AnyOptionSpec[]> = {
  readonly [S in T[number] as S['name']]: ValueOfSpec<S>;
};
