// A minimal real SSH server for SFTP tests: ssh2's Server on 127.0.0.1:0 with a generated ed25519
// host key, any password accepted, and the `sftp` subsystem served by Wharf's own protocol layer
// (serveSftp) over a Vfs on a temp folder. Plus helpers to open ssh2 clients (SFTP or raw channel).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { Algorithms, ClientChannel, Connection, SFTPWrapper } from 'ssh2';
import type { Logger } from '../../src-shared/logger.js';
import { silentLogger } from '../../src-shared/logger.js';
import { serveSftp } from '../../src-main/servers/sftp/protocol/index.js';
import type { SftpProtocolLimits, SftpSession } from '../../src-main/servers/sftp/protocol/index.js';
import type { SessionContext } from '../../src-main/servers/session.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../src-main/vfs/index.js';
import type { Backend, VfsOptions } from '../../src-main/vfs/index.js';
import { generateEd25519Pair } from '../../src-main/servers/sftp/ed25519-keygen.js';

const { Client, Server } = ssh2;

/** AES-GCM first: chacha20-poly1305 is unreliable with ssh2's native binding on Node 24 (PITFALLS). */
export const HARNESS_ALGORITHMS: Algorithms = {
  kex: ['curve25519-sha256', 'curve25519-sha256@libssh.org', 'ecdh-sha2-nistp256'],
  cipher: ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-ctr', 'aes256-ctr'],
  hmac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-256', 'hmac-sha2-512'],
  compress: ['none'],
  serverHostKey: ['ssh-ed25519'],
};

let hostKey: string | undefined;

function testHostKey(): string {
  hostKey ??= generateEd25519Pair().private;
  return hostKey;
}

export interface SftpHarnessOptions {
  /** The user is read-only (session policy), on top of the share's own flag. */
  readonly readOnly?: boolean;
  readonly vfsOptions?: Partial<VfsOptions>;
  /** The user's root inside the share (a share path); "/" by default. */
  readonly userRoot?: string;
  readonly limits?: SftpProtocolLimits;
  readonly logger?: Logger;
  /** Serve this backend instead of a local one over the temp folder (which is still created). */
  readonly backend?: Backend;
}

export interface SftpHarness {
  readonly port: number;
  /** The temp folder shared (real path on disk). */
  readonly root: string;
  readonly vfs: Vfs;
  /** Every SFTP session served so far, in order. */
  readonly sessions: readonly SftpSession[];
  close(): Promise<void>;
}

export async function startSftpHarness(options: SftpHarnessOptions = {}): Promise<SftpHarness> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wharf-sftp-'));
  const backend = options.backend ?? (await createLocalBackend(root));
  const vfs = new Vfs(backend, { ...DEFAULT_VFS_OPTIONS, ...options.vfsOptions });
  const logger = options.logger ?? silentLogger;
  const sessions: SftpSession[] = [];
  const connections = new Set<Connection>();
  let nextId = 1;

  const server = new Server({ hostKeys: [testHostKey()], algorithms: HARNESS_ALGORITHMS }, (conn, info) => {
    connections.add(conn);
    // Nagle plus delayed ACKs halve small-request throughput (PITFALLS): as the real server does.
    (conn as unknown as { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    let user = '';
    conn.on('error', () => undefined);
    conn.on('close', () => connections.delete(conn));
    conn.on('authentication', (ctx) => {
      if (ctx.method !== 'password') return ctx.reject(['password']);
      user = ctx.username;
      ctx.accept();
    });
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const sshSession = acceptSession();
        sshSession.on('subsystem', (accept, reject, { name }) => {
          if (name !== 'sftp') return reject();
          const channel = accept();
          channel.on('error', () => undefined);
          const ctx: SessionContext = {
            id: `test-${nextId++}`,
            protocol: 'sftp',
            user,
            clientIp: info.ip,
            vfs,
            root: options.userRoot ?? '/',
            readOnly: options.readOnly ?? false,
          };
          sessions.push(serveSftp(channel, ctx, logger, options.limits));
        });
      });
    });
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    root,
    vfs,
    sessions,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const conn of connections) conn.end();
      });
      await Promise.all(sessions.map((s) => s.close()));
      await vfs.shutdown();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface SshTestClient {
  readonly client: InstanceType<typeof Client>;
  close(): void;
}

/** Connects an ssh2 client with a password (any is accepted). */
export function connectClient(port: number, username = 'tester'): Promise<SshTestClient> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.on('error', reject);
    client.on('ready', () => resolve({ client, close: () => client.end() }));
    client.connect({ host: '127.0.0.1', port, username, password: 'secret', algorithms: HARNESS_ALGORITHMS });
  });
}

export interface SftpTestClient extends SshTestClient {
  readonly sftp: SFTPWrapper;
}

/** An ssh2 client and its SFTP stream (VERSION and limits@openssh.com already exchanged). */
export async function connectSftp(port: number, username = 'tester'): Promise<SftpTestClient> {
  const ssh = await connectClient(port, username);
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
    ssh.client.sftp((err, s) => (err ? reject(err) : resolve(s)));
  });
  sftp.on('error', () => undefined);
  return { ...ssh, sftp };
}

/** An ssh2 client and a raw channel on the `sftp` subsystem, for tests that write packets by hand. */
export async function connectRawSftp(port: number, username = 'tester'): Promise<SshTestClient & { channel: ClientChannel }> {
  const ssh = await connectClient(port, username);
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    ssh.client.subsys('sftp', (err, ch) => (err ? reject(err) : resolve(ch)));
  });
  channel.on('error', () => undefined);
  return { ...ssh, channel };
}
