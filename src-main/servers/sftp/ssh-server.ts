// The SSH server: Wharf owns the listening socket (a net.Server), sets TCP_NODELAY on every
// connection (without it small files run at half speed: Nagle plus delayed ACKs), applies the
// connection limits, and hands each socket to ssh2 with injectSocket. ssh2 keeps the transport,
// keys and the authentication exchange; decisions, sessions and SFTP are ours.
// Every emitter has an error handler: an unhandled 'error' would kill the process, and a bad
// packet must end at most its own connection.
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { AuthContext, ClientInfo, Connection, NegotiatedAlgorithms } from 'ssh2';
import type { Logger } from '../../../src-shared/logger.js';
import type { Vfs } from '../../vfs/index.js';
import { guardAuthenticator } from '../auth/index.js';
import type { AuthSuccess, Authenticator, LoginLockout } from '../auth/index.js';
import { SessionRegistry } from '../session-registry.js';
import type { SessionLease } from '../session-registry.js';
import type { TransferObserver } from '../transfer-observer.js';
import { handleAuthentication } from './ssh-auth.js';
import type { AuthConnection } from './ssh-auth.js';
import { cryptoBindingInfo, hostKeysForSsh2, sshAlgorithms } from './ssh-algorithms.js';
import { ConnectionLimiter, resolveSshLimits } from './ssh-limits.js';
import type { SshLimits } from './ssh-limits.js';
import { printable } from './ssh-log-text.js';
import { parseHostKey } from './ssh-private-key.js';
import type { HostKey } from './ssh-private-key.js';
import { handleSessionRequest } from './ssh-session.js';
import type { SessionHost } from './ssh-session.js';
import { installPacketPool, recyclePacketsOf } from './ssh-packet-pool.js';
import { limitYoungGeneration } from '../young-generation.js';

const { Server: Ssh2Server } = ssh2;

export interface SftpServerConfig {
  /** The share; may be left out when the authenticator gives each login its own (auth proxy). */
  readonly vfs?: Vfs;
  /** Private keys (OpenSSH, PEM or PKCS#8); at most one per key type is used. */
  readonly hostKeys: readonly (string | Buffer)[];
  readonly authenticator: Authenticator;
  readonly readOnly: boolean;
  readonly logger: Logger;
  readonly limits?: Partial<SshLimits>;
  /** The share's live sessions (shared with its other servers); a private one when left out. */
  readonly sessions?: SessionRegistry;
  /** Failed-login lockout (shared with the share's other servers): banned addresses are refused. */
  readonly lockout?: LoginLockout;
  /** Told about every file opened over SFTP and its progress (the app's live transfers). */
  readonly transfers?: TransferObserver;
}

export interface SftpServer {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  /** Stops listening, ends every SFTP session and connection; resolves when all sockets are gone. */
  close(): Promise<void>;
  /** `SHA256:...` of each host key in use, as OpenSSH prints them. */
  readonly fingerprints: readonly string[];
}

/** Identification string sent to clients (`SSH-2.0-Wharf`). */
const SERVER_IDENT = 'Wharf';
/** After a polite disconnect, how long a socket may linger before it is destroyed. */
const LINGER_MS = 2_000;

interface Conn extends AuthConnection {
  readonly socket: Socket;
  client: Connection | undefined;
  auth: AuthSuccess | undefined;
  graceTimer: NodeJS.Timeout | undefined;
  session: SessionHost | undefined;
  lease: SessionLease | undefined;
}

export function createSftpServer(config: SftpServerConfig): SftpServer {
  limitYoungGeneration();
  installPacketPool();
  const { logger } = config;
  const limits = resolveSshLimits(config.limits);
  const hostKeys = uniqueByType(config.hostKeys.map((k, i) => parseHostKey(k, `Host key ${i + 1}`)), logger);
  if (hostKeys.length === 0) throw new Error('The SFTP server needs at least one host key');

  const ssh = new Ssh2Server({ hostKeys: hostKeysForSsh2(hostKeys), algorithms: sshAlgorithms(), ident: SERVER_IDENT });
  // ssh2's own net.Server never listens (we inject sockets), but guard it all the same.
  ssh.on('error', (err: Error) => logger.error(`ssh: server error: ${err.message}`));

  const limiter = new ConnectionLimiter(limits);
  const registry = config.sessions ?? new SessionRegistry();
  const { lockout } = config;
  const authenticator = lockout ? guardAuthenticator(config.authenticator, lockout) : config.authenticator;
  /** Live connections by remote address and port, to find ours when ssh2 reports the client. */
  const conns = new Map<string, Conn>();
  const sockets = new Set<Socket>();
  let closing = false;
  let listening: net.Server | undefined;

  const drop = (conn: Conn): void => {
    try {
      if (conn.client) conn.client.end();
      else conn.socket.end();
    } catch {
      // already gone
    }
    setTimeout(() => conn.socket.destroy(), LINGER_MS).unref();
  };

  const onSocket = (socket: Socket): void => {
    // ssh2 re-emits socket errors on its client object, where they are logged; this listener
    // only keeps an early reset (before ssh2 attaches) from becoming an uncaught error.
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    // A socket reset before we saw it has no address; there is nothing to serve.
    if (closing || socket.remoteAddress === undefined) {
      socket.destroy();
      return;
    }
    const clientIp = normalizeIp(socket.remoteAddress);
    if (lockout?.isBanned(clientIp)) {
      logger.info(`ssh: refused connection from ${clientIp}: address banned after too many failed logins`);
      socket.destroy();
      return;
    }
    const refused = limiter.admit(clientIp);
    if (refused !== undefined) {
      logger.warn(`ssh: refused connection from ${clientIp}: ${refused}`);
      socket.destroy();
      return;
    }
    const conn: Conn = {
      id: randomBytes(4).toString('hex'),
      clientIp,
      socket,
      failures: 0,
      sawNone: false,
      client: undefined,
      auth: undefined,
      graceTimer: undefined,
      session: undefined,
      lease: undefined,
    };
    const key = connKey(socket.remoteAddress, socket.remotePort);
    conns.set(key, conn);
    sockets.add(socket);
    logger.debug(`ssh ${conn.id}: connection from ${clientIp}`);
    conn.graceTimer = setTimeout(() => {
      if (conn.auth) return;
      logger.info(`ssh ${conn.id}: login grace time over for ${clientIp}; disconnecting`);
      drop(conn);
    }, limits.loginGraceMs);
    conn.graceTimer.unref();
    socket.once('close', () => {
      clearTimeout(conn.graceTimer);
      conns.delete(key);
      sockets.delete(socket);
      limiter.release(clientIp, conn.auth !== undefined);
      conn.lease?.close();
      for (const sftp of conn.session?.running ?? []) void sftp.close().catch(() => undefined);
      if (conn.auth) logger.info(`ssh ${conn.id}: disconnected user=${printable(conn.auth.user)} ip=${clientIp}`);
      else logger.debug(`ssh ${conn.id}: connection closed`);
    });
    ssh.injectSocket(socket);
  };

  ssh.on('connection', (client: Connection, info: ClientInfo) => {
    // ssh2 silences errors until the client's identification arrives; from here on they are ours.
    const conn = conns.get(connKey(info.ip, info.port));
    client.on('error', (err: Error) => logger.debug(`ssh ${conn?.id ?? '?'}: ${err.message}`));
    if (!conn) {
      client.end();
      return;
    }
    conn.client = client;
    // Before the key exchange ends, so every cipher it creates writes through the recycling hook.
    recyclePacketsOf(client, conn.socket);
    logger.debug(`ssh ${conn.id}: client ${printable(info.header.versions.software, 80)}`);
    // ssh2 emits 'handshake' on server connections too; its types only declare it for clients.
    (client as EventEmitter).on('handshake', (negotiated: NegotiatedAlgorithms) => {
      logger.debug(`ssh ${conn.id}: kex ${negotiated.kex}, host key ${negotiated.serverHostKey}, cipher ${negotiated.cs.cipher}, mac ${negotiated.cs.mac || '(cipher is AEAD)'}`);
    });
    client.on('authentication', (ctx: AuthContext) =>
      handleAuthentication(ctx, conn, {
        authenticator,
        maxAuthTries: limits.maxAuthTries,
        logger,
        onSuccess: (result) => {
          const vfs = result.vfs ?? config.vfs;
          if (vfs === undefined) return 'no share to serve for this login';
          const opened = registry.open({
            protocol: 'sftp',
            clientIp: conn.clientIp,
            auth: result,
            end: (reason) => {
              logger.info(`ssh ${conn.id}: ending session of ${printable(result.user)}: ${reason}`);
              drop(conn);
            },
          });
          if (!opened.ok) return opened.reason;
          conn.lease = opened.lease;
          conn.auth = result;
          clearTimeout(conn.graceTimer);
          limiter.authenticated();
          conn.session = {
            connId: conn.id,
            clientIp: conn.clientIp,
            auth: result,
            vfs,
            readOnly: config.readOnly,
            logger,
            maxChannels: limits.maxChannelsPerConnection,
            channels: 0,
            running: new Set(),
            transfers: config.transfers,
          };
          return undefined;
        },
        drop: () => drop(conn),
      }),
    );
    client.on('session', (accept, reject) => {
      if (!conn.session) {
        reject();
        return;
      }
      handleSessionRequest(accept, reject, conn.session);
    });
  });

  const binding = cryptoBindingInfo();
  if (binding.native) logger.info(`ssh: native crypto binding in use (OpenSSL ${binding.openssl})`);
  else logger.warn('ssh: native crypto binding not available; transfers will be about 3x slower');

  return {
    fingerprints: hostKeys.map((k) => k.fingerprint),

    listen(host, port) {
      if (listening) return Promise.reject(new Error('The SFTP server is already listening'));
      if (closing) return Promise.reject(new Error('The SFTP server has been closed'));
      const server = net.createServer(onSocket);
      listening = server;
      return new Promise((resolve, reject) => {
        const onStartError = (err: Error): void => {
          listening = undefined;
          reject(err);
        };
        server.once('error', onStartError);
        server.listen(port, host, () => {
          server.off('error', onStartError);
          server.on('error', (err: Error) => logger.error(`ssh: listener error: ${err.message}`));
          const address = server.address() as AddressInfo;
          logger.info(`ssh: SFTP server listening on ${formatHostPort(address.address, address.port)}`);
          resolve({ host: address.address, port: address.port });
        });
      });
    },

    async close() {
      closing = true;
      const server = listening;
      const stopped = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      await Promise.allSettled(
        [...conns.values()].flatMap((conn) => [...(conn.session?.running ?? [])].map((sftp) => sftp.close())),
      );
      const gone = [...sockets].map((socket) => new Promise<void>((resolve) => {
        if (socket.destroyed) resolve();
        else socket.once('close', () => resolve());
      }));
      for (const conn of conns.values()) drop(conn);
      await Promise.all([stopped, ...gone]);
    },
  };
}

function uniqueByType(keys: readonly HostKey[], logger: Logger): HostKey[] {
  const seen = new Set<string>();
  const out: HostKey[] = [];
  for (const key of keys) {
    if (seen.has(key.type)) {
      logger.warn(`ssh: ignoring host key ${key.fingerprint}: another ${key.type} key is already in use`);
      continue;
    }
    seen.add(key.type);
    out.push(key);
  }
  return out;
}

function connKey(address: string | undefined, port: number | undefined): string {
  return `${address ?? '?'}|${port ?? '?'}`;
}

/** IPv4 clients of a dual-stack listener appear as ::ffff:a.b.c.d; show and count them as IPv4. */
export function normalizeIp(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
