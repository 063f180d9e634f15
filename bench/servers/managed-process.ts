// A server process the bench started: its output kept as a bounded tail (the pipes are always
// drained so a chatty server never blocks), waiting for readiness, and stopping it by PID.
import { spawn } from 'node:child_process';
import net from 'node:net';

const TAIL_CHARS = 16_384;

export interface ManagedProcess {
  readonly pid: number;
  /** The last few KiB of stdout and stderr, interleaved as they arrived. */
  output(): string;
  /** Exit description once the process has ended, else undefined. */
  exitStatus(): string | undefined;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function startProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ManagedProcess> {
  const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  let exit: string | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };
  const onData = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    notify();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = signal ? `killed by ${signal}` : `exited with code ${code ?? '?'}`;
      notify();
      resolve();
    });
  });

  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`cannot start ${command}: ${err.message}`)));
    child.once('spawn', () => {
      const pid = child.pid as number;
      resolve({
        pid,
        output: () => tail,
        exitStatus: () => exit,
        waitForOutput(pattern, timeoutMs) {
          return new Promise((res, rej) => {
            const check = (): void => {
              const m = pattern.exec(tail);
              if (m) done(() => res(m));
              else if (exit !== undefined) done(() => rej(new Error(`${command} ${exit}`)));
            };
            const timer = setTimeout(() => done(() => rej(new Error(`${command} not ready after ${timeoutMs} ms`))), timeoutMs);
            const done = (settle: () => void): void => {
              clearTimeout(timer);
              listeners.delete(check);
              settle();
            };
            listeners.add(check);
            check();
          });
        },
        async stop(graceMs = 5000) {
          if (exit !== undefined) return;
          signal(pid, 'SIGTERM');
          const timer = setTimeout(() => {
            if (exit === undefined) signal(pid, 'SIGKILL');
          }, graceMs);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone: the exit event is on its way.
  }
}

/** A port that was free a moment ago on 127.0.0.1 (for servers that cannot report a port 0 bind). */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * What a server says first, judged as it arrives: true (ready), false (not ready: try again later),
 * or undefined (not enough text yet).
 */
export type GreetingJudge = (received: string) => boolean | undefined;

/** Resolves once something on 127.0.0.1:port sends a greeting `judge` accepts. */
export async function waitForGreeting(
  port: number,
  proc: ManagedProcess,
  timeoutMs: number,
  what: string,
  judge: GreetingJudge,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = proc.exitStatus();
    if (status !== undefined) throw new Error(`server ${status} before listening`);
    if (await readsGreeting(port, judge)) return;
    if (Date.now() > deadline) throw new Error(`no ${what} on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves once something on 127.0.0.1:port answers with an SSH identification line. */
export function waitForSshBanner(port: number, proc: ManagedProcess, timeoutMs: number): Promise<void> {
  return waitForGreeting(port, proc, timeoutMs, 'SSH banner', (got) => (got.includes('\n') ? got.startsWith('SSH-') : undefined));
}

function readsGreeting(port: number, judge: GreetingJudge): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let got = '';
    const finish = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(2000, () => finish(false));
    sock.on('error', () => finish(false));
    sock.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      const verdict = judge(got);
      if (verdict !== undefined) finish(verdict);
    });
    sock.on('end', () => finish(false));
  });
}

/** `BENCH_WHARF_ARGS="--poll-interval 0"`: extra flags for Wharf's servers (A/B experiments). */
export function extraWharfArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.BENCH_WHARF_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
}
