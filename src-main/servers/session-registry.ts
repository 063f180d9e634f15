// Live logged-in sessions of a share, whatever the protocol: both servers register every session
// here after login and unregister it when it ends. It enforces the total and per-address caps,
// lists sessions for the app, and ends a user's sessions when their account is disabled or deleted
// (each server passes the function that closes its own connection).
import { randomUUID } from 'node:crypto';
import { systemClock } from './auth/index.js';
import type { AuthSuccess, Clock } from './auth/index.js';
import type { Protocol } from './session.js';

export interface SessionLimits {
  /** Logged-in sessions at once, all protocols together. */
  readonly maxSessions: number;
  /** Logged-in sessions from one client address. */
  readonly maxSessionsPerIp: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxSessions: 64, maxSessionsPerIp: 16 };

export interface LiveSessionInfo {
  readonly id: string;
  readonly protocol: Protocol;
  readonly user: string;
  readonly clientIp: string;
  /** The clock's milliseconds when the session opened. */
  readonly startedAt: number;
}

export interface SessionRegistration {
  readonly protocol: Protocol;
  readonly clientIp: string;
  readonly auth: AuthSuccess;
  /** Closes the session's connection; the server then calls the lease's close(). */
  readonly end: (reason: string) => void;
}

export interface SessionLease {
  readonly id: string;
  /** Unregisters the session (idempotent). */
  close(): void;
}

export type OpenResult = { readonly ok: true; readonly lease: SessionLease } | { readonly ok: false; readonly reason: string };

interface Entry {
  readonly info: LiveSessionInfo;
  readonly end: (reason: string) => void;
  readonly release: (() => void) | undefined;
}

export class SessionRegistry {
  readonly limits: SessionLimits;
  private readonly sessions = new Map<string, Entry>();
  private readonly openListeners = new Set<(info: LiveSessionInfo) => void>();

  constructor(limits: Partial<SessionLimits> = {}, private readonly now: Clock = systemClock) {
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isSafeInteger(value) || value < 1) throw new Error(`Session limit ${name} must be a positive whole number, got ${String(value)}`);
    }
  }

  /** Registers a session that just logged in, or says why it may not start. */
  open(registration: SessionRegistration): OpenResult {
    const { auth, clientIp } = registration;
    if (auth.valid?.() === false) return { ok: false, reason: 'the account changed during login' };
    if (this.sessions.size >= this.limits.maxSessions) return { ok: false, reason: 'too many sessions' };
    if (this.countFor(clientIp) >= this.limits.maxSessionsPerIp) return { ok: false, reason: 'too many sessions from this address' };
    const id = randomUUID();
    const entry: Entry = {
      info: { id, protocol: registration.protocol, user: auth.user, clientIp, startedAt: this.now() },
      end: registration.end,
      release: auth.acquire?.(),
    };
    this.sessions.set(id, entry);
    for (const listener of this.openListeners) {
      // A listener's bug must not refuse a login that every check accepted.
      try {
        listener(entry.info);
      } catch {
        /* ignored: listeners log their own failures */
      }
    }
    return {
      ok: true,
      lease: {
        id,
        close: () => {
          if (this.sessions.get(id) !== entry) return;
          this.sessions.delete(id);
          entry.release?.();
        },
      },
    };
  }

  /** Calls `listener` after each session is registered (the app records last logins); returns the unsubscribe. */
  onOpen(listener: (info: LiveSessionInfo) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  list(): LiveSessionInfo[] {
    return [...this.sessions.values()].map((e) => e.info);
  }

  get size(): number {
    return this.sessions.size;
  }

  countFor(clientIp: string): number {
    let n = 0;
    for (const e of this.sessions.values()) if (e.info.clientIp === clientIp) n++;
    return n;
  }

  /** Ends every session of `user`; returns how many were asked to end. */
  endUser(user: string, reason: string): number {
    return this.endWhere((info) => info.user === user, reason);
  }

  endSession(id: string, reason: string): boolean {
    return this.endWhere((info) => info.id === id, reason) > 0;
  }

  endAll(reason: string): number {
    return this.endWhere(() => true, reason);
  }

  private endWhere(match: (info: LiveSessionInfo) => boolean, reason: string): number {
    const chosen = [...this.sessions.values()].filter((e) => match(e.info));
    for (const entry of chosen) {
      try {
        entry.end(reason);
      } catch {
        // A connection that is already gone cannot be ended twice; its close() still follows.
      }
    }
    return chosen.length;
  }
}
