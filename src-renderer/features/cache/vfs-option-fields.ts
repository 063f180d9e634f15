// The "Advanced" VFS options of a share as form text: every option of the shared table except the
// cache mode (chosen above it), shown with its default and help, parsed back with the same parsers
// the CLI uses, and checked as a whole with the contract's schema. Pure (no DOM).
import type { VfsValues } from '../../../src-shared/contract/index.js';
import { vfsValuesSchema } from '../../../src-shared/contract/index.js';
import { assertNever } from '../../../src-shared/assert-never.js';
import type { AnyOptionSpec } from '../../../src-shared/options/index.js';
import { formatOptionValue, parseOptionValue, VFS_OPTIONS } from '../../../src-shared/options/index.js';

export const ADVANCED_OPTIONS: readonly AnyOptionSpec[] = VFS_OPTIONS.filter((o: AnyOptionSpec) => o.name !== 'vfs-cache-mode');

/** How a field is edited: a text box, a checkbox, or (for unset-means-system booleans) a choice. */
export type FieldKind = 'text' | 'checkbox' | 'tristate';

export function fieldKind(spec: AnyOptionSpec): FieldKind {
  if (spec.kind !== 'bool') return 'text';
  return spec.default === undefined ? 'tristate' : 'checkbox';
}

export function defaultLabel(spec: AnyOptionSpec): string {
  if (spec.default === undefined) return spec.defaultText ?? 'not set';
  return formatOptionValue(spec, spec.default);
}

/** The label people read: the flag name without the vfs- prefix, spaced ("cache max size"). */
export function optionLabel(spec: AnyOptionSpec): string {
  const text = spec.name.replace(/^vfs-/, '').replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The form's text per option: "" for options left at their default. */
export function textsFromValues(values: VfsValues): Record<string, string> {
  const stored = values as Readonly<Record<string, unknown>>;
  const out: Record<string, string> = {};
  for (const spec of ADVANCED_OPTIONS) {
    const value = stored[spec.name];
    if (value === undefined) out[spec.name] = '';
    else if (spec.kind === 'bool') out[spec.name] = value ? 'true' : 'false';
    else out[spec.name] = formatOptionValue(spec, value);
  }
  return out;
}

function parseField(spec: AnyOptionSpec, text: string): unknown {
  switch (spec.kind) {
    case 'bool':
      return text === 'true';
    case 'duration':
    case 'size': {
      const v = parseOptionValue(spec, text) as number | 'off';
      return v === 'off' ? v : Math.round(v);
    }
    case 'string':
    case 'int':
    case 'count':
    case 'octal':
    case 'list':
    case 'addr':
      return parseOptionValue(spec, text);
    default:
      return assertNever(spec, 'option kind');
  }
}

export type ParsedVfs = { readonly ok: true; readonly values: VfsValues } | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/**
 * Turns the form back into stored values over `base` (which keeps the cache mode). Empty text means
 * "use the default" and drops the option; a value equal to the default is dropped too.
 */
export function valuesFromTexts(texts: Readonly<Record<string, string>>, base: VfsValues): ParsedVfs {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const errors: Record<string, string> = {};
  for (const spec of ADVANCED_OPTIONS) {
    const text = (texts[spec.name] ?? '').trim();
    delete out[spec.name];
    if (text === '') continue;
    try {
      const value = parseField(spec, text);
      if (spec.default !== undefined && JSON.stringify(value) === JSON.stringify(spec.default)) continue;
      out[spec.name] = value;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors[spec.name] = message.charAt(0).toUpperCase() + message.slice(1);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const checked = vfsValuesSchema.safeParse(out);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = typeof issue?.path[0] === 'string' ? issue.path[0] : 'form';
    const message = issue?.message ?? 'these values cannot work together';
    return { ok: false, errors: { [field]: message.charAt(0).toUpperCase() + message.slice(1) } };
  }
  return { ok: true, values: checked.data };
}
