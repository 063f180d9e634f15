// Shared pieces for the SSH server tests: a real Wharf SFTP server (createSftpServer) on a temp
// folder at 127.0.0.1:0, a logger that records lines, and a real ssh2 client with helpers for
// logins and exec. Nothing here is mocked.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { Algorithms, ConnectConfig } from 'ssh2';
import type { Logger } from '../../../../src-shared/logger.js';
import { createSftpServer } from '../../../../src-main/servers/sftp/index.js';
import type { SftpServer, SshLimits } from '../../../../src-main/servers/sftp/index.js';
import type { Authenticator } from '../../../../src-main/servers/auth/index.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../../src-main/vfs/index.js';
import type { VfsOptions } from '../../../../src-main/vfs/index.js';
import { generateEd25519Pair } from '../../../../src-main/servers/sftp/ed25519-keygen.js';

const { Client } = ssh2;
export type SshClient = InstanceType<typeof Client>;

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

let sharedHostKey: string | undefined;
/** One ed25519 host key for the whole test file (generation is cheap, but there is no need). */
export function testHostKey(): string {
  sharedHostKey ??= generateEd25519Pair().private;
  return sharedHostKey;
}

export interface TestServer {
  readonly port: number;
  readonly root: string;
  readonly vfs: Vfs;
  readonly server: SftpServer;
  readonly logger: RecordingLogger;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly authenticator: Authenticator;
  readonly hostKeys?: readonly (string | Buffer)[];
  readonly readOnly?: boolean;
  readonly limits?: Partial<SshLimits>;
  readonly vfsOptions?: Partial<VfsOptions>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wharf-ssh-'));
  const vfs = new Vfs(await createLocalBackend(root), { ...DEFAULT_VFS_OPTIONS, ...options.vfsOptions });
  const logger = recordingLogger();
  let server: SftpServer;
  let port: number;
  try {
    server = createSftpServer({
      vfs,
      hostKeys: options.hostKeys ?? [testHostKey()],
      authenticator: options.authenticator,
      readOnly: options.readOnly ?? false,
      logger,
      limits: options.limits,
    });
    ({ port } = await server.listen('127.0.0.1', 0));
  } catch (err) {
    await vfs.shutdown();
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    root,
    vfs,
    server,
    logger,
    async close() {
      await server.close();
      await vfs.shutdown();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** What the client side supports by default in these tests: the algorithms Wharf offers. */
export const CLIENT_ALGORITHMS: Algorithms = {
  kex: ['curve25519-sha256', 'ecdh-sha2-nistp256'],
  cipher: ['aes128-gcm@openssh.com', 'aes256-ctr'],
  hmac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-256'],
  compress: ['none'],
  serverHostKey: ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256'],
};

export type ConnectOutcome = { readonly ok: true; readonly client: SshClient } | { readonly ok: false; readonly error: Error };

/** Connects and logs in; resolves with the ready client or the error that ended the attempt. */
export function tryConnect(port: number, config: Omit<ConnectConfig, 'host' | 'port'>): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const client = new Client();
    let settled = false;
    const settle = (outcome: ConnectOutcome): void => {
      if (settled) return;
      settled = true;
      if (!outcome.ok) client.end();
      resolve(outcome);
    };
    client.on('ready', () => settle({ ok: true, client }));
    client.on('error', (error: Error) => settle({ ok: false, error }));
    client.on('close', () => settle({ ok: false, error: new Error('connection closed') }));
    client.connect({ host: '127.0.0.1', port, algorithms: CLIENT_ALGORITHMS, readyTimeout: 10_000, ...config });
  });
}

export async function connect(port: number, config: Omit<ConnectConfig, 'host' | 'port'>): Promise<SshClient> {
  const outcome = await tryConnect(port, config);
  if (!outcome.ok) throw outcome.error;
  return outcome.client;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | undefined;
}

export function exec(client: SshClient, command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) {
        reject(err);
        return;
      }
      let stdout = '';
      let stderr = '';
      let code: number | undefined;
      stream.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      stream.on('exit', (c: number | null) => (code = c ?? undefined));
      stream.on('close', () => resolve({ stdout, stderr, code }));
      stream.end();
    });
  });
}

/** Resolves when `client` has closed (or after `ms`, with false). */
export function waitClosed(client: SshClient, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
