// Paces young-generation garbage collection by the bytes the servers move. Every socket read
// allocates a fresh 64 KiB buffer and ssh2 another ~32 KiB one per SSH packet it decrypts; those
// die at once, but V8 sees only small objects holding external memory, so it collects them late:
// the process grew by 100+ MB during parallel SFTP downloads, and an FTP upload ran a full
// mark-compact every ~30 MiB. A minor GC every few MiB of traffic frees them while they are still
// young; it costs well under a millisecond and measured faster overall.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Traffic between two minor collections. */
const STEP_BYTES = 8 * 1024 * 1024;

type MinorGc = () => void;

let collect: MinorGc | null | undefined;
let sinceLast = 0;

/**
 * The engine's collector, reached through a fresh context once `--expose-gc` is set (the main
 * context's globals are untouched). Null where the engine refuses (the pacer is then a no-op).
 */
function loadCollector(): MinorGc | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return null;
    return () => (gc as (options: { type: string }) => void)({ type: 'minor' });
  } catch {
    return null;
  }
}

/** Counts `bytes` of session traffic and runs a minor collection every STEP_BYTES. */
export function noteTraffic(bytes: number): void {
  sinceLast += bytes;
  if (sinceLast < STEP_BYTES) return;
  sinceLast = 0;
  if (collect === undefined) collect = loadCollector();
  collect?.();
}
