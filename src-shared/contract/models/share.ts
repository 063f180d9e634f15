// Shares: a folder (or a folder on a named remote) served over SFTP and/or FTP, each protocol with
// its own port and bind mode, plus read-only, the VFS options and an optional auth proxy program.
import { z } from 'zod';
import { pathText, plainText, portSchema, remoteNameSchema, shareIdSchema, shareNameSchema } from '../schema-kit.js';
import { serverStatusSchema } from './server-status.js';
import { vfsValuesSchema } from './vfs-values.js';

/** "localhost" listens on 127.0.0.1 only; "network" on every interface (other machines can connect). */
export const BIND_MODES = ['localhost', 'network'] as const;
export type BindMode = (typeof BIND_MODES)[number];

export const shareSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local'), path: pathText.refine((p) => p.length > 0, 'a folder is required') }),
  /** `path` is inside the remote; "" is the remote's login folder. */
  z.strictObject({ kind: z.literal('remote'), remote: remoteNameSchema, path: pathText }),
]);
export type ShareSource = z.infer<typeof shareSourceSchema>;

export const serverSettingsSchema = z.strictObject({
  /** The person wants it running: it is started now and again on the next launch. */
  enabled: z.boolean(),
  port: portSchema,
  bind: z.enum(BIND_MODES),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

export const DEFAULT_SFTP_PORT = 2022;
export const DEFAULT_FTP_PORT = 2121;

export const shareSettingsSchema = z.strictObject({
  name: shareNameSchema,
  source: shareSourceSchema,
  sftp: serverSettingsSchema,
  ftp: serverSettingsSchema,
  readOnly: z.boolean(),
  /** VFS options that differ from the defaults, by flag name (see vfs-values.ts). */
  vfs: vfsValuesSchema,
  /** Program deciding each login (rclone's --auth-proxy), instead of the share's users. */
  authProxy: plainText(4096).nullable(),
});
export type ShareSettings = z.infer<typeof shareSettingsSchema>;

/** What creating a share needs; everything but the name and source has a default. */
export const shareCreateSchema = z.strictObject({
  name: shareNameSchema,
  source: shareSourceSchema,
  sftp: serverSettingsSchema.default({ enabled: true, port: DEFAULT_SFTP_PORT, bind: 'localhost' }),
  ftp: serverSettingsSchema.default({ enabled: false, port: DEFAULT_FTP_PORT, bind: 'localhost' }),
  readOnly: z.boolean().default(false),
  vfs: vfsValuesSchema.default({}),
  authProxy: plainText(4096).nullable().default(null),
});

export const sharePatchSchema = z.strictObject({
  name: shareNameSchema.optional(),
  source: shareSourceSchema.optional(),
  sftp: serverSettingsSchema.partial().optional(),
  ftp: serverSettingsSchema.partial().optional(),
  readOnly: z.boolean().optional(),
  vfs: vfsValuesSchema.optional(),
  authProxy: plainText(4096).nullable().optional(),
});
export type SharePatch = z.infer<typeof sharePatchSchema>;

export const shareSchema = z.strictObject({
  id: shareIdSchema,
  ...shareSettingsSchema.shape,
  status: z.strictObject({ sftp: serverStatusSchema, ftp: serverStatusSchema }),
  userCount: z.number().int().nonnegative(),
});
export type Share = z.infer<typeof shareSchema>;
