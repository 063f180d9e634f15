// The request channels (`domain:verb`) with the schema of each payload and result, and the event
// channels main pushes to the window. Both transports (Electron IPC, the headless WebSocket) carry
// exactly these; main validates every payload against them before a handler runs.
import { z } from 'zod';
import { appInfoSchema, appSettingsPatchSchema, appSettingsSchema } from './models/app-settings.js';
import { connectionCardSchema } from './models/connection-card.js';
import { remoteCreateSchema, remotePatchSchema, remoteSchema, remoteTestResultSchema } from './models/remote.js';
import { protocolSchema, serverStatusSchema } from './models/server-status.js';
import { shareCreateSchema, sharePatchSchema, shareSchema } from './models/share.js';
import { banSchema, sessionSchema, statsSchema } from './models/stats.js';
import { keyImportResultSchema, MAX_KEY_TEXT, userSchema } from './models/user.js';
import { EMPTY, pathText, plainText, remoteNameSchema, shareIdSchema, userNameSchema } from './schema-kit.js';

interface ChannelSpec {
  readonly payload: z.ZodType;
  readonly result: z.ZodType;
}

const channel = <P extends z.ZodType, R extends z.ZodType>(payload: P, result: R) => ({ payload, result });

const shareRef = z.strictObject({ id: shareIdSchema });
const serverRef = z.strictObject({ id: shareIdSchema, protocol: protocolSchema });
const userRef = z.strictObject({ shareId: shareIdSchema, name: userNameSchema });
const password = z.string().max(1024);

export const REQUEST_CHANNELS = {
  'app:info': channel(EMPTY, appInfoSchema),

  'settings:get': channel(EMPTY, appSettingsSchema),
  'settings:update': channel(appSettingsPatchSchema, appSettingsSchema),

  'shares:list': channel(EMPTY, z.array(shareSchema)),
  'shares:get': channel(shareRef, shareSchema),
  'shares:create': channel(shareCreateSchema, shareSchema),
  'shares:update': channel(z.strictObject({ id: shareIdSchema, patch: sharePatchSchema }), shareSchema),
  'shares:remove': channel(shareRef, z.null()),
  /** Turns one protocol on (and keeps it on across launches); resolves once it runs or failed. */
  'shares:start': channel(serverRef, serverStatusSchema),
  'shares:stop': channel(serverRef, serverStatusSchema),
  /** "Share folder over SFTP": a new share with a generated user and password, started at once. */
  'shares:quick-sftp': channel(z.strictObject({ path: pathText }), connectionCardSchema),
  /** The card of a running server (without password). */
  'shares:card': channel(serverRef, connectionCardSchema),

  'users:list': channel(z.strictObject({ shareId: shareIdSchema }), z.array(userSchema)),
  'users:add': channel(
    z.strictObject({
      shareId: shareIdSchema,
      name: userNameSchema,
      /** A password to set; with `generatePassword` one is made and returned once. */
      password: password.optional(),
      generatePassword: z.boolean().default(false),
      root: pathText.default('/'),
      readOnly: z.boolean().default(false),
    }),
    z.strictObject({ user: userSchema, password: plainText(256).nullable() }),
  ),
  'users:update': channel(
    z.strictObject({
      ...userRef.shape,
      patch: z.strictObject({ root: pathText.optional(), readOnly: z.boolean().optional(), enabled: z.boolean().optional() }),
    }),
    userSchema,
  ),
  'users:set-password': channel(z.strictObject({ ...userRef.shape, password }), userSchema),
  'users:reset-password': channel(userRef, z.strictObject({ password: plainText(256) })),
  'users:clear-password': channel(userRef, userSchema),
  'users:remove': channel(userRef, z.null()),

  'keys:add': channel(z.strictObject({ ...userRef.shape, text: z.string().max(MAX_KEY_TEXT) }), keyImportResultSchema),
  'keys:remove': channel(z.strictObject({ ...userRef.shape, fingerprint: plainText(100) }), z.null()),

  'remotes:list': channel(EMPTY, z.array(remoteSchema)),
  'remotes:create': channel(remoteCreateSchema, remoteSchema),
  'remotes:update': channel(z.strictObject({ name: remoteNameSchema, patch: remotePatchSchema }), remoteSchema),
  'remotes:remove': channel(z.strictObject({ name: remoteNameSchema }), z.null()),
  'remotes:test': channel(z.strictObject({ name: remoteNameSchema }), remoteTestResultSchema),

  'sessions:list': channel(EMPTY, z.array(sessionSchema)),
  'sessions:disconnect': channel(z.strictObject({ shareId: shareIdSchema, id: plainText(64) }), z.boolean()),
  'bans:list': channel(EMPTY, z.array(banSchema)),
  'bans:lift': channel(z.strictObject({ shareId: shareIdSchema, ip: plainText(64) }), z.boolean()),
  'stats:get': channel(EMPTY, statsSchema),
  /** Drops the share's cached copies of files that are not open or waiting to upload. */
  'cache:clear': channel(z.strictObject({ shareId: shareIdSchema }), z.null()),

  /** The native folder picker; null when cancelled. Headless answers `unavailable`. */
  'dialog:pick-folder': channel(EMPTY, z.strictObject({ path: z.string().max(4096).nullable() })),
} as const satisfies Record<string, ChannelSpec>;

export type RequestChannel = keyof typeof REQUEST_CHANNELS;
/** What a caller sends (defaults not yet applied). */
export type PayloadOf<C extends RequestChannel> = z.input<(typeof REQUEST_CHANNELS)[C]['payload']>;
/** What a handler receives: the payload after validation, defaults filled in. */
export type ParsedPayloadOf<C extends RequestChannel> = z.output<(typeof REQUEST_CHANNELS)[C]['payload']>;
export type ResultOf<C extends RequestChannel> = z.output<(typeof REQUEST_CHANNELS)[C]['result']>;

export const EVENT_CHANNELS = {
  /** Any share added, removed, changed or changing state: the whole list. */
  'shares:changed': z.array(shareSchema),
  /** One server changed state (the tray listens to this). */
  'status:changed': z.strictObject({ shareId: shareIdSchema, protocol: protocolSchema, status: serverStatusSchema }),
  /** Live statistics, at most four times a second. */
  'stats:update': statsSchema,
  'settings:changed': appSettingsSchema,
} as const satisfies Record<string, z.ZodType>;

export type EventChannel = keyof typeof EVENT_CHANNELS;
export type EventPayloadOf<E extends EventChannel> = z.output<(typeof EVENT_CHANNELS)[E]>;

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(REQUEST_CHANNELS, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(EVENT_CHANNELS, name);
}
