// App-wide settings the person changes in the Settings screen. `caseInsensitive: null` follows the
// system's default (on for Windows and macOS), which `app:info` reports.
import { z } from 'zod';
import { BIND_MODES } from './share.js';

export const THEMES = ['system', 'light', 'dark'] as const;

export const appSettingsSchema = z.strictObject({
  caseInsensitive: z.boolean().nullable(),
  theme: z.enum(THEMES),
  startAtLogin: z.boolean(),
  closeToTray: z.boolean(),
  resumeOnLaunch: z.boolean(),
  /** Bind mode of shares created with "Share folder over SFTP". */
  defaultBind: z.enum(BIND_MODES),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const DEFAULT_APP_SETTINGS: AppSettings = {
  caseInsensitive: null,
  theme: 'system',
  startAtLogin: false,
  closeToTray: true,
  resumeOnLaunch: true,
  defaultBind: 'localhost',
};

export const appSettingsPatchSchema = appSettingsSchema.partial();

export const appInfoSchema = z.strictObject({
  version: z.string().max(64),
  platform: z.string().max(32),
  /** Which transport the window talks through. */
  mode: z.enum(['electron', 'headless']),
  /** The system's default for case-insensitive names (used while caseInsensitive is null). */
  caseInsensitiveDefault: z.boolean(),
  protocols: z.strictObject({ sftp: z.boolean(), ftp: z.boolean() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
