// Brute-force protection shared by every server of a share: too many failed logins from one
// address within a window ban that address for a while, even for a right password; other
// addresses are unaffected. The app lists bans and can lift one. Time comes from an injectable
// clock, and the number of addresses tracked is bounded so a flood cannot exhaust memory.
import type { Clock } from './timing.js';
import { systemClock } from './timing.js';

export interface LockoutOptions {
  /** Failed logins within `windowMs` that ban an address. */
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly banMs: number;
}

export const DEFAULT_LOCKOUT: LockoutOptions = {
  maxFailures: 10,
  windowMs: 10 * 60_000,
  banMs: 15 * 60_000,
};

/** Addresses with failures (not bans) remembered at most; the oldest are forgotten first. */
const MAX_TRACKED = 10_000;

export interface BanInfo {
  readonly ip: string;
  /** When the ban started and ends, in the clock's milliseconds. */
  readonly since: number;
  readonly until: number;
}

export type BanListener = (ban: BanInfo) => void;

export class LoginLockout {
  readonly options: LockoutOptions;
  /** Recent failure times per address, oldest first; at most maxFailures kept. */
  private readonly failures = new Map<string, number[]>();
  private readonly banned = new Map<string, BanInfo>();
  private readonly listeners = new Set<BanListener>();

  constructor(options: Partial<LockoutOptions> = {}, private readonly now: Clock = systemClock) {
    this.options = { ...DEFAULT_LOCKOUT, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    for (const [name, value] of Object.entries(this.options)) {
      if (!Number.isSafeInteger(value) || value < 1) throw new Error(`Lockout setting ${name} must be a positive whole number, got ${String(value)}`);
    }
  }

  isBanned(ip: string): boolean {
    const ban = this.banned.get(ip);
    if (ban === undefined) return false;
    if (this.now() < ban.until) return true;
    this.banned.delete(ip);
    return false;
  }

  /** Counts a failed login; returns true when this failure started a ban. */
  recordFailure(ip: string): boolean {
    if (this.isBanned(ip)) return false;
    const now = this.now();
    const recent = (this.failures.get(ip) ?? []).filter((t) => t > now - this.options.windowMs);
    recent.push(now);
    // Re-inserting keeps the map in least-recently-failed order for the eviction below.
    this.failures.delete(ip);
    if (recent.length >= this.options.maxFailures) {
      const ban: BanInfo = { ip, since: now, until: now + this.options.banMs };
      this.banned.set(ip, ban);
      for (const listener of [...this.listeners]) {
        try {
          listener(ban);
        } catch {
          // Listeners only observe.
        }
      }
      return true;
    }
    this.failures.set(ip, recent.slice(-this.options.maxFailures));
    this.evict();
    return false;
  }

  /** Live bans, oldest first. */
  bans(): BanInfo[] {
    const now = this.now();
    for (const [ip, ban] of this.banned) if (ban.until <= now) this.banned.delete(ip);
    return [...this.banned.values()];
  }

  /** Lifts a ban (and forgets the address's failures); false when the address was not banned. */
  lift(ip: string): boolean {
    this.failures.delete(ip);
    const was = this.isBanned(ip);
    this.banned.delete(ip);
    return was;
  }

  /** Failures counted for an address within the window (0 while banned). */
  failureCount(ip: string): number {
    const now = this.now();
    return (this.failures.get(ip) ?? []).filter((t) => t > now - this.options.windowMs).length;
  }

  onBan(listener: BanListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private evict(): void {
    const now = this.now();
    if (this.banned.size > MAX_TRACKED) {
      for (const [ip, ban] of this.banned) if (ban.until <= now) this.banned.delete(ip);
    }
    if (this.failures.size <= MAX_TRACKED) return;
    for (const [ip, times] of this.failures) {
      if ((times.at(-1) ?? 0) <= now - this.options.windowMs) this.failures.delete(ip);
    }
    // Still too many live entries: forget the least recently failed ones.
    for (const ip of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED) break;
      this.failures.delete(ip);
    }
  }
}
