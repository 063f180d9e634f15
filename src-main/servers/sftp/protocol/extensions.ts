// The extension table: what VERSION advertises is exactly what EXTENDED dispatches, so nothing is
// advertised without a working handler. Names and versions match OpenSSH's sftp-server.
import { Status } from './constants.js';
import type { RequestHandler } from './context.js';
import { copyData, fstatvfs, fsync } from './ext-handles.js';
import { limits, usersGroupsById } from './ext-info.js';
import { expandPath, hardlink, homeDirectory, lsetstat, posixRename, statvfs } from './ext-paths.js';
import { SftpStatusError } from './status.js';

interface Extension {
  readonly name: string;
  readonly version: string;
  readonly handler: RequestHandler;
}

const EXTENSIONS: readonly Extension[] = [
  { name: 'posix-rename@openssh.com', version: '1', handler: posixRename },
  { name: 'statvfs@openssh.com', version: '2', handler: statvfs },
  { name: 'fstatvfs@openssh.com', version: '2', handler: fstatvfs },
  { name: 'hardlink@openssh.com', version: '1', handler: hardlink },
  { name: 'fsync@openssh.com', version: '1', handler: fsync },
  { name: 'lsetstat@openssh.com', version: '1', handler: lsetstat },
  { name: 'limits@openssh.com', version: '1', handler: limits },
  { name: 'expand-path@openssh.com', version: '1', handler: expandPath },
  { name: 'copy-data', version: '1', handler: copyData },
  { name: 'home-directory', version: '1', handler: homeDirectory },
  { name: 'users-groups-by-id@openssh.com', version: '1', handler: usersGroupsById },
];

const BY_NAME: ReadonlyMap<string, RequestHandler> = new Map(EXTENSIONS.map((e) => [e.name, e.handler]));

export const ADVERTISED_EXTENSIONS: readonly (readonly [string, string])[] = EXTENSIONS.map((e) => [e.name, e.version]);

export const extended: RequestHandler = (ctx, id, r) => {
  const name = r.string();
  const handler = BY_NAME.get(name);
  if (!handler) {
    ctx.logger.debug(`sftp: unsupported extended request ${JSON.stringify(name.slice(0, 100))}`);
    return Promise.reject(new SftpStatusError(Status.OP_UNSUPPORTED, 'Unsupported extended request'));
  }
  return handler(ctx, id, r);
};
