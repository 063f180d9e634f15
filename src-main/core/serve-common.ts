// What the SFTP and FTP services share around their servers: the folder check and file-error
// wording, listening with an error the operator understands, and the per-server login guards (the
// failed-login lockout and the live-session registry).
import { stat } from 'node:fs/promises';
import { LoginLockout, SessionRegistry } from '../servers/index.js';
import type { LoginLimits } from '../../src-shared/options/index.js';
import { ServiceConfigError } from './service-error.js';

/** The folder must exist and be a directory; said in the operator's words, with the path. */
export async function checkFolder(root: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ServiceConfigError(e.code === 'ENOENT' ? `PATH ${root} does not exist` : `PATH ${root} cannot be used: ${describeFsError(e)}`);
  }
  if (!isDir) throw new ServiceConfigError(`PATH ${root} is not a directory`);
}

export function describeFsError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return err.code ?? err.message;
  }
}

interface Listener {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

/** Listens, or closes the server and throws an Error that names the address and the reason. */
export async function listenOrClose(server: Listener, host: string, port: number): Promise<{ host: string; port: number }> {
  try {
    return await server.listen(host, port);
  } catch (err) {
    await server.close().catch(() => undefined);
    throw new Error(`cannot listen on ${hostPort(host, port)}: ${describeListenError(err as NodeJS.ErrnoException)}`);
  }
}

function hostPort(host: string, port: number): string {
  if (host === '') return `port ${port} (every interface)`;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function describeListenError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return 'the address is already in use (is another server running?)';
    case 'EACCES':
      return 'permission denied (ports below 1024 need privileges)';
    case 'EADDRNOTAVAIL':
      return 'this machine has no such address';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    default:
      return err.message;
  }
}

export interface LoginGuards {
  readonly lockout: LoginLockout;
  readonly sessions: SessionRegistry;
}

/** One lockout and one session registry per server, with the configured numbers. */
export function loginGuards(limits: Partial<LoginLimits> | undefined): LoginGuards {
  let lockout: LoginLockout;
  try {
    lockout = new LoginLockout(limits ?? {});
  } catch (err) {
    throw new ServiceConfigError((err as Error).message);
  }
  return { lockout, sessions: new SessionRegistry() };
}
