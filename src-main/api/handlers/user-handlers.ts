// users:* and keys:* channels.
import type { WharfCore } from '../../core/index.js';
import type { ApiHandlers } from '../router.js';

type UserChannels =
  | 'users:list'
  | 'users:add'
  | 'users:update'
  | 'users:set-password'
  | 'users:reset-password'
  | 'users:clear-password'
  | 'users:remove'
  | 'keys:add'
  | 'keys:remove';

export function userHandlers(core: WharfCore): Pick<ApiHandlers, UserChannels> {
  const { users } = core;
  return {
    'users:list': ({ shareId }) => users.list(shareId),
    'users:add': ({ shareId, ...input }) => users.add(shareId, input),
    'users:update': ({ shareId, name, patch }) => users.update(shareId, name, patch),
    'users:set-password': ({ shareId, name, password }) => users.setPassword(shareId, name, password),
    'users:reset-password': async ({ shareId, name }) => ({ password: await users.resetPassword(shareId, name) }),
    'users:clear-password': ({ shareId, name }) => users.clearPassword(shareId, name),
    'users:remove': async ({ shareId, name }) => {
      await users.remove(shareId, name);
      return null;
    },
    'keys:add': ({ shareId, name, text }) => users.addKeys(shareId, name, text),
    'keys:remove': async ({ shareId, name, fingerprint }) => {
      await users.removeKey(shareId, name, fingerprint);
      return null;
    },
  };
}
