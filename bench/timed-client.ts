// Runs one client command (sftp, lftp) under a wall-clock timer: the time from spawn to exit, its
// stdout when asked for, and a one-line reason (exit code or signal, timeout, stderr tail) when it
// failed. Every suite's client driver goes through here.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface ClientResult {
  readonly ok: boolean;
  /** Wall time from spawning the client to its exit. */
  readonly seconds: number;
  /** Captured stdout (only when asked for). */
  readonly stdout: string;
  /** Exit code or signal, timeout, and the last of stderr, for failure messages. */
  readonly problem: string;
}

export interface ClientRun {
  readonly timeoutS: number;
  readonly captureStdout?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Written to the client's stdin, which is then closed; without it stdin is closed at once. */
  readonly stdin?: string;
}

const STDERR_TAIL = 2000;

export function timeClient(command: string, args: readonly string[], options: ClientRun): Promise<ClientResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    // Always drained (a full pipe would stall the client); kept only when asked for.
    child.stdout.on('data', (d: Buffer) => {
      if (options.captureStdout) out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString('utf8')).slice(-STDERR_TAIL);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutS * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, seconds: 0, stdout: '', problem: `cannot run ${command}: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      const ok = code === 0 && !timedOut;
      const how = timedOut ? `timed out after ${options.timeoutS} s` : signal ? `killed by ${signal}` : `exit ${code ?? '?'}`;
      const problem = ok ? '' : `${command} ${how}${err.trim() ? `: ${err.trim()}` : ''}`;
      resolve({ ok, seconds, stdout: Buffer.concat(out).toString('utf8'), problem });
    });
    child.stdin.on('error', () => undefined); // the client may exit before reading all input
    child.stdin.end(options.stdin ?? '');
  });
}
