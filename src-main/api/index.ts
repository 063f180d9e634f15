// src-main/api: the contract's handlers (one per request channel, over the core), the router that
// validates every payload and wraps every answer in the envelope, the event feed, and the headless
// transport (HTTP + WebSocket behind a token). The Electron shell builds its IPC transport on the
// same router and event source.
// May import: core, src-shared, node builtins, zod, ws.
export { createRouter } from './router.js';
export type { ApiHandlers, ApiRouter } from './router.js';
export { createApiHandlers } from './handlers/index.js';
export type { AppInfoOptions } from './handlers/index.js';
export { coreEventSource } from './event-feed.js';
export type { EventSink, EventSource } from './event-feed.js';
export { ApiError, toErrorInfo } from './api-errors.js';
export { startHeadlessServer } from './headless/headless-server.js';
export type { HeadlessOptions, HeadlessServer } from './headless/headless-server.js';
export { generateToken, tokenMatches } from './headless/access-token.js';
export { CONTENT_SECURITY_POLICY } from './headless/static-files.js';
export { contentTypeOf, RENDERER_CONTENT_TYPES } from './headless/content-types.js';
