// Ties a share's UserStore to its SessionRegistry: when access is taken away from a user
// (deleted, disabled, moved to another folder, made read-only), their open sessions end at once.
// Password and key changes apply to the next login, as in OpenSSH.
import type { Logger } from '../../src-shared/logger.js';
import { silentLogger } from '../../src-shared/logger.js';
import type { UserStore } from './auth/index.js';
import type { SessionRegistry } from './session-registry.js';

/** Returns the function that undoes the binding. */
export function endSessionsOnRevoke(store: UserStore, registry: SessionRegistry, logger: Logger = silentLogger): () => void {
  return store.onChange((change) => {
    if (!change.accessRevoked) return;
    const why = change.kind === 'removed' ? 'the account was deleted' : 'the account was changed';
    const n = registry.endUser(change.name, why);
    if (n > 0) logger.info(`sessions: ended ${n} session(s) of ${JSON.stringify(change.name)}: ${why}`);
  });
}
