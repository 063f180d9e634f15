// A share's users and their public keys, as the window shows them: never a hash, never a key blob.
import { z } from 'zod';
import { pathText, plainText, userNameSchema } from '../schema-kit.js';

export const authorizedKeySchema = z.strictObject({
  type: plainText(64),
  /** `SHA256:...`, as `ssh-keygen -l` prints it. */
  fingerprint: plainText(100),
  comment: plainText(1024),
});
export type AuthorizedKeyInfo = z.infer<typeof authorizedKeySchema>;

export const userSchema = z.strictObject({
  name: userNameSchema,
  hasPassword: z.boolean(),
  keys: z.array(authorizedKeySchema),
  /** The user's folder inside the share ("/" is the whole share). */
  root: pathText,
  readOnly: z.boolean(),
  enabled: z.boolean(),
  /** When the user last logged in (epoch ms, any protocol), or null if never. */
  lastLogin: z.number().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const keyLineErrorSchema = z.strictObject({ line: z.number().int().nonnegative(), reason: plainText(500) });

export const keyImportResultSchema = z.strictObject({
  added: z.array(authorizedKeySchema),
  errors: z.array(keyLineErrorSchema),
});
export type KeyImportResult = z.infer<typeof keyImportResultSchema>;

/** Largest pasted key text accepted (an authorized_keys file of thousands of keys fits). */
export const MAX_KEY_TEXT = 1024 * 1024;
