// Streams a directory listing to READDIR in batches of at most `max` names, pulling backend batches
// on demand: a huge folder is never held whole, only the current backend batch and the next one.
// The next one is fetched once the reply that used up the current one has gone out, so the disk
// work for it overlaps the client's round trip (OpenSSH's sftp sends one READDIR at a time): a 20,000-entry
// listing is 200 of those round trips.
import type { VfsEntry } from '../../../vfs/index.js';

export class DirReader {
  private buffered: readonly VfsEntry[];
  private at = 0;
  private done: boolean;
  /** READDIRs on one handle may be pipelined: they are served one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The next backend batch, already asked for. */
  private ahead: Promise<IteratorResult<readonly VfsEntry[]>> | undefined;

  private constructor(
    private readonly it: AsyncIterator<readonly VfsEntry[]>,
    first: IteratorResult<readonly VfsEntry[]>,
  ) {
    this.buffered = first.done ? [] : first.value;
    this.done = first.done === true;
  }

  /** Reads the first batch now so a missing or non-directory path fails at OPENDIR, as in OpenSSH. */
  static async open(listing: AsyncIterable<readonly VfsEntry[]>): Promise<DirReader> {
    const it = listing[Symbol.asyncIterator]();
    return new DirReader(it, await it.next());
  }

  /** Up to `max` entries; an empty array means the listing is finished. */
  read(max: number): Promise<readonly VfsEntry[]> {
    const next = this.queue.then(
      () => this.readNow(max),
      () => this.readNow(max),
    );
    this.queue = next;
    return next;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.ahead?.catch(() => undefined);
    this.ahead = undefined;
    if (!this.done) {
      this.done = true;
      await this.it.return?.();
    }
    this.buffered = [];
  }

  private async readNow(max: number): Promise<readonly VfsEntry[]> {
    while (this.at >= this.buffered.length) {
      if (this.done) return [];
      const r = await this.pull();
      this.at = 0;
      if (r.done) {
        this.done = true;
        this.buffered = [];
        return [];
      }
      this.buffered = r.value;
    }
    const end = Math.min(this.at + max, this.buffered.length);
    const batch = this.buffered.slice(this.at, end);
    this.at = end;
    // After this batch's reply has gone out (setImmediate runs once the reply is sent): fetching
    // the next batch now would put its disk work (inline lstats) in front of this reply.
    if (this.at >= this.buffered.length) setImmediate(() => this.prefetch());
    return batch;
  }

  private pull(): Promise<IteratorResult<readonly VfsEntry[]>> {
    const next = this.ahead ?? this.it.next();
    this.ahead = undefined;
    return next;
  }

  private prefetch(): void {
    if (this.done || this.ahead !== undefined) return;
    const next = this.it.next();
    // A failure is reported by the READDIR that waits for this batch, not as an unhandled rejection.
    next.catch(() => undefined);
    this.ahead = next;
  }
}
