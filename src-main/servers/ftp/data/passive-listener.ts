// One passive data port (PASV/EPSV). It accepts a single connection, and only from the control
// connection's own address: a connection from anywhere else is closed on its own, without
// touching the session that owns the port (ftp-srv replied 550 and closed the owner's control
// connection instead, which let anyone who could reach the port end other users' sessions).
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { Logger } from '../../../../src-shared/logger.js';
import { normalizeIp, sameIp } from './ip.js';
import { listenInRange } from './port-range.js';
import type { PortRange } from './port-range.js';

export class PassiveListener {
  private readonly server: Server;
  private accepted: Socket | undefined;
  /** No connection is accepted any more. */
  private closed = false;
  /** The listening socket is closed. */
  private released = false;
  private readonly waiters = new Set<() => void>();
  private acceptTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly controlIp: string,
    private readonly logger: Logger,
  ) {
    this.server = createServer({ pauseOnConnect: true, noDelay: true }, (socket) => this.onConnection(socket));
  }

  /** Opens a listener on `host` within `range`; it gives up after `acceptTimeoutMs` without a client. */
  static async open(host: string, range: PortRange, controlIp: string, acceptTimeoutMs: number, logger: Logger) {
    const listener = new PassiveListener(controlIp, logger);
    const port = await listenInRange(listener.server, host, range);
    // Only now: a port found taken during the search is routine (listenInRange tries another),
    // not something to warn the operator about, as it was once per collision.
    listener.server.on('error', (err) => logger.warn(`ftp: passive listener error: ${err.message}`));
    listener.acceptTimer = setTimeout(() => listener.close(), acceptTimeoutMs);
    listener.acceptTimer.unref();
    return { listener, port };
  }

  /** Resolves with the accepted socket (paused), or undefined once the listener has given up. */
  take(signal: AbortSignal): Promise<Socket | undefined> {
    return new Promise((resolve) => {
      const settle = () => {
        this.waiters.delete(settle);
        signal.removeEventListener('abort', settle);
        const socket = this.accepted;
        this.accepted = undefined;
        resolve(signal.aborted ? (socket?.destroy(), undefined) : socket);
      };
      if (this.accepted || this.closed || signal.aborted) return settle();
      this.waiters.add(settle);
      signal.addEventListener('abort', settle, { once: true });
    });
  }

  /** Stops accepting and closes the listening socket, which frees the port. */
  close(): void {
    this.stopAccepting();
    if (!this.released) {
      this.released = true;
      this.server.close();
    }
  }

  /** Closes the listener and any accepted socket nobody took. */
  dispose(): void {
    this.close();
    this.accepted?.destroy();
    this.accepted = undefined;
  }

  private onConnection(socket: Socket): void {
    socket.on('error', () => socket.destroy());
    if (!sameIp(socket.remoteAddress, this.controlIp)) {
      this.logger.warn(
        `ftp: refused a data connection from ${normalizeIp(socket.remoteAddress)} to a passive port of ${this.controlIp}`,
      );
      socket.destroy();
      return;
    }
    if (this.accepted || this.closed) {
      socket.destroy();
      return;
    }
    this.accepted = socket;
    // One connection per PASV: refuse any other from now on. The owner closes the listening
    // socket (dispose) when it suits it (data-channel.ts).
    this.stopAccepting();
  }

  private stopAccepting(): void {
    if (this.acceptTimer) clearTimeout(this.acceptTimer);
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
  }
}
