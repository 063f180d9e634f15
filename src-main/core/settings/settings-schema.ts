// The settings document as stored (version 1): app settings, shares with their users (password
// hashes only), and named remotes with sealed secrets. One zod schema; older documents are brought
// up to this version by settings-migrations.ts before they are checked against it.
import { z } from 'zod';
import {
  appSettingsSchema,
  remoteNameSchema,
  shareIdSchema,
  shareSettingsSchema,
} from '../../../src-shared/contract/index.js';

export const SETTINGS_VERSION = 1;

/** A user as UserStore.toRecords writes it; UserStore.fromRecords checks the details. */
export const userRecordSchema = z.object({
  name: z.string(),
  passwordHash: z.string().optional(),
  keys: z.array(z.object({ type: z.string(), data: z.string(), comment: z.string() })),
  root: z.string(),
  readOnly: z.boolean(),
  enabled: z.boolean(),
});

export const shareRecordSchema = z.object({
  id: shareIdSchema,
  ...shareSettingsSchema.shape,
  users: z.array(userRecordSchema),
  /** When each user last logged in (epoch ms), by user name; absent in documents saved before it existed. */
  lastLogins: z.record(z.string(), z.number()).optional(),
});
export type ShareRecord = z.infer<typeof shareRecordSchema>;

/** A secret sealed by a SecretBox (`scheme:data`); never a plain password. */
const sealedSchema = z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9+/=]*$/, 'not a sealed secret');

export const remoteRecordSchema = z.object({
  name: remoteNameSchema,
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  user: z.string(),
  password: sealedSchema.nullable(),
  keyFile: z.string().nullable(),
  keyPassphrase: sealedSchema.nullable(),
  knownHostsFile: z.string().nullable(),
});
export type RemoteRecord = z.infer<typeof remoteRecordSchema>;

export const settingsDocumentSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  app: appSettingsSchema,
  shares: z.array(shareRecordSchema),
  remotes: z.array(remoteRecordSchema),
});
export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;
