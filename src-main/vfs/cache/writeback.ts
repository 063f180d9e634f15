// The upload queue of the cache (rclone vfscache/writeback): a changed file is uploaded once it has
// been closed and unused for the write-back delay, at most `transfers` at a time. A failed upload
// is retried after a delay that doubles from the write-back delay up to one minute. A dirty file
// stays queued until an upload succeeds; nothing here ever drops one.
import type { Logger } from '../../../src-shared/logger.js';
import type { CacheItem } from './cache-item.js';
import { UploadCancelled } from './upload.js';

export const MAX_RETRY_DELAY_MS = 60_000;
/** Base of the retry delays when the write-back delay is 0. */
const MIN_RETRY_BASE_MS = 1_000;

export interface WritebackOptions {
  readonly delayMs: number;
  readonly transfers: number;
  readonly logger: Logger;
  /** Uploads the item; resolves when done, rejects on failure. */
  readonly upload: (item: CacheItem, signal: AbortSignal, progress: (bytes: number) => void) => Promise<void>;
  /** Whether the item may be uploaded now (not while a writer has it open). */
  readonly canStart: (item: CacheItem) => boolean;
}

export interface UploadStat {
  readonly path: string;
  readonly size: number;
  readonly state: 'queued' | 'uploading';
  readonly bytesDone: number;
  /** Attempts so far (failed ones, plus the running one). */
  readonly tries: number;
  /** Milliseconds until the next attempt (queued only). */
  readonly startsInMs: number;
  readonly lastError: string | undefined;
}

interface Entry {
  readonly item: CacheItem;
  due: number;
  tries: number;
  state: 'queued' | 'uploading';
  bytesDone: number;
  lastError: string | undefined;
  abort: AbortController | undefined;
  running: Promise<void> | undefined;
  /** Settled after the next attempt ends (for flush). */
  attempt: { promise: Promise<unknown>; resolve: (error: unknown) => void } | undefined;
}

export class Writeback {
  private readonly entries = new Map<CacheItem, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private uploading = 0;
  private stopped = false;

  constructor(private readonly o: WritebackOptions) {}

  /** Queues (or re-arms) the upload of a dirty item, `delayMs` from now. */
  schedule(item: CacheItem, delayMs = this.o.delayMs): void {
    if (this.stopped) return;
    const existing = this.entries.get(item);
    if (existing?.state === 'uploading') return; // when it ends, a still-dirty item is queued again
    const entry = existing ?? this.newEntry(item);
    entry.due = Date.now() + delayMs;
    entry.tries = 0;
    this.entries.set(item, entry);
    this.pump();
  }

  isQueued(item: CacheItem): boolean {
    return this.entries.has(item);
  }

  isUploading(item: CacheItem): boolean {
    return this.entries.get(item)?.state === 'uploading';
  }

  /** Takes the item off the queue, stopping a running upload; resolves once it has stopped. */
  async cancel(item: CacheItem): Promise<void> {
    const entry = this.entries.get(item);
    if (!entry) return;
    this.entries.delete(item);
    entry.attempt?.resolve(new UploadCancelled());
    if (entry.state === 'uploading') {
      entry.abort?.abort();
      await entry.running;
    }
    this.pump();
  }

  /** Starts the item's upload now (ignoring the delay); resolves with its error, or undefined. */
  uploadNow(item: CacheItem): Promise<unknown> {
    const entry = this.entries.get(item) ?? this.newEntry(item);
    this.entries.set(item, entry);
    if (entry.state === 'queued') entry.due = 0;
    const attempt = this.attemptOf(entry);
    this.pump();
    return attempt;
  }

  /** One attempt for everything queued, now; resolves when they have all ended. */
  async flush(): Promise<void> {
    const attempts = [...this.entries.values()].map((entry) => {
      if (entry.state === 'queued') entry.due = 0;
      return this.attemptOf(entry);
    });
    this.pump();
    await Promise.all(attempts);
  }

  /** No new uploads from now on; running ones are left to finish (see `flush`). */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  stats(): { queued: number; inProgress: number; uploads: UploadStat[] } {
    const now = Date.now();
    const uploads = [...this.entries.values()].map((e) => ({
      path: e.item.path,
      size: e.item.size,
      state: e.state,
      bytesDone: e.bytesDone,
      tries: e.tries,
      startsInMs: e.state === 'queued' ? Math.max(0, e.due - now) : 0,
      lastError: e.lastError,
    }));
    return { queued: uploads.length - this.uploading, inProgress: this.uploading, uploads };
  }

  private newEntry(item: CacheItem): Entry {
    return {
      item,
      due: Date.now() + this.o.delayMs,
      tries: 0,
      state: 'queued',
      bytesDone: 0,
      lastError: undefined,
      abort: undefined,
      running: undefined,
      attempt: undefined,
    };
  }

  private attemptOf(entry: Entry): Promise<unknown> {
    if (!entry.attempt) {
      let resolve!: (error: unknown) => void;
      const promise = new Promise<unknown>((r) => {
        resolve = r;
      });
      entry.attempt = { promise, resolve };
    }
    return entry.attempt.promise;
  }

  private pump(): void {
    if (this.stopped && this.uploading === 0 && ![...this.entries.values()].some((e) => e.attempt)) return;
    const now = Date.now();
    const due = [...this.entries.values()].filter((e) => e.state === 'queued').sort((a, b) => a.due - b.due);
    for (const entry of due) {
      if (this.uploading >= Math.max(1, this.o.transfers)) break;
      if (entry.due > now) break;
      // Flushes still run after stop(); timed uploads do not.
      if (this.stopped && !entry.attempt) continue;
      if (!this.o.canStart(entry.item)) {
        // A writer has it open: its close queues it again.
        this.entries.delete(entry.item);
        entry.attempt?.resolve(new UploadCancelled());
        continue;
      }
      this.start(entry);
    }
    const next = [...this.entries.values()].filter((e) => e.state === 'queued').reduce((m, e) => Math.min(m, e.due), Infinity);
    this.armTimer(next);
  }

  private start(entry: Entry): void {
    entry.state = 'uploading';
    entry.tries += 1;
    entry.bytesDone = 0;
    this.uploading += 1;
    const abort = new AbortController();
    entry.abort = abort;
    entry.running = this.o
      .upload(entry.item, abort.signal, (bytes) => {
        entry.bytesDone = bytes;
      })
      .then(
        () => this.finished(entry, undefined),
        (err: unknown) => this.finished(entry, err),
      );
  }

  private finished(entry: Entry, err: unknown): void {
    this.uploading -= 1;
    entry.abort = undefined;
    entry.running = undefined;
    const attempt = entry.attempt;
    entry.attempt = undefined;
    const current = this.entries.get(entry.item) === entry;
    if (err === undefined) {
      entry.lastError = undefined;
      if (current) this.entries.delete(entry.item);
      attempt?.resolve(undefined);
      // Changed while uploading: the new content goes up after the usual delay.
      if (current && entry.item.dirty && !entry.item.removed) this.schedule(entry.item);
    } else {
      attempt?.resolve(err);
      if (current && !(err instanceof UploadCancelled)) {
        const base = this.o.delayMs > 0 ? this.o.delayMs : MIN_RETRY_BASE_MS;
        const delay = Math.min(MAX_RETRY_DELAY_MS, base * 2 ** entry.tries);
        entry.state = 'queued';
        entry.due = Date.now() + delay;
        entry.lastError = err instanceof Error ? err.message : String(err);
        this.o.logger.warn(
          `vfs cache: upload of ${entry.item.path} failed (try ${entry.tries}), retrying in ${delay} ms: ${entry.lastError}`,
        );
      } else if (current) {
        this.entries.delete(entry.item);
      }
    }
    this.pump();
  }

  private armTimer(due: number): void {
    if (due === Infinity || this.stopped) {
      this.clearTimer();
      return;
    }
    if (this.timer && due >= this.timerDue) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      this.pump();
    }, Math.max(0, due - Date.now()));
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }
}
