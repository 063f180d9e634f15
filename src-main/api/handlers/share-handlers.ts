// shares:* channels.
import type { WharfCore } from '../../core/index.js';
import type { ApiHandlers } from '../router.js';

type ShareChannels =
  | 'shares:list'
  | 'shares:get'
  | 'shares:create'
  | 'shares:update'
  | 'shares:remove'
  | 'shares:start'
  | 'shares:stop'
  | 'shares:quick-sftp'
  | 'shares:card';

export function shareHandlers(core: WharfCore): Pick<ApiHandlers, ShareChannels> {
  return {
    'shares:list': () => core.shares.list(),
    'shares:get': ({ id }) => core.shares.get(id),
    'shares:create': (input) => core.shares.create(input),
    'shares:update': ({ id, patch }) => core.shares.update(id, patch),
    'shares:remove': async ({ id }) => {
      await core.shares.remove(id);
      return null;
    },
    'shares:start': ({ id, protocol }) => core.shares.start(id, protocol),
    'shares:stop': ({ id, protocol }) => core.shares.stop(id, protocol),
    'shares:quick-sftp': ({ path }) => core.quickShareSftp(path),
    'shares:card': ({ id, protocol }) => core.card(id, protocol),
  };
}
