// sessions:*, bans:*, stats:* and cache:* channels.
import type { WharfCore } from '../../core/index.js';
import type { ApiHandlers } from '../router.js';

type LiveChannels = 'sessions:list' | 'sessions:disconnect' | 'bans:list' | 'bans:lift' | 'stats:get' | 'cache:clear';

export function liveHandlers(core: WharfCore): Pick<ApiHandlers, LiveChannels> {
  const { live } = core;
  return {
    'sessions:list': () => live.sessions(),
    'sessions:disconnect': ({ shareId, id }) => live.disconnect(shareId, id),
    'bans:list': () => live.bans(),
    'bans:lift': ({ shareId, ip }) => live.lift(shareId, ip),
    'stats:get': () => live.snapshot(),
    'cache:clear': async ({ shareId }) => {
      await live.clearCache(shareId);
      return null;
    },
  };
}
