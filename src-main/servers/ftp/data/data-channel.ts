// The data connection of one session: set up by PASV/EPSV (listen) or PORT/EPRT (remember where to
// connect), consumed by exactly one transfer. Data sockets get TCP_NODELAY (with Nagle and delayed
// ACKs, small files ran at 22 files/s instead of 670) and TLS when the session asked for PROT P.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { Logger } from '../../../../src-shared/logger.js';
import { handshake } from '../tls/tls-wrap.js';
import type { ActiveTarget } from './active-target.js';
import { PassiveListener } from './passive-listener.js';
import type { PortRange } from './port-range.js';
import { noteUserReads, UserReads } from './user-reads.js';

export interface DataChannelOptions {
  readonly controlIp: string;
  /** The control connection's local address: passive ports listen where the client already reached us. */
  readonly localIp: string;
  readonly range: PortRange;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export class DataConnectionError extends Error {}

export class DataChannel {
  private passive: PassiveListener | undefined;
  private active: ActiveTarget | undefined;
  /** The listener of the transfer that just started, until dropLater closes it. */
  private spent: PassiveListener | undefined;

  constructor(private readonly options: DataChannelOptions) {}

  get ready(): boolean {
    return this.passive !== undefined || this.active !== undefined;
  }

  /** PASV/EPSV: replaces any earlier setup with a fresh listener; returns its port. */
  async listen(): Promise<number> {
    this.reset();
    const o = this.options;
    const { listener, port } = await PassiveListener.open(o.localIp, o.range, o.controlIp, o.timeoutMs, o.logger);
    this.passive = listener;
    return port;
  }

  /** PORT/EPRT: the target has already passed the address policy. */
  connectTo(target: ActiveTarget): void {
    this.reset();
    this.active = target;
  }

  /**
   * The connected TCP socket for one transfer (paused). The setup is used up either way: the next
   * transfer needs a new PASV or PORT. TLS comes later (`protect`), after the 150 reply: clients
   * such as Python's ftplib start the handshake only once they have read it.
   */
  async open(signal: AbortSignal): Promise<Socket> {
    const passive = this.passive;
    const active = this.active;
    this.passive = undefined;
    this.active = undefined;
    let socket: Socket | undefined;
    if (passive) {
      socket = await passive.take(signal);
      this.dropLater(passive);
      if (!socket || socket.destroyed) throw new DataConnectionError('No data connection was made');
    } else if (active) {
      socket = await this.dial(active, signal);
    } else {
      throw new DataConnectionError('Use PASV, EPSV, PORT or EPRT first');
    }
    socket.setNoDelay(true);
    return socket;
  }

  /** PROT P: the server side of the TLS handshake on an opened data socket. */
  protect(socket: Socket, tls: SecureContext, signal: AbortSignal): Promise<Socket> {
    return handshake(socket, tls, this.options.timeoutMs, signal).catch((err: Error) => {
      throw new DataConnectionError(err.message);
    });
  }

  reset(): void {
    this.passive?.dispose();
    this.passive = undefined;
    this.active = undefined;
    this.dropSpent();
  }

  /**
   * A used listener no longer accepts anything, but closing its socket costs the kernel ~30 us,
   * which would delay the transfer's first reply the client is waiting for: it is closed once this
   * loop turn is over, or at once when the session sets up or ends its data connection.
   */
  private dropLater(listener: PassiveListener): void {
    this.dropSpent();
    this.spent = listener;
    setImmediate(() => this.dropSpent());
  }

  private dropSpent(): void {
    this.spent?.dispose();
    this.spent = undefined;
  }

  private dial(target: ActiveTarget, signal: AbortSignal): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const reads = new UserReads();
      const socket = noteUserReads(
        connect({ host: target.host, port: target.port, family: target.family, noDelay: true, onread: reads.onread }),
        reads,
      );
      const fail = (message: string) => {
        cleanup();
        socket.destroy();
        reject(new DataConnectionError(message));
      };
      const onError = () => fail('Could not connect to the address given by PORT/EPRT');
      const onAbort = () => fail('Transfer aborted');
      const timer = setTimeout(() => fail('Connecting to the address given by PORT/EPRT timed out'), this.options.timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        socket.off('error', onError);
        signal.removeEventListener('abort', onAbort);
      };
      socket.once('error', onError);
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('connect', () => {
        cleanup();
        socket.on('error', () => socket.destroy());
        socket.pause();
        resolve(socket);
      });
    });
  }
}
