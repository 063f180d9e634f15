// Small schema building blocks shared by the models: bounded text without control characters,
// ids, names and ports. Bounds keep a hostile or buggy caller from sending megabytes of "name".
import { z } from 'zod';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Text of at most `max` characters with no control characters (NUL, newlines, escapes). */
export function plainText(max: number) {
  return z.string().max(max).refine((s) => !CONTROL.test(s), 'must not contain control characters');
}

/** A file system path as typed by the person (absolute on this machine, or inside a remote). */
export const pathText = plainText(4096);

export const shareIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a share id');

/** Names people give shares: visible in lists and the tray. */
export const shareNameSchema = plainText(64)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, 'a name is required');

/** Remote names follow rclone's rules for config sections (letters, digits, _ - . and spaces inside). */
export const remoteNameSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_. -]*$/, 'use letters, digits, _ - . and spaces (not first)')
  .refine((s) => !s.endsWith(' '), 'must not end with a space');

/** Port 0 asks the system for a free port. */
export const portSchema = z.number().int().min(0).max(65535);

export const userNameSchema = plainText(64).refine((s) => s.length > 0, 'a user name is required');

/** Milliseconds since the epoch. */
export const timeSchema = z.number().int().nonnegative();

export const EMPTY = z.strictObject({});
