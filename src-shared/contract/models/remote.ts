// Named SFTP remotes a share can serve from. Secrets go in once and never come back out: the view
// says only whether a password or passphrase is set.
import { z } from 'zod';
import { pathText, plainText, remoteNameSchema } from '../schema-kit.js';

const hostSchema = plainText(255).refine((h) => /^[A-Za-z0-9.:_%[\]-]+$/.test(h), 'not a host name or address');
const remotePortSchema = z.number().int().min(1).max(65535);
const secretSchema = z.string().max(1024).refine((s) => !s.includes('\0'), 'must not contain NUL');

export const remoteSchema = z.strictObject({
  name: remoteNameSchema,
  host: hostSchema,
  port: remotePortSchema,
  user: plainText(128),
  hasPassword: z.boolean(),
  /** Private key file on this machine, or null for password login. */
  keyFile: pathText.nullable(),
  hasKeyPassphrase: z.boolean(),
  knownHostsFile: pathText.nullable(),
});
export type Remote = z.infer<typeof remoteSchema>;

export const remoteCreateSchema = z.strictObject({
  name: remoteNameSchema,
  host: hostSchema,
  port: remotePortSchema.default(22),
  user: plainText(128).refine((u) => u.length > 0, 'a user name is required'),
  password: secretSchema.optional(),
  keyFile: pathText.nullable().default(null),
  keyPassphrase: secretSchema.optional(),
  knownHostsFile: pathText.nullable().default(null),
});

/** Secrets: a string sets, null clears, absent keeps. */
export const remotePatchSchema = z.strictObject({
  host: hostSchema.optional(),
  port: remotePortSchema.optional(),
  user: plainText(128).optional(),
  password: secretSchema.nullable().optional(),
  keyFile: pathText.nullable().optional(),
  keyPassphrase: secretSchema.nullable().optional(),
  knownHostsFile: pathText.nullable().optional(),
});
export type RemotePatch = z.infer<typeof remotePatchSchema>;

export const remoteTestResultSchema = z.strictObject({
  ok: z.boolean(),
  message: plainText(500),
});
