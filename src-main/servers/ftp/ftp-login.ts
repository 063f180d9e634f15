// Turns a USER/PASS pair into a logged-in file system: asks the Authenticator, builds the session
// context (protocol 'ftp', the user's root, read-only when the user, the server or the share says
// so) and checks the user's root is a folder before saying yes.
import { AUTH_FAILED } from '../auth/index.js';
import type { AuthResult, Authenticator } from '../auth/index.js';
import type { SessionContext } from '../session.js';
import type { FtpServerConfig } from './config.js';
import { VfsFileSystem } from './vfs-file-system.js';

export class LoginRefused extends Error {}

export interface LoginRequest {
  readonly sessionId: string;
  readonly clientIp: string;
  readonly user: string;
  readonly password: string;
}

/** An authenticator that accepts logins without credentials also accepts any FTP password (rclone's empty --pass). */
async function decide(auth: Authenticator, request: LoginRequest): Promise<AuthResult> {
  let result: AuthResult = AUTH_FAILED;
  if (auth.methods.includes('password')) result = await auth.password(request.user, request.password, request.clientIp);
  if (!result.ok && auth.methods.includes('none')) result = await auth.noAuth(request.user, request.clientIp);
  return result;
}

export async function authenticate(config: FtpServerConfig, request: LoginRequest): Promise<VfsFileSystem> {
  const result = await decide(config.authenticator, request);
  if (!result.ok) throw new LoginRefused('Login incorrect.');
  const context: SessionContext = {
    id: request.sessionId,
    protocol: 'ftp',
    user: result.user,
    clientIp: request.clientIp,
    vfs: config.vfs,
    root: result.root,
    readOnly: result.readOnly || config.readOnly,
  };
  const home = await config.vfs.stat(result.root).catch(() => undefined);
  if (home?.type !== 'dir') {
    config.logger.warn(`ftp: home folder ${result.root} of ${result.user} is not a folder in the share`);
    throw new LoginRefused('Home folder not available.');
  }
  return new VfsFileSystem(context);
}
