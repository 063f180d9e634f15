// Paces young-generation garbage collection by the bytes the servers receive into fresh buffers.
// Every SSH socket read allocates a fresh buffer and ssh2 another for each SSH packet that spans
// two reads (an FTP upload without pooled reads: one per 64 KiB chunk). They die at once, but V8
// sees only small objects holding external memory, so it collects them late. Worse, V8 counts
// external memory allocated since the last mark-compact against the old generation's limit: when
// the bytes allocated between two minor collections exceed the old generation's headroom (V8 keeps
// as little as ~9 MB when its growth heuristics turn cautious, as they did after a few big
// downloads), every minor collection is followed by a full mark-compact. Measured on 3 x 1 GiB SFTP
// uploads with that headroom forced (`--heap-growing-percent=10`): one minor GC per 8 MiB received
// ran 108-132 mark-compacts and 2 s of marking-thread CPU, uploads 2.4-3.0 s; one per 2 MiB ran 7
// mark-compacts, uploads 2.05-2.45 s. Outgoing data is not counted: SFTP replies and SSH packets
// come from pools, and pacing downloads by their bytes only cost CPU (3 x 1 GiB: 1,376 minor GCs
// instead of 44, ~10 % more user CPU).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Fresh-buffer bytes between two minor collections: well under V8's smallest headroom. */
export const STEP_BYTES = 2 * 1024 * 1024;

type MinorGc = () => void;

/** Counts bytes and runs `collect` once every `step` of them. */
export class MinorGcPacer {
  private sinceLast = 0;
  private collector: MinorGc | null | undefined;

  /** `collect` is asked for the collector once, at the first step. */
  constructor(
    private readonly step: number,
    private readonly collect: () => MinorGc | null,
  ) {}

  note(bytes: number): void {
    this.sinceLast += bytes;
    if (this.sinceLast < this.step) return;
    this.sinceLast = 0;
    if (this.collector === undefined) this.collector = this.collect();
    this.collector?.();
  }
}

/**
 * The engine's collector, reached through a fresh context once `--expose-gc` is set (the main
 * context's globals are untouched). Null where the engine refuses (the pacer is then a no-op).
 */
export function loadCollector(): MinorGc | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return null;
    return () => (gc as (options: { type: string }) => void)({ type: 'minor' });
  } catch {
    return null;
  }
}

const pacer = new MinorGcPacer(STEP_BYTES, loadCollector);

/** Counts `bytes` a server just received into freshly allocated buffers. */
export function noteFreshBytes(bytes: number): void {
  pacer.note(bytes);
}
