// The lifecycle of one protocol server of a share: stopped → starting → running on ADDRESS, or error
// with a reason. Every change of state is reported; stop is safe in any state.
import type { ServerStatus, ShareProtocol } from '../../../src-shared/contract/index.js';
import type { Logger } from '../../../src-shared/logger.js';
import { StartError } from './listen-error.js';

/** A protocol server that is listening. */
export interface ListeningServer {
  readonly host: string;
  readonly port: number;
  /** SFTP host-key fingerprints (`SHA256:...`); empty for FTP. */
  readonly fingerprints: readonly string[];
  close(): Promise<void>;
}

export class ServerRunner {
  private current: ServerStatus = { state: 'stopped' };
  private server: ListeningServer | undefined;
  /** Why the last start failed (cleared by the next start). */
  lastError: StartError | undefined;

  constructor(
    readonly protocol: ShareProtocol,
    private readonly onStatus: (status: ServerStatus) => void,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get status(): ServerStatus {
    return this.current;
  }

  get listening(): ListeningServer | undefined {
    return this.server;
  }

  /** Runs `start`; its StartError (or any error) becomes the error state. Resolves with the new state. */
  async start(start: () => Promise<ListeningServer>): Promise<ServerStatus> {
    if (this.server) return this.current;
    this.lastError = undefined;
    this.set({ state: 'starting' });
    try {
      this.server = await start();
      this.set({ state: 'running', host: this.server.host, port: this.server.port, since: this.now() });
    } catch (err) {
      const reason = err instanceof StartError ? err.message : `could not start: ${err instanceof Error ? err.message : String(err)}`;
      if (!(err instanceof StartError)) this.logger.warn(`${this.protocol}: ${reason}`);
      this.lastError = err instanceof StartError ? err : new StartError(reason);
      this.set({ state: 'error', reason });
      throw this.lastError;
    }
    return this.current;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      try {
        await server.close();
      } catch (err) {
        this.logger.warn(`${this.protocol}: error while stopping: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (this.current.state !== 'stopped') this.set({ state: 'stopped' });
  }

  /** Shows a reason without a start attempt (a share that cannot be served as configured). */
  fail(reason: string): void {
    this.set({ state: 'error', reason });
  }

  private set(status: ServerStatus): void {
    this.current = status;
    this.onStatus(status);
  }
}
