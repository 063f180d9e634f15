// "Share folder over SFTP": one call that makes a share for a folder with a generated user and
// password, starts its SFTP server on the first free port from 2022, and returns the connection
// card — the only time the password is ever shown.
import path from 'node:path';
import type { ConnectionCard } from '../../../src-shared/contract/index.js';
import { DEFAULT_SFTP_PORT } from '../../../src-shared/contract/index.js';
import type { CoreContext } from '../core-context.js';
import { CoreError, invalid } from '../core-error.js';
import type { UserService } from '../users/user-service.js';
import { connectionCard } from './connection-card.js';
import { normalizeLocalPath } from './local-path.js';
import { checkFolder } from './share-backend.js';
import type { ShareService } from './share-service.js';

/** Ports tried in turn when the previous one is taken; then the system picks one. */
const PORT_TRIES = 10;
export const QUICK_SHARE_USER = 'wharf';

export async function quickShareSftp(ctx: CoreContext, shares: ShareService, users: UserService, folderInput: string): Promise<ConnectionCard> {
  const folder = normalizeLocalPath(folderInput, undefined, ctx.platform);
  try {
    await checkFolder(folder);
  } catch (err) {
    const message = (err as Error).message;
    throw invalid(message.charAt(0).toUpperCase() + message.slice(1));
  }
  const taken = new Set(shares.list().flatMap((s) => [s.sftp.port, s.ftp.port]));
  const candidates = [...Array(PORT_TRIES).keys()].map((i) => DEFAULT_SFTP_PORT + i).filter((p) => !taken.has(p));
  const bind = ctx.repo.document.app.defaultBind;
  const share = await shares.create({
    name: uniqueName(shares.list().map((s) => s.name), path.basename(folder).replace(/[\u0000-\u001f\u007f]/g, ' ').trim() || 'Shared folder'),
    source: { kind: 'local', path: folder },
    // Off until the user exists, so no start is tried (and reported) before anyone could log in.
    sftp: { enabled: false, port: candidates[0] ?? 0, bind },
    ftp: { enabled: false, port: 0, bind },
    readOnly: false,
    vfs: {},
    authProxy: null,
  });
  try {
    const { password } = await users.add(share.id, { name: QUICK_SHARE_USER, generatePassword: true, root: '/', readOnly: false });
    const runtime = shares.runtime(share.id);
    for (const port of [...candidates, 0]) {
      if (runtime.record.sftp.port !== port) await shares.update(share.id, { sftp: { port } });
      await shares.start(share.id, 'sftp');
      if (runtime.listening('sftp') || !runtime.lastStartError('sftp')?.inUse) break;
    }
    const status = runtime.status('sftp');
    if (status.state !== 'running') throw new CoreError('unavailable', `The folder could not be shared: ${status.state === 'error' ? status.reason : status.state}`);
    // The chosen port becomes the share's own, so it stays the same on the next launch.
    if (runtime.record.sftp.port !== status.port) shares.saveChange(share.id, (r) => ({ ...r, sftp: { ...r.sftp, port: status.port } }));
    return connectionCard(runtime, 'sftp', password, ctx.networkInterfaces);
  } catch (err) {
    await shares.remove(share.id).catch(() => undefined);
    throw err;
  }
}

function uniqueName(existing: readonly string[], base: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const trimmed = base.slice(0, 56);
  if (!taken.has(trimmed.toLowerCase())) return trimmed;
  for (let i = 2; ; i++) {
    const name = `${trimmed} (${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
