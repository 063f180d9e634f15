// createFtpServer: ftp-srv's listener and connection registry with Wharf's sessions on top. Here
// live the server-wide rules ftp-srv lacked: caps on connections (overall and per client address),
// the failed-login lockout and the share's session registry (shared with its SFTP server), and a close() that interrupts transfers, lets every open file close (uploads flushed), and only
// then resolves, without ever touching process signals.
import type { FtpLimits, FtpServerConfig } from './config.js';
import { resolveLimits, validateFtpConfig } from './config.js';
import { buildCommandTable } from './commands/registry.js';
import { normalizeIp } from './data/ip.js';
import { guardAuthenticator } from '../auth/index.js';
import { SessionRegistry } from '../session-registry.js';
import { authenticate, LoginRefused, SessionRefused } from './ftp-login.js';
import { FtpSession } from './ftp-session.js';
import type { FtpServerContext } from './ftp-session.js';
import { startFtpSrv } from './ftp-srv-host.js';
import type { FtpSrvConnection, FtpSrvHost } from './ftp-srv-host.js';
import { createFtpTlsContext } from './tls/tls-wrap.js';
import { formatReply } from './control/reply.js';
import { limitYoungGeneration } from '../young-generation.js';

/** How long a refused client gets to read its 421 before the socket is destroyed. */
const REFUSED_GRACE_MS = 2_000;

export interface FtpServer {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

export function createFtpServer(config: FtpServerConfig): FtpServer {
  limitYoungGeneration();
  validateFtpConfig(config);
  const limits: FtpLimits = resolveLimits(config.limits);
  const context: FtpServerContext = {
    config,
    limits,
    tlsContext: config.tls ? createFtpTlsContext(config.tls) : undefined,
    logger: config.logger,
    commands: buildCommandTable(),
  };
  const logger = config.logger;
  const sessions = new Map<string, FtpSession>();
  const perIp = new Map<string, number>();
  const registry = config.sessions ?? new SessionRegistry();
  const { lockout } = config;
  const authenticator = lockout ? guardAuthenticator(config.authenticator, lockout) : config.authenticator;
  let host: FtpSrvHost | undefined;
  let closing: Promise<void> | undefined;

  const refusal = (ip: string): string | undefined => {
    if (closing) return 'Server shutting down';
    if (lockout?.isBanned(ip)) return 'Too many failed logins from your address, try again later';
    if (sessions.size >= limits.maxConnections) return 'Too many connections, try again later';
    if ((perIp.get(ip) ?? 0) >= limits.maxConnectionsPerIp) return 'Too many connections from your address';
    return undefined;
  };

  // Runs inside ftp-srv's connection handler: a throw here would be an uncaught exception.
  const onConnect = (connection: FtpSrvConnection) => {
    try {
      accept(connection);
    } catch (err) {
      logger.error(`ftp: could not set up a connection: ${(err as Error).message}`);
      connection.commandSocket.destroy();
    }
  };

  const accept = (connection: FtpSrvConnection) => {
    const socket = connection.commandSocket;
    const ip = normalizeIp(socket.remoteAddress);
    const refused = refusal(ip);
    if (refused) {
      logger.info(`ftp: refused connection from ${ip}: ${refused}`);
      // Nothing the client sends may reach ftp-srv's own command handlers.
      socket.removeAllListeners('data');
      socket.setNoDelay(true);
      socket.end(formatReply(421, refused));
      setTimeout(() => socket.destroy(), REFUSED_GRACE_MS).unref();
      return;
    }
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    const session = new FtpSession(connection, context);
    sessions.set(session.id, session);
    logger.debug(`ftp: connection ${session.id} from ${ip}`);
    void session.finished.then(() => {
      sessions.delete(session.id);
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    });
  };

  const onLogin = async (connection: FtpSrvConnection, user: string, password: string) => {
    const session = sessions.get(connection.id);
    if (!session) throw new Error('Unknown connection');
    try {
      const { fs, lease } = await authenticate(config, { sessionId: session.id, clientIp: session.clientIp, user, password }, {
        authenticator,
        open: (result) =>
          registry.open({
            protocol: 'ftp',
            clientIp: session.clientIp,
            auth: result,
            end: (reason) => {
              logger.info(`ftp: ending session of "${result.user}" from ${session.clientIp}: ${reason}`);
              session.shutdown('Your session was ended by the administrator');
            },
          }),
      });
      void session.finished.then(() => lease.close());
      return { fs };
    } catch (err) {
      if (err instanceof SessionRefused) logger.warn(`ftp: login of "${user}" from ${session.clientIp} refused: ${err.message}`);
      else if (!(err instanceof LoginRefused)) logger.warn(`ftp: login check for "${user}" failed: ${(err as Error).message}`);
      throw err;
    }
  };

  return {
    async listen(hostName, port) {
      if (host || closing) throw new Error('This FTP server has already been started');
      const tls = config.tls;
      host = await startFtpSrv({
        host: hostName,
        port,
        implicitTls: tls?.implicit ? { cert: tls.cert, key: tls.key } : undefined,
        logger,
        onConnect,
        onLogin,
      });
      logger.info(`ftp: listening on ${hostName}:${host.address.port}${tls ? (tls.implicit ? ' (implicit FTPS)' : ' (FTPS via AUTH TLS)') : ''}`);
      return { ...host.address };
    },
    close() {
      closing ??= (async () => {
        const open = [...sessions.values()];
        for (const session of open) session.shutdown();
        await host?.close();
        await Promise.all(open.map((s) => s.finished));
      })();
      return closing;
    },
  };
}
