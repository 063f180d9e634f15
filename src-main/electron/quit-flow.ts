// Quitting flushes first: the first 'before-quit' is held back while the core shuts down (servers
// stop accepting, pending cache uploads finish), then the quit is let through. A flush that hangs
// (an unreachable remote) is given up after a time limit; the VFS cache keeps dirty files on disk
// and uploads them on the next launch, so giving up loses nothing.
import type { Logger } from '../../src-shared/logger.js';

export interface QuitApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface QuitFlowDeps {
  readonly app: QuitApp;
  /** The core's shutdown: stops servers and waits for pending uploads. */
  readonly shutdown: () => Promise<void>;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  /** Called once the quit has started (windows may really close from now on). */
  readonly onQuitting?: () => void;
}

export type QuitPhase = 'running' | 'flushing' | 'done';

export interface QuitFlow {
  readonly phase: () => QuitPhase;
  readonly quitting: () => boolean;
  /** Resolves when the flush has finished (or was given up) and the real quit was requested. */
  readonly settled: Promise<void>;
}

export const DEFAULT_FLUSH_TIMEOUT_MS = 60_000;

export function installQuitFlow(deps: QuitFlowDeps): QuitFlow {
  let phase: QuitPhase = 'running';
  let resolveSettled!: () => void;
  const settled = new Promise<void>((resolve) => (resolveSettled = resolve));
  const timeoutMs = deps.timeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS;

  deps.app.on('before-quit', (event) => {
    if (phase === 'done') return;
    event.preventDefault();
    if (phase === 'flushing') return;
    phase = 'flushing';
    deps.onQuitting?.();
    deps.logger.info('quit: stopping servers and flushing pending uploads');
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const flush = deps.shutdown().then(
      () => 'flushed' as const,
      (err: unknown) => {
        deps.logger.error(`quit: shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        return 'failed' as const;
      },
    );
    void Promise.race([flush, limit]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'timeout') deps.logger.warn(`quit: uploads still pending after ${timeoutMs} ms; they resume on the next launch`);
      phase = 'done';
      resolveSettled();
      deps.app.quit();
    });
  });

  return { phase: () => phase, quitting: () => phase !== 'running', settled };
}
