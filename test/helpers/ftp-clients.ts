// Real FTP clients for tests: Python's ftplib (stdlib), curl and lftp, each run as a child process
// with a time limit, so a hung transfer fails the test instead of stalling the suite.
import { execFile } from 'node:child_process';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(cmd: string, args: readonly string[], timeoutMs = 30_000, input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/**
 * Helpers every Python test script gets: `connect()` logs in (optionally over explicit TLS) and
 * `out()` prints the JSON result the test reads. HOST, PORT, USER, PASS come from argv.
 */
const PRELUDE = String.raw`
import ftplib, io, json, os, socket, ssl, sys, time
HOST, PORT, USER, PASS = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ARGS = sys.argv[5:]
def connect(tls=False, login=True):
    if tls:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        f = ftplib.FTP_TLS(context=ctx, timeout=20)
    else:
        f = ftplib.FTP(timeout=20)
    f.connect(HOST, PORT)
    if login:
        f.login(USER, PASS)
        if tls:
            f.prot_p()
    return f
def err(fn, *a):
    try:
        r = fn(*a)
        return 'OK ' + str(r)
    except ftplib.all_errors as e:
        return str(e)
def out(value):
    print(json.dumps(value))
`;

export interface PyTarget {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly pass?: string;
}

/** Runs `script` (after the prelude) with Python 3 and parses the last stdout line as JSON. */
export async function python<T = unknown>(target: PyTarget, script: string, args: readonly string[] = [], timeoutMs = 30_000): Promise<T> {
  const result = await run(
    '/usr/bin/python3',
    ['-c', PRELUDE + script, target.host, String(target.port), target.user ?? 'alice', target.pass ?? 'secret', ...args],
    timeoutMs,
  );
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.code !== 0 || last === '') {
    throw new Error(`python failed (${result.code}): ${result.stderr.slice(-2000)}\n${result.stdout.slice(-500)}`);
  }
  return JSON.parse(last) as T;
}
