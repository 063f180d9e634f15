// What a command needs from the outside world, passed in so commands run in-process in tests.
export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Subscribes to a process signal; returns the unsubscribe function. */
  readonly onSignal: (signal: StopSignal | 'SIGHUP', handler: () => void) => () => void;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    onSignal: (signal, handler) => {
      process.on(signal, handler);
      return () => process.off(signal, handler);
    },
  };
}
