// The part of ftp-srv Wharf builds on: its listener (plain, or TLS from the first byte for implicit
// FTPS), its connection objects and registry, and its `login` event. Everything a connection does
// after the greeting is Wharf's (see ftp-session.ts). Two ftp-srv habits are undone here without
// patching it: the SIGTERM/SIGINT/SIGQUIT handlers its constructor installs (they call
// process.exit(0), which would skip flushing uploads: the app decides how to shut down), and its
// default bunyan logger printing JSON to stdout.
import type { EventEmitter } from 'node:events';
import type { Server, Socket } from 'node:net';
import { FtpSrv } from 'ftp-srv';
import type { Logger } from '../../../src-shared/logger.js';
import { bunyanAdapter } from './bunyan-adapter.js';

/** What Wharf uses of an ftp-srv connection (its typings omit most of it). */
export interface FtpSrvConnection {
  readonly id: string;
  commandSocket: Socket;
  secure: boolean;
  authenticated?: boolean;
  fs?: unknown;
  /** Emits the server's `login` event and, when it resolves, marks the connection authenticated. */
  login(username: string, password: string): PromiseLike<unknown>;
}

interface LoginEvent {
  readonly connection: FtpSrvConnection;
  readonly username: string;
  readonly password: string;
}

export interface FtpSrvHostOptions {
  readonly host: string;
  readonly port: number;
  /** Implicit FTPS: the listener speaks TLS from the first byte. */
  readonly implicitTls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly logger: Logger;
  /** Called before the greeting, with the socket still paused. */
  onConnect(connection: FtpSrvConnection): void;
  /** Decides a login; resolves with the FileSystem object ftp-srv stores as `connection.fs`. */
  onLogin(connection: FtpSrvConnection, username: string, password: string): Promise<object>;
}

export interface FtpSrvHost {
  readonly address: { readonly host: string; readonly port: number };
  close(): Promise<void>;
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;

/** Runs `construct` and removes any signal listener it added to the process. */
export function withoutSignalHandlers<T>(construct: () => T): T {
  const before = SIGNALS.map((signal) => new Set(process.listeners(signal)));
  try {
    return construct();
  } finally {
    SIGNALS.forEach((signal, i) => {
      for (const listener of process.listeners(signal)) {
        if (!before[i]!.has(listener)) process.off(signal, listener);
      }
    });
  }
}

function urlOf(host: string, port: number, tls: boolean): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${tls ? 'ftps' : 'ftp'}://${h}:${port}`;
}

export async function startFtpSrv(options: FtpSrvHostOptions): Promise<FtpSrvHost> {
  const { logger } = options;
  const implicit = options.implicitTls;
  const srv = withoutSignalHandlers(
    () =>
      new FtpSrv({
        url: urlOf(options.host, options.port, implicit !== undefined),
        // ftp-srv passes these to tls.createServer, so `noDelay` reaches every accepted socket.
        tls: implicit ? ({ cert: implicit.cert, key: implicit.key, minVersion: 'TLSv1.2', noDelay: true } as object) : false,
        log: bunyanAdapter(logger),
        anonymous: false,
        timeout: 0,
      }),
  );
  // ftp-srv's typings list only some of its events, and type `fs` as its own FileSystem class.
  const events = srv as unknown as EventEmitter;
  events.on('connect', ({ connection }: { connection: FtpSrvConnection }) => options.onConnect(connection));
  events.on('login', (data: LoginEvent, resolve: (value: object) => void, reject: (err: unknown) => void) => {
    options.onLogin(data.connection, data.username, data.password).then(resolve, reject);
  });
  events.on('server-error', ({ error }: { error: Error }) => logger.error(`ftp: listener error: ${error.message}`));
  events.on('client-error', ({ error }: { error: Error }) => logger.debug(`ftp: client error: ${error.message}`));

  const server = (srv as unknown as { server: Server }).server;
  // Implicit FTPS: a client that fails the handshake never reaches ftp-srv; just log it.
  server.on('tlsClientError', (err: Error) => logger.debug(`ftp: TLS handshake failed: ${err.message}`));
  await srv.listen();
  const bound = server.address();
  if (!bound || typeof bound !== 'object') throw new Error('FTP listener has no address');
  return {
    address: { host: bound.address, port: bound.port },
    close: async () => {
      await srv.close();
    },
  };
}
