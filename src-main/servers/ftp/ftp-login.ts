// Turns a USER/PASS pair into a logged-in file system: asks the Authenticator, builds the session
// context (protocol 'ftp', the user's root, read-only when the user, the server or the share says
// so), checks the user's root is a folder, and registers the session (caps, ending it when the
// account is disabled) before saying yes.
import { AUTH_FAILED } from '../auth/index.js';
import type { AuthResult, AuthSuccess, Authenticator } from '../auth/index.js';
import type { OpenResult } from '../session-registry.js';
import type { SessionContext } from '../session.js';
import type { FtpServerConfig } from './config.js';
import { VfsFileSystem } from './vfs-file-system.js';

export class LoginRefused extends Error {}

/** The credentials were right but the session may not start (a session cap): not a failed login. */
export class SessionRefused extends Error {}

export interface LoginHooks {
  /** The authenticator to ask (the server's, wrapped with its lockout). */
  readonly authenticator: Authenticator;
  /** Registers the session once everything else said yes. */
  open(result: AuthSuccess): OpenResult;
}

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

export async function authenticate(config: FtpServerConfig, request: LoginRequest, hooks: LoginHooks): Promise<{ fs: VfsFileSystem; lease: { close(): void } }> {
  const result = await decide(hooks.authenticator, request);
  if (!result.ok) throw new LoginRefused('Login incorrect.');
  const vfs = result.vfs ?? config.vfs;
  if (vfs === undefined) throw new LoginRefused('Login incorrect.');
  const context: SessionContext = {
    id: request.sessionId,
    protocol: 'ftp',
    user: result.user,
    clientIp: request.clientIp,
    vfs,
    root: result.root,
    readOnly: result.readOnly || config.readOnly,
    transfers: config.transfers,
  };
  const home = await vfs.stat(result.root).catch(() => undefined);
  if (home?.type !== 'dir') {
    config.logger.warn(`ftp: home folder ${result.root} of ${result.user} is not a folder in the share`);
    throw new LoginRefused('Home folder not available.');
  }
  const opened = hooks.open(result);
  if (!opened.ok) throw new SessionRefused(opened.reason);
  return { fs: new VfsFileSystem(context), lease: opened.lease };
}
