// src-shared/contract: the typed contract between main and the window. Request channels
// (`domain:verb`) with zod schemas for payloads and results, event channels, the models (Share,
// User, AuthorizedKey, Remote, ServerStatus, Transfer, Session, Stats, settings, connection card)
// and the `{ ok, value | error }` envelope. Pure TS; may import zod and the rest of src-shared.
export * from './envelope.js';
export * from './channels.js';
export type { WharfBridge, WsRequest, WsServerMessage } from './bridge.js';
export { EMPTY, pathText, plainText, portSchema, remoteNameSchema, shareIdSchema, shareNameSchema, userNameSchema } from './schema-kit.js';
export * from './models/server-status.js';
export * from './models/share.js';
export * from './models/user.js';
export * from './models/remote.js';
export * from './models/stats.js';
export * from './models/app-settings.js';
export * from './models/connection-card.js';
export { defaultVfsFlagValues, resolveVfsValues, vfsValuesSchema } from './models/vfs-values.js';
export type { VfsValues } from './models/vfs-values.js';
