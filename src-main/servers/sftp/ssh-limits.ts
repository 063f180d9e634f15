// Connection limits of the SSH server (ssh2 has none): how long a login may take, how many
// connections may be unauthenticated, how many attempts one connection gets, and how many
// connections and channels are allowed in total, per client IP and per connection.

export interface SshLimits {
  /** Connections not authenticated within this time are closed (OpenSSH LoginGraceTime). */
  readonly loginGraceMs: number;
  /** New connections are dropped while this many are still unauthenticated (OpenSSH MaxStartups). */
  readonly maxUnauthenticated: number;
  /** Failed authentication attempts per connection before it is closed (OpenSSH MaxAuthTries). */
  readonly maxAuthTries: number;
  /** Live connections in total. */
  readonly maxSessions: number;
  /** Live connections from one client IP. */
  readonly maxSessionsPerIp: number;
  /** Open session channels (SFTP or exec) per connection (OpenSSH MaxSessions). */
  readonly maxChannelsPerConnection: number;
}

export const DEFAULT_SSH_LIMITS: SshLimits = {
  loginGraceMs: 60_000,
  maxUnauthenticated: 10,
  maxAuthTries: 6,
  maxSessions: 64,
  maxSessionsPerIp: 16,
  maxChannelsPerConnection: 10,
};

export function resolveSshLimits(partial: Partial<SshLimits> | undefined): SshLimits {
  const limits = { ...DEFAULT_SSH_LIMITS, ...stripUndefined(partial ?? {}) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`SSH limit ${name} must be a positive whole number, got ${String(value)}`);
    }
  }
  return limits;
}

/** Counts live connections; `admit` says why a new one must be refused, or undefined to accept. */
export class ConnectionLimiter {
  private total = 0;
  private unauthenticated = 0;
  private readonly perIp = new Map<string, number>();

  constructor(private readonly limits: SshLimits) {}

  admit(ip: string): string | undefined {
    if (this.unauthenticated >= this.limits.maxUnauthenticated) return 'too many unauthenticated connections';
    if (this.total >= this.limits.maxSessions) return 'too many connections';
    if ((this.perIp.get(ip) ?? 0) >= this.limits.maxSessionsPerIp) return 'too many connections from this address';
    this.total++;
    this.unauthenticated++;
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    return undefined;
  }

  /** The connection logged in: it no longer counts as unauthenticated. */
  authenticated(): void {
    this.unauthenticated--;
  }

  release(ip: string, wasAuthenticated: boolean): void {
    this.total--;
    if (!wasAuthenticated) this.unauthenticated--;
    const n = (this.perIp.get(ip) ?? 1) - 1;
    if (n <= 0) this.perIp.delete(ip);
    else this.perIp.set(ip, n);
  }

  get counts(): { readonly total: number; readonly unauthenticated: number } {
    return { total: this.total, unauthenticated: this.unauthenticated };
  }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
