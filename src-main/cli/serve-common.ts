// How `wharf serve sftp` and `wharf serve ftp` run once their config is built: start the service
// (a configuration mistake is a usage error), announce it, serve until SIGINT/SIGTERM (SIGHUP
// flushes the directory cache), then stop within a time limit (`stopWithin`, which `wharf ui` uses too).
import type { Logger } from '../../src-shared/logger.js';
import { ServiceConfigError } from '../core/serve.js';
import type { CliIo } from './cli-io.js';
import { watchStopSignals } from './stop-signals.js';
import { UsageError } from './usage-error.js';

/** A stop that hangs (a stuck client, a remote that is gone) must not keep the process alive forever. */
export const STOP_TIMEOUT_MS = 30_000;

interface RunningService {
  stop(): Promise<void>;
  forget(): void;
}

export interface ServeRun<S extends RunningService> {
  readonly command: string;
  readonly io: CliIo;
  readonly logger: Logger;
  readonly start: () => Promise<S>;
  /** Prints the lines a reader waits for; the last one says the server is ready. */
  readonly announce: (service: S) => void;
  readonly stopTimeoutMs?: number;
}

export async function serveUntilStopped<S extends RunningService>(run: ServeRun<S>): Promise<number> {
  const { io, logger, command } = run;
  // Installed before starting: a signal during a slow start (a remote, a big cache) is not lost.
  const signals = watchStopSignals(io);
  try {
    const service = await run.start().catch((err: unknown) => {
      // A setting that cannot work is a usage mistake: same message shape and exit code as a bad flag.
      throw err instanceof ServiceConfigError ? new UsageError(err.message, command) : err;
    });
    signals.onHangup(() => {
      service.forget();
      logger.info('SIGHUP: directory cache flushed');
    });
    run.announce(service);
    const signal = await signals.stopped;
    logger.info(`${signal}: stopping the server (pending uploads are flushed first)`);
    // The handlers stay until the process exits: a repeated signal (the shim forwarding the same
    // Ctrl-C) arriving after a quick stop must not kill the process and turn exit code 0 into 130.
    return await stopWithin(() => service.stop(), { what: 'the server', timeoutMs: run.stopTimeoutMs ?? STOP_TIMEOUT_MS, io, command });
  } catch (err) {
    signals.dispose();
    throw err;
  }
}

export interface StopLimit {
  /** Who stops, as the timeout message names it ("the server", "Wharf"). */
  readonly what: string;
  readonly timeoutMs: number;
  readonly io: CliIo;
  readonly command: string;
}

/** Runs `stop`; exit code 0 when it finished cleanly in time, 1 otherwise. */
export async function stopWithin(stop: () => Promise<void>, limit: StopLimit): Promise<number> {
  const { what, timeoutMs, io, command } = limit;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([stop().then(() => 'stopped' as const), timedOut]);
    if (outcome === 'timeout') {
      io.err(`${command}: ${what} did not stop within ${timeoutMs / 1000}s; exiting anyway\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    io.err(`${command}: error while stopping: ${(err as Error).message}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}
