// `wharf ui --headless`: one HTTP server on the given address serving the built renderer, the
// contract over a WebSocket (/ws) and over HTTP (/api/<channel>), all behind the random token of
// the printed URL. The first visit with `?token=` sets an HttpOnly, SameSite=Strict cookie and
// redirects to a clean URL; Host and Origin are checked on every request and upgrade.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../../src-shared/logger.js';
import type { EventSource } from '../event-feed.js';
import type { ApiRouter } from '../router.js';
import { cookieName, generateToken, presentedToken, tokenMatches } from './access-token.js';
import { serveApi } from './http-api.js';
import { hostPolicy } from './origin-check.js';
import type { HostPolicy } from './origin-check.js';
import { plain, serveStatic } from './static-files.js';
import { bridgeSocket } from './ws-bridge.js';

export interface HeadlessOptions {
  readonly router: ApiRouter;
  readonly events: EventSource;
  /** "127.0.0.1" by default; "" or "0.0.0.0" exposes the UI to the network (the token still guards it). */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The built renderer (dist-renderer/). */
  readonly rendererDir: string;
  readonly logger: Logger;
  /** For tests; a fresh random token otherwise. */
  readonly token?: string;
}

export interface HeadlessServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly token: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_WS_MESSAGE = 2 * 1024 * 1024;

const NOT_AUTHORIZED = 'Not authorized: open the URL that "wharf ui --headless" printed (it carries the access token)';

export async function startHeadlessServer(options: HeadlessOptions): Promise<HeadlessServer> {
  const { router, events, logger } = options;
  const token = options.token ?? generateToken();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });
  wss.on('error', (err) => logger.warn(`headless: websocket server error: ${err.message}`));
  // Until the real port is known no Host header matches, so nothing is served early.
  let policy: HostPolicy = hostPolicy(options.host, -1);
  let port = 0;

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    handle(req, res).catch((err: unknown) => {
      logger.error(`headless: ${req.method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket: Socket) => socket.destroy());

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!policy.hostAllowed(req)) return plain(res, 421, 'Wrong host name for this server');
    const url = new URL(req.url ?? '/', 'http://wharf.invalid');
    if (!tokenMatches(presentedToken(req, url, port), token)) return plain(res, 401, NOT_AUTHORIZED);
    if (url.searchParams.has('token')) {
      // Swap the token in the address bar for a cookie the page cannot read.
      res.statusCode = 303;
      res.setHeader('Set-Cookie', `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      // Always a path on this server: `//host` would be read as another site.
      res.setHeader('Location', `/${url.pathname.replace(/^[/\\]+/, '')}`);
      res.setHeader('Cache-Control', 'no-store');
      res.end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!policy.originAllowed(req)) return plain(res, 403, 'Cross-origin requests are not allowed');
      return serveApi(req, res, url.pathname.slice('/api/'.length), router);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'Method not allowed');
    }
    return serveStatic(options.rendererDir, url.pathname, res, req.method === 'HEAD');
  };

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://wharf.invalid');
    const refuse = (status: string, why: string): void => {
      logger.info(`headless: refused a WebSocket from ${socket.remoteAddress ?? '?'}: ${why}`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/ws') return refuse('404 Not Found', 'unknown path');
    if (!policy.hostAllowed(req)) return refuse('421 Misdirected Request', 'wrong host');
    if (!policy.originAllowed(req)) return refuse('403 Forbidden', `origin ${String(req.headers.origin).slice(0, 100)}`);
    if (!tokenMatches(presentedToken(req, url, port), token)) return refuse('401 Unauthorized', 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => bridgeSocket(ws, router, events, logger));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error(`headless: server error: ${err.message}`));
  const address = server.address() as AddressInfo;
  port = address.port;
  policy = hostPolicy(options.host, port);
  const shownHost = options.host === '' || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : address.address;
  const urlHost = shownHost.includes(':') ? `[${shownHost}]` : shownHost;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    host: address.address,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
