// One live SSH connection with its SFTP channel, and the promise form of its requests. When the
// connection or the channel goes, the session is dead at once: every request still waiting is
// rejected (ssh2 does not answer requests written after its channel closed) and new ones fail fast.
import type { Client, SFTPWrapper } from 'ssh2';

/** The session died under a request: a connection failure, never an answer about the path. */
export class SessionLostError extends Error {
  constructor(message = 'The SFTP connection was lost') {
    super(message);
    this.name = 'SessionLostError';
  }
}

type Callback<T> = (err: Error | null | undefined, value: T) => void;

/** ssh2 keeps these on the wrapper without a public accessor: the server's extensions and limits. */
interface SftpInternals {
  readonly _extensions?: Readonly<Record<string, string>>;
  readonly _maxReadLen?: number;
  readonly _maxWriteLen?: number;
}

/** Request size that every SFTP server must accept (draft-ietf-secsh-filexfer: 32 KiB). */
const SAFE_CHUNK = 32 * 1024;

export class SftpSession {
  private alive = true;
  private readonly pending = new Set<(err: Error) => void>();
  private readonly deathListeners: Array<() => void> = [];
  /** Largest single READ and WRITE payload the server takes (OpenSSH: 255 KiB via limits@openssh.com). */
  readonly maxRead: number;
  readonly maxWrite: number;

  constructor(
    private readonly client: Client,
    private readonly sftp: SFTPWrapper,
    /** Absolute remote path of the share root, resolved on this connection. */
    readonly root: string,
  ) {
    const internals = sftp as unknown as SftpInternals;
    this.maxRead = positiveOr(internals._maxReadLen, SAFE_CHUNK);
    this.maxWrite = positiveOr(internals._maxWriteLen, SAFE_CHUNK);
    const die = () => this.kill();
    sftp.on('close', die);
    sftp.on('end', die);
    client.on('close', die);
    client.on('end', die);
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** True when the server announced `name` (e.g. posix-rename@openssh.com) in its VERSION reply. */
  supports(name: string): boolean {
    return Object.hasOwn((this.sftp as unknown as SftpInternals)._extensions ?? {}, name);
  }

  /** Runs one request; the callback style of ssh2 becomes a promise that always settles. */
  request<T>(issue: (sftp: SFTPWrapper, cb: Callback<T>) => void): Promise<T> {
    if (!this.alive) return Promise.reject(new SessionLostError());
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        this.pending.delete(fail);
        reject(err);
      };
      this.pending.add(fail);
      try {
        issue(this.sftp, (err, value) => {
          if (settled) return;
          settled = true;
          this.pending.delete(fail);
          if (err) reject(err);
          else resolve(value);
        });
      } catch (err) {
        // ssh2 throws synchronously for requests it cannot send (closed channel, missing extension).
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Registers a call for when the session dies (at most once per session). */
  onDeath(listener: () => void): void {
    if (!this.alive) listener();
    else this.deathListeners.push(listener);
  }

  /** Ends the connection and fails everything still waiting. Idempotent. */
  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    const lost = new SessionLostError();
    for (const fail of [...this.pending]) fail(lost);
    this.pending.clear();
    try {
      this.client.end();
    } catch {
      // Already closed.
    }
    for (const listener of this.deathListeners.splice(0)) listener();
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
