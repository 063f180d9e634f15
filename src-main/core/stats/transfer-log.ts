// Live transfers and their recent history, fed by the servers' transfer observers: bytes, size when
// known, speed over the last second, state. Recording is a few additions per packet; speeds are
// worked out when a snapshot is taken.
import type { ShareProtocol, Transfer } from '../../../src-shared/contract/index.js';
import type { TransferObserver, TransferProbe, TransferStart } from '../../servers/index.js';
import { Throughput } from './throughput.js';

/** Finished transfers kept for the history list. */
export const TRANSFER_HISTORY = 50;
const SPEED_WINDOW_MS = 1000;

interface Live {
  readonly id: number;
  readonly shareId: string;
  readonly protocol: ShareProtocol;
  readonly user: string;
  readonly clientIp: string;
  readonly file: string;
  readonly upload: boolean;
  readonly size: number | undefined;
  readonly startedAt: number;
  bytes: number;
  /** (time, bytes) samples taken at snapshots, oldest first, spanning about a second. */
  samples: { t: number; bytes: number }[];
}

export class TransferLog {
  readonly throughput: Throughput;
  private readonly live = new Map<number, Live>();
  private history: Transfer[] = [];
  private nextId = 1;
  private version = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.throughput = new Throughput(now);
  }

  /** The observer a share's servers report to. */
  observer(shareId: string): TransferObserver {
    return { opened: (start) => this.open(shareId, start) };
  }

  /** Changes whenever a transfer starts, moves or ends (cheap "did anything change" check). */
  get changes(): number {
    return this.version;
  }

  get activeCount(): number {
    return this.live.size;
  }

  /** Running transfers (oldest first), then finished ones (newest first). */
  snapshot(): Transfer[] {
    const now = this.now();
    const running = [...this.live.values()].map((t) => this.view(t, now));
    return [...running, ...this.history];
  }

  private open(shareId: string, start: TransferStart): TransferProbe {
    const upload = start.writing;
    const now = this.now();
    const t: Live = {
      id: this.nextId++,
      shareId,
      protocol: start.protocol,
      user: start.user,
      clientIp: start.clientIp,
      file: start.path,
      upload,
      size: upload ? undefined : start.size,
      startedAt: now,
      bytes: 0,
      samples: [{ t: now, bytes: 0 }],
    };
    this.live.set(t.id, t);
    this.version++;
    let done = false;
    return {
      read: (n) => {
        this.throughput.add(0, n);
        if (!upload) {
          t.bytes += n;
          this.version++;
        }
      },
      written: (n) => {
        this.throughput.add(n, 0);
        if (upload) {
          t.bytes += n;
          this.version++;
        }
      },
      closed: (completed) => {
        if (done) return;
        done = true;
        this.live.delete(t.id);
        const end = this.now();
        const finished: Transfer = {
          ...this.view(t, end),
          size: t.upload ? (completed ? t.bytes : null) : (t.size ?? null),
          speed: 0,
          state: completed ? 'done' : 'failed',
          endedAt: end,
        };
        this.history = [finished, ...this.history].slice(0, TRANSFER_HISTORY);
        this.version++;
      },
    };
  }

  private view(t: Live, now: number): Transfer {
    t.samples.push({ t: now, bytes: t.bytes });
    // Keep one sample at or before the window's start, so the speed covers a full second.
    while (t.samples.length > 2 && (t.samples[1]?.t ?? now) <= now - SPEED_WINDOW_MS) t.samples.shift();
    const first = t.samples[0] ?? { t: now, bytes: t.bytes };
    const dt = (now - first.t) / 1000;
    const speed = dt > 0 ? Math.max(0, (t.bytes - first.bytes) / dt) : 0;
    return {
      id: t.id,
      shareId: t.shareId,
      protocol: t.protocol,
      user: t.user,
      clientIp: t.clientIp,
      file: t.file,
      direction: t.upload ? 'upload' : 'download',
      bytes: t.bytes,
      size: t.size ?? null,
      speed: Math.round(speed),
      state: 'active',
      startedAt: t.startedAt,
      endedAt: null,
    };
  }
}
