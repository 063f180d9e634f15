// A real Wharf SFTP server for the auth tests, wired as core wires it: an authenticator (users or
// auth proxy), a shared session registry and lockout, optionally no share Vfs at all (proxy mode).
// Plus ssh2-client helpers for SFTP reads/writes and timed login attempts. Nothing is mocked.
import type { AuthHandlerMiddleware, ConnectConfig, SFTPWrapper } from 'ssh2';
import { createSftpServer } from '../../../../src-main/servers/sftp/index.js';
import type { SftpServer, SshLimits } from '../../../../src-main/servers/sftp/index.js';
import type { Authenticator, LoginLockout } from '../../../../src-main/servers/auth/index.js';
import { SessionRegistry } from '../../../../src-main/servers/index.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../../src-main/vfs/index.js';
import { recordingLogger, testHostKey, tryConnect } from '../ssh/ssh-test-kit.js';
import type { ConnectOutcome, RecordingLogger, SshClient } from '../ssh/ssh-test-kit.js';

export interface AuthServer {
  readonly port: number;
  readonly server: SftpServer;
  readonly sessions: SessionRegistry;
  readonly logger: RecordingLogger;
  close(): Promise<void>;
}

export interface AuthServerOptions {
  readonly authenticator: Authenticator;
  /** Folder shared; left out for auth-proxy servers (each login brings its own Vfs). */
  readonly share?: string;
  readonly lockout?: LoginLockout;
  readonly sessions?: SessionRegistry;
  readonly limits?: Partial<SshLimits>;
}

export async function startAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const vfs = options.share === undefined ? undefined : new Vfs(await createLocalBackend(options.share), DEFAULT_VFS_OPTIONS);
  const logger = recordingLogger();
  const sessions = options.sessions ?? new SessionRegistry();
  const server = createSftpServer({
    vfs,
    hostKeys: [testHostKey()],
    authenticator: options.authenticator,
    readOnly: false,
    logger,
    limits: options.limits,
    sessions,
    lockout: options.lockout,
  });
  const { port } = await server.listen('127.0.0.1', 0);
  return {
    port,
    server,
    sessions,
    logger,
    async close() {
      await server.close();
      await vfs?.shutdown();
    },
  };
}

/** One password attempt on a fresh connection, timed; `localAddress` picks the client's source IP. */
export async function timedPasswordLogin(
  port: number,
  username: string,
  password: string,
  extra: Omit<ConnectConfig, 'host' | 'port'> = {},
): Promise<{ outcome: ConnectOutcome; ms: number }> {
  const t = performance.now();
  const outcome = await tryConnect(port, {
    username,
    authHandler: [{ type: 'password', username, password }] as unknown as AuthHandlerMiddleware,
    ...extra,
  });
  return { outcome, ms: performance.now() - t };
}

export function openSftp(client: SshClient): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
}

export function listNames(sftp: SFTPWrapper, dir: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    sftp.readdir(dir, (err, list) => (err ? reject(err) : resolve(list.map((e) => e.filename).sort()))),
  );
}

export function readText(sftp: SFTPWrapper, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const stream = sftp.createReadStream(file);
    stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
    stream.on('error', reject);
    stream.on('end', () => resolve(text));
  });
}

export function writeText(sftp: SFTPWrapper, file: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => sftp.writeFile(file, text, (err) => (err ? reject(err) : resolve())));
}
