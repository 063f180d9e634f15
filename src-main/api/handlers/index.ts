// Every request channel's handler, over one WharfCore. The type makes a missing channel a compile
// error, so the contract and the handlers cannot drift apart.
import type { WharfCore } from '../../core/index.js';
import type { ApiHandlers } from '../router.js';
import { appHandlers } from './app-handlers.js';
import type { AppInfoOptions } from './app-handlers.js';
import { liveHandlers } from './live-handlers.js';
import { remoteHandlers } from './remote-handlers.js';
import { shareHandlers } from './share-handlers.js';
import { userHandlers } from './user-handlers.js';

export type { AppInfoOptions } from './app-handlers.js';

export function createApiHandlers(core: WharfCore, info: AppInfoOptions): ApiHandlers {
  return {
    ...appHandlers(core, info),
    ...shareHandlers(core),
    ...userHandlers(core),
    ...remoteHandlers(core),
    ...liveHandlers(core),
  };
}
