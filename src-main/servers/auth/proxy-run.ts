// Runs the auth proxy program once: no shell (the program path is executed directly, so nothing
// in a user name or password can be interpreted), the request as JSON on stdin, the answer read
// from stdout with a size cap and a time limit. On a timeout or an oversized answer the program's
// whole process group is killed, so a proxy that forks cannot leave a hung child behind.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface ProxyRunOptions {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
}

export type ProxyRunResult =
  | { readonly ok: true; readonly stdout: string }
  /** `reason` is for the operator's log; `stderr` is the start of what the program printed there. */
  | { readonly ok: false; readonly reason: string; readonly stderr: string };

/** Enough of stderr to explain a failure in the log. */
const MAX_STDERR_BYTES = 2048;

export function runProxyProgram(program: string, input: string, options: ProxyRunOptions): Promise<ProxyRunResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    const ownGroup = process.platform !== 'win32';
    try {
      child = spawn(program, [], {
        shell: false,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: ownGroup,
        windowsHide: true,
      });
    } catch (err) {
      resolve({ ok: false, reason: `cannot run the program: ${errText(err)}`, stderr: '' });
      return;
    }
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let settled = false;

    const kill = (): void => {
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const finish = (result: ProxyRunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (reason: string, killIt: boolean): void => {
      if (killIt) {
        kill();
        // A grandchild holding the pipes open must not keep them (and us) alive.
        child.stdout?.destroy();
        child.stderr?.destroy();
      }
      finish({ ok: false, reason, stderr });
    };

    const timer = setTimeout(() => fail(`no answer within ${options.timeoutMs} ms; the program was killed`, true), options.timeoutMs);
    child.on('error', (err) => fail(`cannot run the program: ${errText(err)}`, false));
    // The program may exit without reading its input: EPIPE here is not our failure.
    child.stdin?.on('error', () => undefined);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (settled) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxOutputBytes) {
        fail(`the answer is larger than ${options.maxOutputBytes} bytes; the program was killed`, true);
        return;
      }
      stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8').slice(0, MAX_STDERR_BYTES - stderr.length);
    });
    child.on('close', (code, signal) => {
      if (signal !== null) fail(`the program was ended by ${signal}`, false);
      else if (code !== 0) fail(`the program exited with status ${String(code)}`, false);
      else finish({ ok: true, stdout: Buffer.concat(stdout).toString('utf8') });
    });
    child.stdin?.end(input);
  });
}

function errText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied (is it executable?)';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}
