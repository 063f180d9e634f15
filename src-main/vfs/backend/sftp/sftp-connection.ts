// The backend's one SSH connection: opened on first use, shared by every request, opened again
// after it is lost. Concurrent callers share one connect attempt; after a failed attempt requests
// fail fast (unreachable) for a short, doubling delay instead of each waiting for a timeout.
// The host key is checked against known_hosts when given, else pinned on first sight.
import { readFile } from 'node:fs/promises';
import { Client } from 'ssh2';
import type { ConnectConfig, SFTPWrapper } from 'ssh2';
import type { Logger } from '../../../../src-shared/logger.js';
import { silentLogger } from '../../../../src-shared/logger.js';
import { unreachableError, VfsError } from '../../errors.js';
import { resolveSharePath } from '../../share-path.js';
import { checkHostKey, fingerprintOf, parseKnownHosts } from './known-hosts.js';
import type { KnownHostKey } from './known-hosts.js';
import { describeTarget, SFTP_DEFAULTS } from './sftp-options.js';
import type { SftpBackendOptions } from './sftp-options.js';
import { SftpSession } from './sftp-session.js';

/** Why a connect attempt failed, in the operator's words (logs, startup errors; never clients). */
export class SftpConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SftpConnectError';
  }
}

export class SftpConnector {
  private current: SftpSession | undefined;
  private connecting: Promise<SftpSession> | undefined;
  private retryAt = 0;
  private retryDelay = 0;
  private lastFailure: SftpConnectError | undefined;
  /** Without known_hosts, the first host key seen; every later connection must present it. */
  private pinnedKey: Buffer | undefined;
  /** Parsed known_hosts_file, read again at each connect (it may have been edited). */
  private knownHosts: KnownHostKey[] | undefined;
  private closed = false;
  private readonly logger: Logger;

  constructor(
    private readonly options: SftpBackendOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  /** A live session, connecting when there is none. Rejects with an unreachable VfsError. */
  async session(): Promise<SftpSession> {
    if (this.current?.isAlive) return this.current;
    try {
      return await this.connectShared();
    } catch (err) {
      throw err instanceof SftpConnectError ? unreachableError() : err;
    }
  }

  /** Connects now; rejects with SftpConnectError saying why (for `createSftpBackend`'s check). */
  async connect(): Promise<SftpSession> {
    if (this.current?.isAlive) return this.current;
    return this.connectShared(true);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.current?.kill();
    this.current = undefined;
    await this.connecting?.catch(() => undefined);
  }

  private connectShared(ignoreBackoff = false): Promise<SftpSession> {
    if (this.closed) return Promise.reject(new VfsError('ECLOSED', 'The share has been stopped'));
    if (this.connecting) return this.connecting;
    if (!ignoreBackoff && this.lastFailure && this.now() < this.retryAt) return Promise.reject(this.lastFailure);
    const attempt = this.open().then(
      (session) => {
        this.connecting = undefined;
        this.retryDelay = 0;
        this.lastFailure = undefined;
        if (this.closed) {
          session.kill();
          throw new VfsError('ECLOSED', 'The share has been stopped');
        }
        this.current = session;
        session.onDeath(() => {
          if (this.current === session) this.current = undefined;
          if (!this.closed) this.logger.warn(`sftp backend: connection to ${describeTarget(this.options)} lost`);
        });
        return session;
      },
      (err: unknown) => {
        this.connecting = undefined;
        const failure = err instanceof SftpConnectError ? err : new SftpConnectError(String(err));
        const min = this.options.minRetryDelayMs ?? SFTP_DEFAULTS.minRetryDelayMs;
        const max = this.options.maxRetryDelayMs ?? SFTP_DEFAULTS.maxRetryDelayMs;
        this.retryDelay = Math.min(max, this.retryDelay === 0 ? min : this.retryDelay * 2);
        this.retryAt = this.now() + this.retryDelay;
        this.lastFailure = failure;
        this.logger.warn(`sftp backend: ${failure.message}`);
        throw failure;
      },
    );
    this.connecting = attempt;
    return attempt;
  }

  private async open(): Promise<SftpSession> {
    const o = this.options;
    const where = describeTarget(o);
    const config = await this.connectConfig();
    const client = new Client();
    let hostKeyProblem: string | undefined;
    config.hostVerifier = (key: Buffer): boolean => {
      hostKeyProblem = this.judgeHostKey(key);
      return hostKeyProblem === undefined;
    };
    // Errors after login end the session (the 'close' that follows kills it); never unhandled.
    client.on('error', (err) => this.logger.debug(`sftp backend: ${where}: ${err.message}`));
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('ready', () => resolve());
        client.once('error', reject);
        client.once('close', () => reject(new Error('connection closed during login')));
        client.connect(config);
      });
    } catch (err) {
      client.end();
      throw new SftpConnectError(`cannot connect to ${where}: ${hostKeyProblem ?? describeConnectFailure(err)}`);
    }
    client.setNoDelay(true);
    // A connection lost before the session exists would go unnoticed by it: remember it here.
    let lost = false;
    client.once('close', () => (lost = true));
    try {
      const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
        client.sftp((err, channel) => (err ? reject(err) : resolve(channel)));
      });
      sftp.on('error', (err: Error) => this.logger.debug(`sftp backend: ${where}: ${err.message}`));
      const root = await this.resolveRoot(sftp);
      const session = new SftpSession(client, sftp, root);
      if (lost) throw new Error('connection closed during setup');
      this.logger.info(`sftp backend: connected to ${where}, root ${JSON.stringify(root)}`);
      return session;
    } catch (err) {
      client.end();
      throw new SftpConnectError(`cannot start SFTP on ${where}: ${(err as Error).message}`);
    }
  }

  private async connectConfig(): Promise<ConnectConfig> {
    const o = this.options;
    const config: ConnectConfig = {
      host: o.host,
      port: o.port,
      username: o.user,
      readyTimeout: o.connectTimeoutMs ?? SFTP_DEFAULTS.connectTimeoutMs,
      keepaliveInterval: o.keepaliveIntervalMs ?? SFTP_DEFAULTS.keepaliveIntervalMs,
      keepaliveCountMax: SFTP_DEFAULTS.keepaliveCountMax,
    };
    if (o.password !== undefined) config.password = o.password;
    if (o.keyFile !== undefined) {
      config.privateKey = await readFile(o.keyFile).catch((err: NodeJS.ErrnoException) => {
        throw new SftpConnectError(`cannot read key_file ${o.keyFile}: ${err.code ?? err.message}`);
      });
      if (o.keyPassphrase !== undefined) config.passphrase = o.keyPassphrase;
    }
    // Neither password nor key: try the user's ssh-agent, as rclone does.
    if (o.password === undefined && o.keyFile === undefined && process.env.SSH_AUTH_SOCK) {
      config.agent = process.env.SSH_AUTH_SOCK;
    }
    if (o.knownHostsFile !== undefined) this.knownHosts = await this.loadKnownHosts(o.knownHostsFile);
    return config;
  }

  private async loadKnownHosts(file: string): Promise<KnownHostKey[]> {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new SftpConnectError(`cannot read known_hosts_file ${file}: ${err.code ?? err.message}`);
    });
    return parseKnownHosts(text);
  }

  /** Undefined when the key is acceptable, else why not. */
  private judgeHostKey(key: Buffer): string | undefined {
    const o = this.options;
    const fingerprint = fingerprintOf(key);
    if (this.knownHosts !== undefined) {
      const verdict = checkHostKey(this.knownHosts, o.host, o.port, key);
      switch (verdict) {
        case 'trusted':
          return undefined;
        case 'unknown-host':
          return `host key ${fingerprint} is not in known_hosts_file (host not listed)`;
        case 'mismatch':
          return `host key ${fingerprint} does not match known_hosts_file: possible man-in-the-middle attack`;
        case 'revoked':
          return `host key ${fingerprint} is marked @revoked in known_hosts_file`;
      }
    }
    if (this.pinnedKey === undefined) {
      this.pinnedKey = Buffer.from(key);
      this.logger.info(`sftp backend: ${describeTarget(o)} host key ${fingerprint} accepted (set known_hosts_file to verify it)`);
      return undefined;
    }
    return this.pinnedKey.equals(key)
      ? undefined
      : `host key changed to ${fingerprint} since the first connection: possible man-in-the-middle attack`;
  }

  /**
   * The root as a canonical absolute remote path: relative roots start at the login folder, and a
   * root that is a link is resolved (so "/" is a directory, as on a local share). A root that does
   * not exist stays as written: requests then answer ENOENT.
   */
  private async resolveRoot(sftp: SFTPWrapper): Promise<string> {
    const realpath = (p: string) =>
      new Promise<string>((resolve, reject) => {
        sftp.realpath(p, (err, abs) => (err ? reject(err) : resolve(abs)));
      });
    const root = this.options.root.replace(/\\/g, '/');
    const absolute = root.startsWith('/') ? resolveSharePath(root) : resolveSharePath(`${await realpath('.')}/${root}`);
    return realpath(absolute).then(
      (canonical) => resolveSharePath(canonical),
      () => absolute,
    );
  }
}

function describeConnectFailure(err: unknown): string {
  const e = err as { code?: unknown; level?: unknown; message?: unknown };
  if (e.level === 'client-authentication') return 'authentication failed (check user, password or key_file)';
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return typeof e.message === 'string' ? e.message : String(err);
  }
}
