// Streams a directory listing to READDIR in batches of at most `max` names, pulling backend batches
// on demand: a huge folder is never held whole, only the current backend batch is.
import type { VfsEntry } from '../../../vfs/index.js';

export class DirReader {
  private buffered: readonly VfsEntry[];
  private at = 0;
  private done: boolean;
  /** READDIRs on one handle may be pipelined: they are served one after another. */
  private queue: Promise<unknown> = Promise.resolve();

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
    if (!this.done) {
      this.done = true;
      await this.it.return?.();
    }
    this.buffered = [];
  }

  private async readNow(max: number): Promise<readonly VfsEntry[]> {
    while (this.at >= this.buffered.length) {
      if (this.done) return [];
      const r = await this.it.next();
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
    return batch;
  }
}
