// A running share as the window sees it: its settings, each server's state, how many users it has.
import type { Share } from '../../../src-shared/contract/index.js';
import type { ShareRuntime } from './share-runtime.js';

export function shareView(runtime: ShareRuntime): Share {
  // Last logins are shown per user (users:list), not with the share.
  const { users, lastLogins: _logins, ...settings } = runtime.record;
  return {
    ...settings,
    status: { sftp: runtime.status('sftp'), ftp: runtime.status('ftp') },
    userCount: runtime.users?.size ?? users.length,
  };
}
