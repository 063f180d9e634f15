// One FTP control connection, from greeting to close: frames lines, runs commands strictly one at a
// time (ftp-srv ran commands from different packets concurrently), keeps the protocol state (login,
// working folder, REST, RNFR, TLS, data setup), and owns the timers. ABOR is the one command taken
// out of order, because it must interrupt the transfer the queue is waiting on.
import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { Logger } from '../../../src-shared/logger.js';
import { isVfsError } from '../../vfs/index.js';
import type { FtpCommand } from './commands/command.js';
import type { FtpLimits, FtpServerConfig } from './config.js';
import { LineReader, parseCommandLine } from './control/line-reader.js';
import type { ControlLine } from './control/line-reader.js';
import { formatMultiline, formatReply } from './control/reply.js';
import { DataChannel } from './data/data-channel.js';
import { normalizeIp } from './data/ip.js';
import { ftpErrorReply } from './ftp-errors.js';
import type { FtpSrvConnection } from './ftp-srv-host.js';
import { MLST_FACTS } from './listing/mlsx-format.js';
import type { MlstFact } from './listing/mlsx-format.js';
import { wrapServerSocket } from './tls/tls-wrap.js';
import type { VfsFileSystem } from './vfs-file-system.js';

export interface FtpServerContext {
  readonly config: FtpServerConfig;
  readonly limits: FtpLimits;
  readonly tlsContext: SecureContext | undefined;
  readonly logger: Logger;
  readonly commands: ReadonlyMap<string, FtpCommand>;
}

/** An error that carries its own FTP reply (policy refusals that are not file-system errors). */
export class FtpReplyError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Pause reading the control connection while this many commands wait (a flood cannot grow memory). */
const MAX_QUEUED = 32;
/** Like OpenSSH's LoginGraceTime: an unauthenticated connection gets at most this long. */
const LOGIN_GRACE_MS = 120_000;
/** After a final reply, how long the client gets to read it before the socket is destroyed. */
const CLOSE_GRACE_MS = 2_000;

export class FtpSession {
  readonly id: string;
  readonly clientIp: string;
  readonly localIp: string;
  readonly data: DataChannel;
  /** Settles once the connection is closed and no command is running any more. */
  readonly finished: Promise<void>;

  secure: boolean;
  /** PROT P: data connections use TLS. */
  protectData: boolean;
  pendingUser: string | undefined;
  fs: VfsFileSystem | undefined;
  restOffset = 0;
  renameFrom: string | undefined;
  mlstFacts: ReadonlySet<MlstFact> = new Set(MLST_FACTS);
  epsvAll = false;
  failedLogins = 0;

  private control: Socket;
  private reader = new LineReader();
  private queue: ControlLine[] = [];
  private running = false;
  private closing = false;
  private closed = false;
  private transfer: { readonly controller: AbortController; readonly done: Promise<void> } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private resolveFinished: () => void = () => {};

  constructor(
    readonly connection: FtpSrvConnection,
    readonly server: FtpServerContext,
  ) {
    const socket = connection.commandSocket;
    this.id = connection.id;
    this.clientIp = normalizeIp(socket.remoteAddress);
    this.localIp = normalizeIp(socket.localAddress);
    this.control = socket;
    this.secure = server.config.tls?.implicit === true;
    this.protectData = this.secure;
    this.data = new DataChannel({
      controlIp: this.clientIp,
      localIp: this.localIp,
      range: server.config.passivePorts,
      timeoutMs: server.limits.dataIdleMs,
      logger: server.logger,
    });
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    socket.setNoDelay(true);
    // ftp-srv's own reader splits each packet on CRLF and runs commands concurrently: replace it.
    socket.removeAllListeners('data');
    socket.removeAllListeners('timeout');
    socket.once('close', () => this.onClosed());
    this.attach(socket);
    this.armIdle();
  }

  get logger(): Logger {
    return this.server.logger;
  }

  get loggedIn(): boolean {
    return this.fs !== undefined;
  }

  /** The user name for logs: the logged-in user, or what USER said. */
  get who(): string {
    return this.fs?.session.user ?? this.pendingUser ?? '-';
  }

  reply(code: number, text: string): void {
    this.send(formatReply(code, text));
  }

  replyLines(code: number, first: string, body: readonly string[], last: string): void {
    this.send(formatMultiline(code, first, body, last));
  }

  replyError(err: unknown): void {
    if (err instanceof FtpReplyError) return this.reply(err.code, err.message);
    this.noteUnexpected(err);
    const { code, message } = ftpErrorReply(err);
    this.reply(code, message);
  }

  /** Anything that is not a classified VfsError is a bug or an unclassified backend failure: log it. */
  noteUnexpected(err: unknown): void {
    if (!isVfsError(err)) this.logger.warn(`ftp ${this.id}: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
  }

  /** Writes raw reply text and waits while the control connection's buffer is full. */
  sendAwait(text: string): Promise<void> {
    const socket = this.control;
    if (this.closed || !socket.writable) return Promise.resolve();
    if (socket.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
  }

  /** Sends a final reply and closes the control connection. */
  closeWith(code: number, text: string): void {
    if (this.closing) return;
    this.closing = true;
    this.queue = [];
    this.reply(code, text);
    this.control.end();
    setTimeout(() => this.control.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Server shutdown (or the session ended by the administrator): interrupts any transfer, then says goodbye. */
  shutdown(message = 'Server shutting down'): void {
    this.transfer?.controller.abort();
    this.data.reset();
    this.closeWith(421, message);
  }

  /**
   * Runs a transfer command so ABOR can interrupt it. `work` sends its own replies (150, then 226
   * or an error); the signal fires on ABOR, on shutdown and when the connection closes.
   */
  async runTransfer(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    const done = work(controller.signal);
    this.transfer = { controller, done: done.then(noop, noop) };
    try {
      await done;
    } finally {
      this.transfer = undefined;
    }
  }

  /** The data socket for a transfer, refused when TLS is required and PROT P was not given. */
  openData(signal: AbortSignal): Promise<Socket> {
    if (this.server.config.tls?.require && !this.protectData) {
      this.data.reset();
      return Promise.reject(new FtpReplyError(521, 'Data connections must be protected: send PBSZ 0 and PROT P'));
    }
    return this.data.open(signal);
  }

  /** After the 150 reply: TLS on the data socket when PROT P is in force. */
  protectDataSocket(socket: Socket, signal: AbortSignal): Promise<Socket> {
    const context = this.server.tlsContext;
    if (!this.protectData || !context) return Promise.resolve(socket);
    return this.data.protect(socket, context, signal);
  }

  /** AUTH TLS: answers 234, then runs the rest of the session over TLS. */
  async upgradeToTls(context: SecureContext): Promise<void> {
    const plain = this.control;
    plain.removeAllListeners('data');
    plain.pause();
    // Anything pipelined after AUTH in plaintext is dropped, never run as if protected.
    this.queue = [];
    this.reader = new LineReader();
    await new Promise<void>((resolve) => plain.write(formatReply(234, 'Proceed with negotiation.'), () => resolve()));
    const secure = wrapServerSocket(plain, context);
    secure.on('error', (err) => {
      this.logger.debug(`ftp ${this.id}: TLS error: ${err.message}`);
      secure.destroy();
    });
    this.control = secure;
    this.connection.commandSocket = secure;
    this.connection.secure = true;
    this.secure = true;
    this.attach(secure);
  }

  private attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.onChunk(chunk));
  }

  private send(text: string): void {
    if (!this.closed && this.control.writable) this.control.write(text);
  }

  private onChunk(chunk: Buffer): void {
    if (this.closing) return;
    this.clearIdle();
    for (const line of this.reader.push(chunk)) {
      if (line.kind === 'line' && this.transfer && parseCommandLine(line.text).verb === 'ABOR') {
        this.abortTransfer().catch((err: Error) => this.logger.error(`ftp ${this.id}: ABOR failed: ${err.message}`));
        continue;
      }
      this.queue.push(line);
    }
    if (this.queue.length > MAX_QUEUED) this.control.pause();
    this.drain().catch((err: Error) => this.logger.error(`ftp ${this.id}: command loop failed: ${err.message}`));
  }

  private async abortTransfer(): Promise<void> {
    const transfer = this.transfer;
    if (!transfer) return;
    transfer.controller.abort();
    // The transfer answers 426 itself; ABOR's own 226 must come after it.
    await transfer.done;
    this.reply(226, 'ABOR successful.');
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closing && !this.closed) {
        const line = this.queue.shift()!;
        if (this.queue.length < MAX_QUEUED / 4 && this.control.isPaused()) this.control.resume();
        await this.execute(line);
      }
    } finally {
      this.running = false;
      if (this.closed) this.resolveFinished();
      else this.armIdle();
    }
  }

  private async execute(line: ControlLine): Promise<void> {
    if (line.kind === 'too-long') return this.reply(500, 'Command line too long');
    const { verb, arg } = parseCommandLine(line.text);
    if (verb === '') return this.reply(500, 'Empty command');
    this.logger.debug(`ftp ${this.id}: ${verb}${verb === 'PASS' ? ' ****' : arg ? ` ${arg}` : ''}`);
    const command = this.server.commands.get(verb);
    if (!command) return this.reply(502, `Command not implemented: ${verb.slice(0, 16).replace(/[^\x21-\x7e]/g, '?')}`);
    if (!command.beforeLogin && !this.loggedIn) return this.reply(530, 'Please log in with USER and PASS first');
    // RNTO must come right after RNFR (RFC 959).
    if (verb !== 'RNTO') this.renameFrom = undefined;
    try {
      await command.handler(this, arg, verb);
    } catch (err) {
      if (!(err instanceof FtpReplyError)) this.logger.debug(`ftp ${this.id}: ${verb} failed: ${(err as Error)?.message}`);
      this.replyError(err);
    }
  }

  private armIdle(): void {
    this.clearIdle();
    if (this.closing || this.closed || this.running || this.transfer) return;
    const idleMs = this.loggedIn ? this.server.limits.idleMs : Math.min(this.server.limits.idleMs, LOGIN_GRACE_MS);
    this.idleTimer = setTimeout(() => {
      this.logger.info(`ftp: closing idle connection of ${this.who} from ${this.clientIp}`);
      this.closeWith(421, 'Timeout: closing control connection');
    }, idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.closing = true;
    this.queue = [];
    this.clearIdle();
    this.transfer?.controller.abort();
    this.data.reset();
    if (!this.running) this.resolveFinished();
  }
}

function noop(): void {}
