// Who is connected (and disconnecting them), banned addresses (and lifting bans), and the live
// statistics snapshot the feed pushes: sessions, transfers, throughput, cache use, bans.
import type { Ban, CacheInfo, Session, Stats } from '../../../src-shared/contract/index.js';
import type { CoreContext } from '../core-context.js';
import { notFound } from '../core-error.js';
import type { ShareRuntime } from '../shares/share-runtime.js';
import { StatsFeed } from './stats-feed.js';

export class LiveService {
  readonly feed: StatsFeed;

  constructor(private readonly ctx: CoreContext) {
    this.feed = new StatsFeed(
      () => this.snapshot(),
      () => ctx.transfers.activeCount > 0 || ctx.transfers.throughput.active(),
      ctx.now,
    );
  }

  sessions(): Session[] {
    return this.runtimes().flatMap((r) =>
      r.sessions.list().map((s) => ({ id: s.id, shareId: r.id, protocol: s.protocol, user: s.user, clientIp: s.clientIp, since: s.startedAt })),
    );
  }

  /** Ends one session; false when it had already ended. */
  disconnect(shareId: string, sessionId: string): boolean {
    const ended = this.runtime(shareId).sessions.endSession(sessionId, 'disconnected from the app');
    if (ended) this.ctx.logger.info(`sessions: session ${sessionId} disconnected from the app`);
    return ended;
  }

  bans(): Ban[] {
    return this.runtimes().flatMap((r) => r.lockout.bans().map((b) => ({ shareId: r.id, ip: b.ip, since: b.since, until: b.until })));
  }

  lift(shareId: string, ip: string): boolean {
    return this.runtime(shareId).lockout.lift(ip);
  }

  cache(): CacheInfo[] {
    return this.runtimes().map((r) => r.cacheInfo());
  }

  /** Drops the share's clean, closed cached files; open ones and pending uploads stay. */
  async clearCache(shareId: string): Promise<void> {
    const dropped = await this.runtime(shareId).clearCache();
    this.ctx.logger.info(`cache: cleared ${dropped} cached file${dropped === 1 ? '' : 's'} of share ${shareId}`);
  }

  snapshot(): Stats {
    return {
      at: this.ctx.now(),
      sessions: this.sessions(),
      transfers: this.ctx.transfers.snapshot(),
      throughput: this.ctx.transfers.throughput.samples(),
      cache: this.cache(),
      bans: this.bans(),
    };
  }

  private runtimes(): ShareRuntime[] {
    return [...this.ctx.runtimes.values()];
  }

  private runtime(shareId: string): ShareRuntime {
    const runtime = this.ctx.runtimes.get(shareId);
    if (!runtime) throw notFound('There is no such share (it may have been removed)');
    return runtime;
  }
}
