// One file in the cache: a sparse data file plus its metadata. Reads fill missing ranges from the
// remote (never over bytes already present), writes go to disk and mark the item dirty.
//
// Crash safety: the metadata on disk only ever claims what is true. Before the first change to data
// that the metadata calls clean, an "untrusted" record (no ranges, no fingerprint) replaces it; the
// real record is written, after an fsync of the data, when the change is acknowledged (close, fsync).
// So after kill -9 every acknowledged change is uploaded and unacknowledged bytes are never served.
//
// Lock order: the cache's own bookkeeping is synchronous; within an item, `io` (data mutations) is
// taken before `saves` (metadata writes), never the other way round.
import { constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Logger } from '../../../src-shared/logger.js';
import type { Backend } from '../backend/backend.js';
import { VfsError } from '../errors.js';
import { writeFileAtomic } from './atomic-file.js';
import { Mutex } from './async-mutex.js';
import { byteLength, readAllAt, writeAllAt } from './file-io.js';
import type { Fingerprint, ItemMeta } from './item-meta.js';
import { sameFingerprint } from './item-meta.js';
import { addRange, clipRanges, missingRanges, rangesSize } from './ranges.js';
import type { Ranges } from './ranges.js';
import { RemoteSource } from './remote-source.js';

/** What an item needs from the cache that holds it. */
export interface ItemStore {
  readonly backend: Backend;
  readonly logger: Logger;
  dataPath(id: string): string;
  metaPath(id: string): string;
  nextSeq(): number;
}

/** What the remote said about the file when it was opened. */
export type RemoteState =
  | { readonly kind: 'file'; readonly fingerprint: Fingerprint }
  | { readonly kind: 'missing' }
  /** The remote could not be asked (unreachable): keep what the cache has. */
  | { readonly kind: 'unknown' };

/** Largest range asked of the remote in one request when filling gaps. */
const PIECE = 1024 * 1024;

type State = { -readonly [K in keyof ItemMeta]: ItemMeta[K] };

export class CacheItem {
  private readonly state: State;
  /** Handles open on this item, and how many of them may write. */
  opens = 0;
  writers = 0;
  /** Bumped by every change to the data; an upload only cleans the generation it read. */
  generation = 0;
  removed = false;
  /** Changes made since the last acknowledgement (close or fsync of a handle that wrote). */
  private unacked = false;
  /** The last acknowledged dirty record: what the disk keeps while newer changes are unacked. */
  private acked: ItemMeta | undefined;
  private users = 0;
  private fd: Promise<FileHandle> | undefined;
  private readonly io = new Mutex();
  private readonly saves = new Mutex();
  private readonly remote: RemoteSource;
  private readonly inflight = new Set<{ readonly start: number; readonly end: number; readonly done: Promise<void> }>();
  private prefetchFrom = 0;
  private prefetchTo = 0;
  private prefetching = false;

  constructor(
    private readonly store: ItemStore,
    readonly id: string,
    meta: ItemMeta,
  ) {
    this.state = { ...meta };
    if (meta.dirty) this.acked = meta;
    this.remote = new RemoteSource(store.backend);
  }

  get path(): string {
    return this.state.path;
  }
  get size(): number {
    return this.state.size;
  }
  get dirty(): boolean {
    return this.state.dirty;
  }
  get mtimeMs(): number {
    return this.state.mtimeMs;
  }
  get atimeMs(): number {
    return this.state.atimeMs;
  }
  get mode(): number | null {
    return this.state.mode;
  }
  get ranges(): Ranges {
    return this.state.ranges;
  }
  /** Bytes of real data held on disk (the file itself is sparse). */
  get presentBytes(): number {
    return rangesSize(this.state.ranges);
  }
  get inUse(): boolean {
    return this.opens > 0 || this.users > 0;
  }

  /** Opens the data file for this user (handle, upload, prefetch); pair with `release`. */
  async acquire(): Promise<void> {
    this.users += 1;
    try {
      this.fd ??= this.openData();
      await this.fd;
    } catch (err) {
      this.fd = undefined;
      this.users -= 1;
      throw err;
    }
  }

  async release(): Promise<void> {
    this.users -= 1;
    if (this.users > 0) return;
    const fd = this.fd;
    this.fd = undefined;
    await Promise.all([fd?.then((f) => f.close()).catch(() => undefined), this.remote.close()]);
    if (this.removed) await rm(this.store.dataPath(this.id), { force: true }).catch(() => undefined);
  }

  /** Brings clean data in step with the remote; local changes always win over remote ones. */
  async reconcile(remote: RemoteState): Promise<void> {
    if (this.state.dirty) return;
    switch (remote.kind) {
      case 'file':
        if (!sameFingerprint(this.state.remote, remote.fingerprint)) await this.reset(remote.fingerprint);
        return;
      case 'missing':
        if (this.state.remote !== null || this.state.size > 0) await this.reset(null);
        return;
      case 'unknown':
        return;
    }
  }

  /** Ensures [start, end) is on disk and returns it (shorter at end of file). */
  async read(position: number, length: number): Promise<Buffer> {
    const end = Math.min(position + length, this.state.size);
    if (position >= end) return Buffer.alloc(0);
    return this.readInto(position, Buffer.allocUnsafe(end - position));
  }

  /** `read` into the caller's buffer (as much as fits); returns the part that was filled. */
  async readInto(position: number, buffer: Buffer): Promise<Buffer> {
    const end = Math.min(position + buffer.length, this.state.size);
    if (position >= end) return buffer.subarray(0, 0);
    await this.ensure(position, end);
    const got = await readAllAt(await this.data(), buffer.subarray(0, end - position), position);
    return buffer.subarray(0, got);
  }

  /** Writes `data` from `position`; several buffers go one after another, never joined first. */
  async write(position: number, data: Buffer | readonly Buffer[]): Promise<void> {
    await this.io.run(async () => {
      await this.beginChange();
      await writeAllAt(await this.data(), data, position);
      this.wrote(position, byteLength(data));
    });
  }

  /** Writes at the end of the file as it is when the write gets its turn; returns where it went. */
  async append(data: Buffer | readonly Buffer[]): Promise<number> {
    return this.io.run(async () => {
      await this.beginChange();
      const position = this.state.size;
      await writeAllAt(await this.data(), data, position);
      this.wrote(position, byteLength(data));
      return position;
    });
  }

  async truncate(size: number): Promise<void> {
    await this.io.run(async () => {
      await this.beginChange();
      await (await this.data()).truncate(size);
      const s = this.state;
      s.ranges = size < s.size ? clipRanges(s.ranges, size) : addRange(s.ranges, s.size, size);
      s.size = size;
      this.changed();
    });
  }

  setModTime(mtimeMs: number): Promise<void> {
    this.state.mtimeMs = mtimeMs;
    if (this.acked) this.acked = { ...this.acked, mtimeMs };
    return this.save(true);
  }

  /** Makes every change so far durable and records it as acknowledged (close, fsync). */
  async acknowledge(): Promise<void> {
    if (!this.unacked) return;
    await this.io.run(async () => {
      await (await this.data()).datasync();
      this.unacked = false;
      this.acked = { ...this.state };
    });
    await this.save(true);
  }

  /** After an upload of `generation`: clean, unless it changed meanwhile. */
  async markUploaded(generation: number, fingerprint: Fingerprint | null): Promise<boolean> {
    if (this.removed || this.unacked || generation !== this.generation) return false;
    this.state.dirty = false;
    this.state.remote = fingerprint;
    if (fingerprint) this.state.mtimeMs = fingerprint.mtimeMs;
    this.acked = undefined;
    await this.save(false);
    return true;
  }

  /** The remote's attributes changed by our own hand (setattr): stay in step without a reload. */
  async refreshFingerprint(fingerprint: Fingerprint): Promise<void> {
    if (this.state.dirty || this.state.size !== fingerprint.size) return;
    this.state.remote = fingerprint;
    await this.save(false);
  }

  touch(): void {
    this.state.atimeMs = Date.now();
  }

  async rename(path: string): Promise<void> {
    this.state.path = path;
    if (this.acked) this.acked = { ...this.acked, path };
    await this.save(true);
  }

  /** Forgets the item: metadata now, data once nobody has it open. */
  async discard(): Promise<void> {
    this.removed = true;
    await this.saves.run(() => rm(this.store.metaPath(this.id), { force: true }));
    if (this.users === 0) await rm(this.store.dataPath(this.id), { force: true });
  }

  save(durable: boolean): Promise<void> {
    return this.saves.run(async () => {
      if (this.removed) return;
      const meta: ItemMeta = { ...this.persistable(), path: this.state.path, seq: this.store.nextSeq() };
      await writeFileAtomic(this.store.metaPath(this.id), JSON.stringify(meta), durable);
    });
  }

  /** Fetches missing parts of [start, end) from the remote, sharing fetches already under way. */
  async ensure(start: number, end: number): Promise<void> {
    for (;;) {
      const gap = missingRanges(this.state.ranges, start, Math.min(end, this.state.size))[0];
      if (!gap) return;
      const busy = [...this.inflight].find((f) => f.start <= gap[0] && gap[0] < f.end);
      if (busy) {
        await busy.done;
        continue;
      }
      let pieceEnd = Math.min(gap[1], gap[0] + PIECE);
      for (const f of this.inflight) if (f.start > gap[0] && f.start < pieceEnd) pieceEnd = f.start;
      await this.fetch(gap[0], pieceEnd);
    }
  }

  /**
   * Full mode: keeps fetching [from, to) in the background while the file is open (the handle asks
   * for --buffer-size plus --vfs-read-ahead past each read). As in rclone, what is fetched passes
   * through memory (one request at a time) on its way into the cache file.
   */
  prefetch(from: number, to: number): void {
    this.prefetchFrom = from;
    this.prefetchTo = Math.min(to, this.state.size);
    if (this.prefetching || from >= this.prefetchTo) return;
    this.prefetching = true;
    void (async () => {
      await this.acquire();
      try {
        while (this.opens > 0 && !this.removed) {
          const limit = Math.min(this.prefetchTo, this.state.size);
          const gap = missingRanges(this.state.ranges, this.prefetchFrom, limit)[0];
          if (!gap) break;
          await this.ensure(gap[0], Math.min(gap[1], gap[0] + PIECE));
        }
      } finally {
        this.prefetching = false;
        await this.release();
      }
    })().catch((err: unknown) => this.store.logger.debug(`vfs cache: read-ahead of ${this.path} stopped: ${String(err)}`));
  }

  private fetch(start: number, end: number): Promise<void> {
    const work = (async () => {
      const data = await this.remote.read(this.state.path, start, end - start);
      await this.io.run(() => this.fill(start, data));
    })();
    const entry = { start, end, done: work.then(() => undefined, () => undefined) };
    this.inflight.add(entry);
    return work.finally(() => this.inflight.delete(entry));
  }

  /** Writes fetched bytes only where nothing is present yet: a client's newer write always wins. */
  private async fill(start: number, data: Buffer): Promise<void> {
    const limit = Math.min(start + data.length, this.state.size);
    const fd = await this.data();
    for (const [s, e] of missingRanges(this.state.ranges, start, limit)) {
      await writeAllAt(fd, data.subarray(s - start, e - start), s);
      this.state.ranges = addRange(this.state.ranges, s, e);
    }
  }

  /** Called under `io` before data changes: see the crash-safety note at the top. */
  private async beginChange(): Promise<void> {
    if (this.unacked) return;
    this.unacked = true;
    if (!this.state.dirty) await this.save(false);
  }

  private wrote(position: number, length: number): void {
    const s = this.state;
    // A write past the end leaves a hole that reads as zeros: that is real content too.
    s.ranges = addRange(s.ranges, Math.min(position, s.size), position + length);
    s.size = Math.max(s.size, position + length);
    this.changed();
  }

  private changed(): void {
    this.generation += 1;
    this.state.dirty = true;
    this.state.mtimeMs = Date.now();
    this.state.atimeMs = this.state.mtimeMs;
  }

  private persistable(): ItemMeta {
    if (!this.unacked) return this.state;
    return this.acked ?? { ...this.state, dirty: false, ranges: [], remote: null };
  }

  private async reset(fingerprint: Fingerprint | null): Promise<void> {
    await this.io.run(async () => {
      const fd = await this.data();
      await fd.truncate(0);
      const size = fingerprint?.size ?? 0;
      await fd.truncate(size);
      Object.assign(this.state, { size, ranges: [], remote: fingerprint, mtimeMs: fingerprint?.mtimeMs ?? Date.now() });
    });
    await this.save(false);
  }

  private async data(): Promise<FileHandle> {
    if (!this.fd) throw new VfsError('EBADF', 'Cache file is not open');
    return this.fd;
  }

  private async openData(): Promise<FileHandle> {
    const fd = await open(this.store.dataPath(this.id), constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      const onDisk = (await fd.stat()).size;
      // Bytes the metadata counts on were lost (cut short outside Wharf): fetch them again.
      if (onDisk < this.state.size) this.state.ranges = clipRanges(this.state.ranges, onDisk);
      if (onDisk !== this.state.size) await fd.truncate(this.state.size);
      return fd;
    } catch (err) {
      await fd.close();
      throw err;
    }
  }
}
