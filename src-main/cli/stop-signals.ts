// Signal handling for a long-running command, installed before the server starts: a SIGINT/SIGTERM
// that arrives while starting (or right after the address line, which a script may react to at
// once) is never lost to Node's default action. SIGHUP runs the current reload handler, if any.
import type { CliIo, StopSignal } from './cli-io.js';

export interface StopSignals {
  /** Resolves with the first stop signal received. */
  readonly stopped: Promise<StopSignal>;
  /** Sets what SIGHUP does (ignored until set). */
  onHangup(handler: () => void): void;
  /** Removes the handlers; Node's defaults apply again. */
  dispose(): void;
}

export function watchStopSignals(io: CliIo): StopSignals {
  let hangup: (() => void) | undefined;
  let resolveStop: (signal: StopSignal) => void = () => undefined;
  const stopped = new Promise<StopSignal>((resolve) => {
    resolveStop = resolve;
  });
  // Later signals resolve nothing new: repeats are normal (Ctrl-C reaches the bin shim and us).
  const unsubscribe = [
    io.onSignal('SIGINT', () => resolveStop('SIGINT')),
    io.onSignal('SIGTERM', () => resolveStop('SIGTERM')),
    io.onSignal('SIGHUP', () => hangup?.()),
  ];
  return {
    stopped,
    onHangup(handler) {
      hangup = handler;
    },
    dispose() {
      for (const off of unsubscribe) off();
    },
  };
}
