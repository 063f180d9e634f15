// One SFTP session over one channel: frames packets, dispatches requests concurrently (replies may
// leave out of order), answers every request, and respects backpressure both ways. A malformed or
// oversize packet ends this session only; channel end closes every open handle.
import type { Duplex } from 'node:stream';
import type { Logger } from '../../../../src-shared/logger.js';
import type { SessionContext } from '../../session.js';
import { PacketType, SFTP_VERSION, Status } from './constants.js';
import { SftpContext } from './context.js';
import { handlerFor, packetTypeName } from './dispatch.js';
import { noteFreshBytes } from '../../gc-pacer.js';
import { ADVERTISED_EXTENSIONS } from './extensions.js';
import { closeEntry } from './file-requests.js';
import { loadIdNames } from './id-names.js';
import type { SftpProtocolLimits } from './limits.js';
import { PacketFramer } from './packet-framer.js';
import { MalformedPacketError, NO_TAIL, PacketReader } from './packet-reader.js';
import { statusReply, versionReply } from './replies.js';
import { toStatusReply } from './status.js';

export interface SftpSession {
  /** Settles once the session has ended and every handle is closed. */
  readonly done: Promise<void>;
  /** Closes all handles and ends the channel. */
  close(): Promise<void>;
}

/**
 * Requests being served at once before we stop reading input. Clients pipeline (OpenSSH 64 per
 * transfer); this bounds memory when one pipelines far more (each READ may hold 256 KiB).
 */
const MAX_IN_FLIGHT = 128;

/**
 * Reply bytes a session may have pending at once: READs being served plus output the channel has
 * not yet passed to SSH (the client's window, 2 MiB with OpenSSH, holds the rest back). Past it,
 * requests wait in the backlog: four clients pipelining 64 READs of 255 KiB each would otherwise
 * hold 64 MiB of replies in memory for no gain in throughput. Measured: 2 MiB was as fast as 4 MiB
 * (the window is the real limit) and kept the server under 150 MB with four parallel downloads.
 */
const MAX_PENDING_BYTES = 2 * 1024 * 1024;

/** A request as the framer delivered it (see packet-framer.ts); only large split ones have a tail. */
interface Packet {
  readonly head: Buffer;
  readonly tail: readonly Buffer[];
}

const EMPTY: Packet = { head: Buffer.alloc(0), tail: NO_TAIL };

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

export class SftpServerSession implements SftpSession {
  readonly done: Promise<void>;
  private resolveDone: () => void = () => undefined;
  private readonly ctx: SftpContext;
  private readonly framer: PacketFramer;
  private readonly who: string;
  private initialized = false;
  /** No more input is processed (protocol error, end of input or shutdown). */
  private stopped = false;
  private outputEnded = false;
  private shutdownPromise: Promise<void> | undefined;
  private failed = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private paused = false;
  /** Packets received while over budget, served in arrival order as room frees up. */
  private backlog: Packet[] = [];
  private backlogHead = 0;
  /** Set when input must not be served any more (protocol error or abrupt end). */
  private halted = false;

  constructor(
    private readonly channel: Duplex,
    session: SessionContext,
    private readonly logger: Logger,
    limits: SftpProtocolLimits,
  ) {
    this.who = `${session.user}@${session.clientIp}`;
    this.ctx = new SftpContext(session, logger, limits, loadIdNames());
    this.framer = new PacketFramer(limits.maxPacketLength, (head, tail) => this.onPacket(head, tail));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    channel.on('error', (err: unknown) => {
      this.logger.debug(`sftp ${this.who}: channel error: ${describe(err)}`);
      this.outputEnded = true;
      void this.shutdown(false);
    });
    channel.on('drain', () => this.pump());
    channel.on('end', () => void this.shutdown(true));
    channel.on('close', () => {
      this.outputEnded = true;
      void this.shutdown(false);
    });
    channel.on('data', (chunk: Buffer) => this.onData(chunk));
    this.logger.debug(`sftp ${this.who}: session started`);
  }

  close(): Promise<void> {
    return this.shutdown(false);
  }

  private onData(chunk: Buffer): void {
    if (this.stopped) return;
    // Channel data sits in buffers ssh2 and the socket just allocated: see gc-pacer.ts.
    noteFreshBytes(chunk.length);
    try {
      this.framer.push(chunk);
    } catch (err) {
      this.protocolError(err, undefined);
    }
  }

  private onPacket(head: Buffer, tail: readonly Buffer[]): void {
    if (this.stopped) return;
    // A split packet stays split: its reader joins it if a field crosses the split (only WRITE's
    // data is read as views).
    if (this.initialized && (this.backlogHead < this.backlog.length || this.overBudget())) {
      this.backlog.push({ head, tail });
      this.updateFlow();
      return;
    }
    this.dispatch(head, tail);
  }

  private overBudget(): boolean {
    return this.inFlight >= MAX_IN_FLIGHT || this.ctx.readBytesInFlight + this.channel.writableLength > MAX_PENDING_BYTES;
  }

  /** Serves backlogged packets while there is room, then lets input flow again when it is empty. */
  private pump(): void {
    while (!this.halted && this.backlogHead < this.backlog.length && !this.overBudget()) {
      const packet = this.backlog[this.backlogHead] as Packet;
      this.backlog[this.backlogHead++] = EMPTY;
      this.dispatch(packet.head, packet.tail);
    }
    if (this.backlogHead >= this.backlog.length || this.halted) {
      this.backlog = [];
      this.backlogHead = 0;
    }
    this.updateFlow();
    this.checkIdle();
  }

  private dispatch(payload: Buffer, tail: readonly Buffer[]): void {
    if (this.halted) return;
    const type = payload[0] as number;
    if (!this.initialized) {
      if (type !== PacketType.INIT || payload.length < 5) {
        this.protocolError(new MalformedPacketError(`Expected INIT, got ${packetTypeName(type)}`), undefined);
        return;
      }
      this.initialized = true;
      this.logger.debug(`sftp ${this.who}: client version ${payload.readUInt32BE(1)}`);
      this.send(versionReply(SFTP_VERSION, ADVERTISED_EXTENSIONS));
      return;
    }
    if (payload.length < 5 || type === PacketType.INIT) {
      this.protocolError(new MalformedPacketError(type === PacketType.INIT ? 'Duplicate INIT' : 'Packet too short'), undefined);
      return;
    }
    const id = payload.readUInt32BE(1);
    const handler = handlerFor(type);
    if (!handler) {
      this.logger.debug(`sftp ${this.who}: unsupported request ${packetTypeName(type)}`);
      this.send(statusReply(id, Status.OP_UNSUPPORTED, 'Unsupported request'));
      return;
    }
    if (type !== PacketType.READ && type !== PacketType.WRITE) {
      this.logger.debug(`sftp ${this.who}: request ${id} ${packetTypeName(type)}`);
    }
    const reader = new PacketReader(payload, 5, tail);
    let pending: Promise<Buffer>;
    try {
      pending = handler(this.ctx, id, reader);
    } catch (err) {
      pending = Promise.reject(err);
    }
    if (reader.failed) {
      pending.catch(() => undefined);
      this.protocolError(new MalformedPacketError(`Malformed ${packetTypeName(type)} packet`), id);
      return;
    }
    this.inFlight++;
    if (this.overBudget()) this.updateFlow();
    pending.then(
      (reply) => this.settle(id, reply),
      (err: unknown) => this.settleError(id, type, err),
    );
  }

  private settle(id: number, reply: Buffer): void {
    this.send(reply);
    this.requestDone(id);
  }

  /** The one wrapper every request's failure goes through: the client always gets a STATUS. */
  private settleError(id: number, type: number, err: unknown): void {
    if (err instanceof MalformedPacketError) {
      this.protocolError(err, id);
    } else {
      const status = toStatusReply(err);
      if (status.unexpected) this.logger.debug(`sftp ${this.who}: ${packetTypeName(type)} failed: ${describe(err)}`);
      this.send(statusReply(id, status.code, status.message));
    }
    this.requestDone(id);
  }

  private requestDone(id: number): void {
    this.ctx.releaseRead(id);
    this.inFlight--;
    this.pump();
  }

  private checkIdle(): void {
    if (this.inFlight === 0 && this.backlogHead >= this.backlog.length && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private send(reply: Buffer): void {
    const pool = this.ctx.replies;
    if (this.outputEnded) {
      pool.release(reply);
      return;
    }
    // ssh2 calls back once it has copied the bytes into its packets (or dropped them): a pooled
    // buffer is free again only then, and the output budget has room for waiting requests.
    this.channel.write(reply, pool.isPooled(reply) ? () => this.written(reply) : this.onWritten);
  }

  private readonly onWritten = (): void => {
    if (this.backlogHead < this.backlog.length) this.pump();
  };

  private written(reply: Buffer): void {
    this.ctx.replies.release(reply);
    this.onWritten();
  }

  /**
   * Stops reading while requests wait in the backlog (the client outruns us); the channel's
   * backpressure then reaches the client through the SSH window.
   */
  private updateFlow(): void {
    const pause = !this.stopped && this.backlogHead < this.backlog.length;
    if (pause === this.paused) return;
    this.paused = pause;
    if (pause) this.channel.pause();
    else this.channel.resume();
  }

  private protocolError(err: unknown, id: number | undefined): void {
    if (this.stopped && this.shutdownPromise) return;
    const message = err instanceof Error ? err.message : String(err);
    this.logger.warn(`sftp ${this.who}: ${message}; closing the session`);
    if (id !== undefined) this.send(statusReply(id, Status.BAD_MESSAGE, 'Malformed packet'));
    this.failed = true;
    this.halted = true;
    void this.shutdown(false);
  }

  /**
   * On an ssh2 server channel, report how the subsystem ended, as sshd does when sftp-server exits:
   * scp (SFTP mode) fails a finished copy when the exit status is missing.
   */
  private sendExitStatus(code: number): void {
    const exit = (this.channel as Partial<{ exit(status: number): void }>).exit;
    if (typeof exit !== 'function') return;
    try {
      exit.call(this.channel, code);
    } catch (err) {
      this.logger.debug(`sftp ${this.who}: exit status not sent: ${describe(err)}`);
    }
  }

  private whenIdle(): Promise<void> {
    if (this.inFlight === 0 && this.backlogHead >= this.backlog.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** `graceful` (the client ended its input) lets in-flight requests answer first. */
  private shutdown(graceful: boolean): Promise<void> {
    this.shutdownPromise ??= this.runShutdown(graceful);
    return this.shutdownPromise;
  }

  private async runShutdown(graceful: boolean): Promise<void> {
    this.stopped = true;
    // A graceful end still answers what the client sent before it (the backlog included).
    if (!graceful) this.halted = true;
    this.pump();
    if (graceful) await this.whenIdle();
    this.ctx.closed = true;
    const entries = this.ctx.handles.removeAll();
    await Promise.all(
      entries.map(async (entry) => {
        try {
          await closeEntry(entry, false);
          if (entry.kind === 'file') {
            this.ctx.access('close', entry.path, `bytes read ${entry.bytesRead} written ${entry.bytesWritten} (session ended)`);
          }
        } catch (err) {
          this.logger.warn(`sftp ${this.who}: closing ${JSON.stringify(entry.path)} at session end failed: ${describe(err)}`);
        }
      }),
    );
    if (!this.outputEnded) {
      this.outputEnded = true;
      this.sendExitStatus(this.failed ? 1 : 0);
      this.channel.end();
    }
    this.logger.debug(`sftp ${this.who}: session ended`);
    this.resolveDone();
  }
}
