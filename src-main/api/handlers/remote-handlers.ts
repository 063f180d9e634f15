// remotes:* channels.
import type { WharfCore } from '../../core/index.js';
import type { ApiHandlers } from '../router.js';

type RemoteChannels = 'remotes:list' | 'remotes:create' | 'remotes:update' | 'remotes:remove' | 'remotes:test';

export function remoteHandlers(core: WharfCore): Pick<ApiHandlers, RemoteChannels> {
  const { remotes } = core;
  return {
    'remotes:list': () => remotes.list(),
    'remotes:create': (input) => remotes.create(input),
    'remotes:update': ({ name, patch }) => remotes.update(name, patch),
    'remotes:remove': ({ name }) => {
      remotes.remove(name);
      return null;
    },
    'remotes:test': ({ name }) => remotes.test(name),
  };
}
