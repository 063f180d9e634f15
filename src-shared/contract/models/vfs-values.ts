// A share's VFS options, keyed by their flag names (the option table in src-shared/options is the
// single source: kinds, bounds and defaults come from it). Only values that differ from the default
// need to be stored; `resolveVfsValues` fills in the rest and checks the combination.
import { z } from 'zod';
import { assertNever } from '../../assert-never.js';
import { CACHE_MODES } from '../../cache-mode.js';
import type { AnyOptionSpec } from '../../options/option-spec.js';
import { VFS_OPTIONS, vfsSettingsFromFlags } from '../../options/vfs-options.js';
import type { VfsFlagSettings, VfsFlagValues } from '../../options/vfs-options.js';
import { plainText } from '../schema-kit.js';

const amountOrOff = z.union([z.number().int().nonnegative(), z.literal('off')]);

function schemaForSpec(spec: AnyOptionSpec): z.ZodType {
  if (spec.name === 'vfs-cache-mode') return z.enum(CACHE_MODES);
  switch (spec.kind) {
    case 'string':
      return plainText(4096);
    case 'bool':
      return z.boolean();
    case 'int':
    case 'count':
      return z.number().int().min(0).max(spec.max ?? Number.MAX_SAFE_INTEGER);
    case 'octal':
      return z.number().int().min(0).max(spec.max ?? 0o7777);
    case 'duration':
    case 'size':
      return amountOrOff;
    case 'list':
      return z.array(plainText(4096)).max(64);
    case 'addr':
      return z.strictObject({ host: plainText(255), port: z.number().int().min(0).max(65535) });
    default:
      return assertNever(spec, 'option kind');
  }
}

/** Every VFS option the table declares, each optional (absent: the default). */
export type VfsValues = Partial<{ -readonly [K in keyof VfsFlagValues]: Exclude<VfsFlagValues[K], undefined> }>;

const shape: Record<string, z.ZodType> = Object.fromEntries(
  VFS_OPTIONS.map((spec: AnyOptionSpec) => [spec.name, schemaForSpec(spec).optional()]),
);

/** The defaults from the table (machine-dependent ones stay undefined: the core decides them). */
export function defaultVfsFlagValues(): VfsFlagValues {
  return Object.fromEntries(VFS_OPTIONS.map((spec: AnyOptionSpec) => [spec.name, spec.default])) as unknown as VfsFlagValues;
}

/** Merges stored values over the defaults and checks them; throws an Error naming the flag. */
export function resolveVfsValues(values: VfsValues): VfsFlagSettings {
  return vfsSettingsFromFlags({ ...defaultVfsFlagValues(), ...values } as VfsFlagValues);
}

export const vfsValuesSchema = (z.strictObject(shape) as unknown as z.ZodType<VfsValues>).superRefine((values, ctx) => {
  try {
    resolveVfsValues(values);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
  }
});
