// `--auth-proxy PROG` (rclone serve's auth proxy): each login is decided by running PROG, and its
// answer (a backend config) becomes the Vfs the session runs on. Answers are cached for a while,
// keyed on the user and an HMAC (per-process random key) of the credential and the client IP: a
// changed password misses the cache and is asked about again at once, and once it has worked the
// old password's cached answers are dropped; the cache holds no reusable hash of any password. Equal answers share one Vfs; a Vfs is shut down once no cached
// answer and no session uses it. Failures deny without harm and are logged for the operator.
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../../../src-shared/logger.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { DEFAULT_VFS_OPTIONS, Vfs } from '../../vfs/index.js';
import type { VfsOptions } from '../../vfs/index.js';
import { AUTH_FAILED } from './authenticator.js';
import type { AuthResult, Authenticator } from './authenticator.js';
import { parseProxyAnswer } from './proxy-answer.js';
import { createProxyBackend } from './proxy-backend.js';
import type { ProxyBackendFactory } from './proxy-backend.js';
import type { ProxyBackendSpec } from './proxy-answer.js';
import { runProxyProgram } from './proxy-run.js';
import { DEFAULT_FAILURE_DELAY_MS } from './static-authenticator.js';
import { padFailure, systemClock } from './timing.js';
import type { Clock } from './timing.js';

export interface ProxyAuthOptions {
  /** The program to run: a path, executed directly (never through a shell), with no arguments. */
  readonly program: string;
  readonly timeoutMs?: number;
  /** Largest answer accepted on stdout, in bytes. */
  readonly maxOutput?: number;
  readonly cacheTtlMs?: number;
  readonly makeBackend?: ProxyBackendFactory;
  readonly vfsOptions?: VfsOptions;
  /** Options for the Vfs of one answer (its own cache folder, say); `vfsOptions` when left out. */
  readonly vfsOptionsFor?: (answer: { readonly spec: ProxyBackendSpec; readonly identity: string }) => VfsOptions;
  readonly logger?: Logger;
  readonly now?: Clock;
  /** Minimum time a failed password login takes. */
  readonly failureDelayMs?: number;
  /** Proxy programs running at once; more logins wait in a queue of `maxQueued`, beyond it they are denied. */
  readonly maxConcurrent?: number;
  readonly maxQueued?: number;
}

export const PROXY_DEFAULTS = {
  timeoutMs: 10_000,
  maxOutput: 64 * 1024,
  cacheTtlMs: 5 * 60_000,
  maxConcurrent: 4,
  maxQueued: 64,
  /** A Vfs handed out in a login is kept at least this long, so the server can take its lease. */
  handoutGraceMs: 60_000,
  maxCacheEntries: 10_000,
} as const;

export interface ProxyAuthenticator extends Authenticator {
  /** Live Vfs instances (one per distinct answer in use). */
  readonly vfsCount: number;
  /** Drops expired answers and shuts down Vfs instances nobody uses; also runs on its own every minute. */
  prune(): Promise<void>;
  /** Forgets every cached answer: the next login of everyone asks the program again. */
  clearCache(): void;
  /** Forgets the cached answers of one user (say, after their password was changed elsewhere). */
  forgetUser(user: string): void;
  /** Drops the directory caches of every live Vfs (SIGHUP, as rclone's vfs/forget). */
  forgetDirCaches(): void;
  /** Shuts down every Vfs (server stop). */
  close(): Promise<void>;
}

interface PoolEntry {
  readonly identity: string;
  readonly vfs: Vfs;
  /** Cached answers pointing here. */
  refs: number;
  /** Sessions running on it. */
  leases: number;
  lastHandout: number;
}

interface CacheEntry {
  readonly identity: string;
  readonly expiresAt: number;
  readonly user: string;
  readonly kind: Credential['kind'];
  /** HMAC of the credential alone: tells entries of an older password of the same user apart. */
  readonly credMac: string;
}

type Credential = { readonly kind: 'pass' | 'public_key'; readonly value: string };

export function createProxyAuthenticator(options: ProxyAuthOptions): ProxyAuthenticator {
  if (typeof options.program !== 'string' || options.program.trim() === '') throw new Error('--auth-proxy needs a program');
  const timeoutMs = options.timeoutMs ?? PROXY_DEFAULTS.timeoutMs;
  const maxOutputBytes = options.maxOutput ?? PROXY_DEFAULTS.maxOutput;
  const ttl = options.cacheTtlMs ?? PROXY_DEFAULTS.cacheTtlMs;
  const logger = options.logger ?? silentLogger;
  const makeBackend = options.makeBackend ?? ((spec) => createProxyBackend(spec, logger));
  const vfsOptions = options.vfsOptions ?? DEFAULT_VFS_OPTIONS;
  const now = options.now ?? systemClock;
  const delayMs = options.failureDelayMs ?? DEFAULT_FAILURE_DELAY_MS;
  const slots = new Slots(options.maxConcurrent ?? PROXY_DEFAULTS.maxConcurrent, options.maxQueued ?? PROXY_DEFAULTS.maxQueued);
  const hmacKey = randomBytes(32);

  const cache = new Map<string, CacheEntry>();
  const pool = new Map<string, PoolEntry>();
  /** Logins being decided, by cache key: parallel identical logins run the program once. */
  const inflight = new Map<string, Promise<PoolEntry | undefined>>();
  /** Vfs being created, by answer identity. */
  const creating = new Map<string, Promise<PoolEntry>>();
  let closed = false;

  const credentialMac = (cred: Credential): string => {
    const mac = createHmac('sha256', hmacKey);
    // Length-prefixed fields: ("ab","c") and ("a","bc") cannot collide.
    for (const field of [cred.kind, cred.value]) mac.update(`${Buffer.byteLength(field)}:`).update(field);
    return mac.digest('hex');
  };
  const cacheKey = (user: string, credMac: string, ip: string): string => `${user}\n${ip}\n${credMac}`;

  const poolEntry = async (identity: string, spec: Parameters<ProxyBackendFactory>[0]): Promise<PoolEntry> => {
    const existing = pool.get(identity);
    if (existing) {
      // Reused by a new answer: not idle, whatever prune thought a moment ago.
      existing.lastHandout = now();
      return existing;
    }
    let pending = creating.get(identity);
    if (!pending) {
      pending = (async () => {
        const backend = await makeBackend(spec);
        const opts = options.vfsOptionsFor?.({ spec, identity }) ?? vfsOptions;
        // Vfs.create waits for the file cache: a cache that cannot start denies the login (logged).
        const vfs = await Vfs.create(backend, opts, logger);
        const entry: PoolEntry = { identity, vfs, refs: 0, leases: 0, lastHandout: now() };
        if (closed) {
          await entry.vfs.shutdown().catch(() => undefined);
          throw new Error('the server is stopping');
        }
        pool.set(identity, entry);
        return entry;
      })().finally(() => creating.delete(identity));
      creating.set(identity, pending);
    }
    return pending;
  };

  const ask = async (user: string, cred: Credential, credMac: string, ip: string, key: string): Promise<PoolEntry | undefined> => {
    const request = JSON.stringify({ user, [cred.kind]: cred.value, client_ip: ip });
    const who = `user=${JSON.stringify(user.slice(0, 64))} ip=${ip}`;
    let run;
    try {
      run = await slots.run(() => runProxyProgram(options.program, request, { timeoutMs, maxOutputBytes }));
    } catch {
      logger.warn(`auth proxy: too many logins waiting for the program; denied ${who}`);
      return undefined;
    }
    if (!run.ok) {
      const detail = run.stderr.trim() === '' ? '' : ` (stderr: ${JSON.stringify(run.stderr.trim().slice(0, 200))})`;
      logger.info(`auth proxy: denied ${who}: ${run.reason}${detail}`);
      return undefined;
    }
    const answer = parseProxyAnswer(run.stdout);
    if (!answer.ok) {
      logger.warn(`auth proxy: denied ${who}: ${answer.reason}`);
      return undefined;
    }
    let entry: PoolEntry;
    try {
      entry = await poolEntry(answer.identity, answer.spec);
    } catch (err) {
      logger.warn(`auth proxy: denied ${who}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    if (closed) return undefined;
    // This credential works now: answers cached for another password (or key) of this user are stale.
    drop((c) => c.user === user && c.kind === cred.kind && c.credMac !== credMac);
    const old = cache.get(key);
    if (old) unref(old);
    cache.delete(key);
    if (cache.size >= PROXY_DEFAULTS.maxCacheEntries) evictOldest();
    cache.set(key, { identity: entry.identity, expiresAt: now() + ttl, user, kind: cred.kind, credMac });
    entry.refs++;
    return entry;
  };

  const unref = (cached: CacheEntry): void => {
    const entry = pool.get(cached.identity);
    if (entry) entry.refs--;
  };

  const drop = (match: (c: CacheEntry) => boolean): void => {
    for (const [key, cached] of cache) {
      if (match(cached)) {
        cache.delete(key);
        unref(cached);
      }
    }
  };

  const evictOldest = (): void => {
    const first = cache.keys().next();
    if (first.done) return;
    const cached = cache.get(first.value);
    cache.delete(first.value);
    if (cached) unref(cached);
  };

  const prune = async (): Promise<void> => {
    const t = now();
    drop((c) => c.expiresAt <= t);
    const idle = [...pool.values()].filter((e) => e.refs <= 0 && e.leases <= 0 && t - e.lastHandout >= PROXY_DEFAULTS.handoutGraceMs);
    for (const entry of idle) pool.delete(entry.identity);
    await Promise.all(idle.map((e) => e.vfs.shutdown().catch((err: unknown) => logger.warn(`auth proxy: shutting down a Vfs failed: ${String(err)}`))));
  };

  const sweeper = setInterval(() => void prune(), 60_000);
  sweeper.unref();

  const decide = async (user: string, cred: Credential, ip: string): Promise<AuthResult> => {
    if (closed) return AUTH_FAILED;
    void prune();
    const credMac = credentialMac(cred);
    const key = cacheKey(user, credMac, ip);
    const cached = cache.get(key);
    let entry: PoolEntry | undefined = cached && cached.expiresAt > now() ? pool.get(cached.identity) : undefined;
    if (!entry) {
      let pending = inflight.get(key);
      if (!pending) {
        pending = ask(user, cred, credMac, ip, key).finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      entry = await pending;
    }
    if (!entry || closed) return AUTH_FAILED;
    return success(user, entry);
  };

  const success = (user: string, entry: PoolEntry): AuthResult => {
    entry.lastHandout = now();
    return {
      ok: true,
      user,
      root: '/',
      readOnly: false,
      vfs: entry.vfs,
      acquire: () => {
        entry.leases++;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          entry.leases--;
          entry.lastHandout = now();
        };
      },
    };
  };

  return {
    methods: ['password', 'publickey'],
    get vfsCount() {
      return pool.size;
    },
    async password(user, password, ip) {
      const started = Date.now();
      const result = await decide(user, { kind: 'pass', value: password }, ip);
      if (!result.ok) await padFailure(started, delayMs);
      return result;
    },
    async publicKey(user, key, ip) {
      return decide(user, { kind: 'public_key', value: key.data.toString('base64') }, ip);
    },
    async noAuth() {
      return AUTH_FAILED;
    },
    prune,
    clearCache() {
      drop(() => true);
    },
    forgetUser(user) {
      drop((c) => c.user === user);
    },
    forgetDirCaches() {
      for (const entry of pool.values()) entry.vfs.forget();
    },
    async close() {
      closed = true;
      clearInterval(sweeper);
      await Promise.allSettled([...creating.values()]);
      cache.clear();
      const all = [...pool.values()];
      pool.clear();
      await Promise.all(all.map((e) => e.vfs.shutdown().catch(() => undefined)));
    },
  };
}

/** A counting semaphore with a bounded queue: `run` rejects when the queue is full. */
class Slots {
  private busy = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly max: number, private readonly maxQueued: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.busy >= this.max) {
      if (this.queue.length >= this.maxQueued) throw new Error('queue full');
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.busy++;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next waiter; only with nobody waiting is it freed.
      if (next) next();
      else this.busy--;
    }
  }
}
