// Promise-shaped writes and shutdown for a data socket, with the three ways a transfer ends early
// folded into one error: the client aborted (ABOR), the connection broke, or it sat idle too long.
import type { Socket } from 'node:net';

export class DataSocketError extends Error {
  constructor(
    message: string,
    readonly reason: 'aborted' | 'closed' | 'idle',
  ) {
    super(message);
  }
}

/**
 * Watches a data socket: idle timeout and abort both destroy it, and `failure` tells why it died.
 * Call `dispose` when the transfer is over.
 */
export class DataSocketGuard {
  private reason: DataSocketError | undefined;
  private readonly onAbort = () => this.kill(new DataSocketError('Transfer aborted', 'aborted'));

  constructor(
    readonly socket: Socket,
    idleMs: number,
    private readonly signal: AbortSignal,
  ) {
    socket.setTimeout(idleMs, () => this.kill(new DataSocketError('Data connection timed out', 'idle')));
    socket.on('error', (err) => {
      this.reason ??= new DataSocketError(`Data connection failed (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'closed');
    });
    if (signal.aborted) this.onAbort();
    else signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Why the socket can no longer be used (a generic "closed" when nothing more specific is known). */
  get failure(): DataSocketError {
    return this.reason ?? new DataSocketError('Data connection closed; transfer aborted', 'closed');
  }

  kill(reason: DataSocketError): void {
    this.reason ??= reason;
    this.socket.destroy();
  }

  dispose(): void {
    this.signal.removeEventListener('abort', this.onAbort);
    this.socket.setTimeout(0);
    this.socket.destroy();
  }

  /**
   * Writes, waiting for the socket to drain when its buffer is full. `written` runs once the socket
   * is done with `data`: `ok` when it went out (the buffer may be reused), false when the write
   * failed (the socket may still refer to it).
   */
  write(data: Buffer | string, written?: (ok: boolean) => void): Promise<void> {
    const socket = this.socket;
    if (socket.destroyed || !socket.writable) return Promise.reject(this.failure);
    const onWritten = written && ((err?: Error | null) => written(!err));
    if (socket.write(data, onWritten)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (err?: DataSocketError) => {
        socket.off('drain', onDrain);
        socket.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(this.failure);
      socket.on('drain', onDrain);
      socket.on('close', onClose);
    });
  }

  /** Ends the stream and waits until everything written has been handed to the network. */
  finish(): Promise<void> {
    const socket = this.socket;
    if (socket.destroyed) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const done = (err?: DataSocketError) => {
        socket.off('finish', onFinish);
        socket.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onFinish = () => done();
      // A close before 'finish' means data was lost; one after it is the normal end.
      const onClose = () => done(this.failure);
      socket.on('finish', onFinish);
      socket.on('close', onClose);
      socket.end();
    });
  }
}
