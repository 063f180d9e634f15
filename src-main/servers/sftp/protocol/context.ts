// What every request handler sees: the session policy, the Vfs, the handle table, the limits and
// the access log. Paths cross the edge only through `sharePath` / `clientPath` (session.ts rules).
import type { Logger } from '../../../../src-shared/logger.js';
import type { Vfs } from '../../../vfs/index.js';
import { checkWritable, toClientPath, toSharePath } from '../../session.js';
import type { SessionContext } from '../../session.js';
import type { HandleEntry } from './handle-table.js';
import { HandleTable } from './handle-table.js';
import type { IdNames } from './id-names.js';
import type { SftpProtocolLimits } from './limits.js';
import type { PacketReader } from './packet-reader.js';
import { replyPoolFor } from './reply-pool.js';
import type { ReplyPool } from './reply-pool.js';

/**
 * A request handler. It must read every field of its packet before its first `await`: the session
 * checks the reader right after the call to stop at a malformed packet before reading the next one.
 */
export type RequestHandler = (ctx: SftpContext, id: number, r: PacketReader) => Promise<Buffer>;

export class SftpContext {
  readonly vfs: Vfs;
  readonly handles: HandleTable;
  /** Set when the session is shutting down: late OPENs close their file instead of adopting it. */
  closed = false;
  /** DATA reply buffers, read into directly and recycled once the channel has taken them. */
  readonly replies: ReplyPool;
  /**
   * Bytes of READs being served now: the session's flow control counts them with its output. A
   * READ's share is released by the session once its reply is in the channel (`releaseRead`), not
   * when the handler returns: with inline reads many handlers return within one turn, before any of
   * their replies is sent, and the budget must still see them.
   */
  readBytesInFlight = 0;
  private readonly readReservations = new Map<number, number>();

  /** Counts `length` bytes of READ `id` until `releaseRead(id)`. */
  reserveRead(id: number, length: number): void {
    this.readBytesInFlight += length;
    this.readReservations.set(id, (this.readReservations.get(id) ?? 0) + length);
  }

  releaseRead(id: number): void {
    const length = this.readReservations.get(id);
    if (length === undefined) return;
    this.readReservations.delete(id);
    this.readBytesInFlight -= length;
  }

  constructor(
    readonly session: SessionContext,
    readonly logger: Logger,
    readonly limits: SftpProtocolLimits,
    readonly idNames: Promise<IdNames>,
  ) {
    this.vfs = session.vfs;
    this.handles = new HandleTable(limits.maxOpenHandles);
    this.replies = replyPoolFor(limits.maxReadLength);
  }

  sharePath(clientPath: string): string {
    return toSharePath(this.session, clientPath);
  }

  clientPath(sharePath: string): string {
    return toClientPath(this.session, sharePath);
  }

  checkWritable(): void {
    checkWritable(this.session);
  }

  /** Access log line (rclone -v style): who did what on which share path. */
  access(op: string, path: string, detail?: string): void {
    const who = `${this.session.user}@${this.session.clientIp}`;
    this.logger.info(`sftp ${who}: ${op} ${JSON.stringify(path)}${detail ? ` ${detail}` : ''}`);
  }

  /**
   * Opens a handle under a reserved slot: `open` runs only if the per-session limit allows, and a
   * handle that finishes opening after the session closed is closed again instead of leaking.
   */
  async adopt<E extends HandleEntry>(open: () => Promise<E>, discard: (entry: E) => Promise<void>): Promise<Buffer> {
    this.handles.reserve();
    let entry: E;
    try {
      entry = await open();
    } catch (err) {
      this.handles.release();
      throw err;
    }
    if (this.closed) {
      this.handles.release();
      await discard(entry).catch(() => undefined);
      throw new Error('session closed');
    }
    return this.handles.add(entry);
  }
}
