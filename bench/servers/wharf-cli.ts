// Wharf's own CLI from the build in dist/, as every bench part starts it: `wharf serve sftp|ftp`
// bound to port 0, its config dir in the bench's temp dir, ready once it prints its "Serving ... on
// URL" line (which comes last, after the host-key fingerprints).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startProcess } from './managed-process.js';
import type { ManagedProcess } from './managed-process.js';

export type ServeProtocol = 'sftp' | 'ftp';

export function wharfCliPath(projectRoot: string): string {
  return path.join(projectRoot, 'dist', 'src-main', 'cli', 'main.js');
}

/** Why the CLI cannot run (not built), or undefined. */
export async function wharfCliUnavailable(projectRoot: string): Promise<string | undefined> {
  try {
    await fs.access(wharfCliPath(projectRoot));
    return undefined;
  } catch {
    return `${path.relative(projectRoot, wharfCliPath(projectRoot))} not built (npm run build)`;
  }
}

export async function wharfVersion(projectRoot: string): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return `wharf ${pkg.version ?? 'unknown'} (node ${process.version})`;
}

/** The port of the first `PROTOCOL://HOST:PORT/` address in `output` (not a longer scheme's). */
export function parseListenPort(output: string, protocol: ServeProtocol = 'sftp'): number | undefined {
  const m = new RegExp(`(?<![a-z])${protocol}://(?:\\[[^\\]\\s]+\\]|[^\\s/:]+):(\\d{1,5})/`).exec(output);
  const port = m?.[1] === undefined ? NaN : Number(m[1]);
  return port > 0 && port < 65536 ? port : undefined;
}

export interface StartedWharf {
  readonly proc: ManagedProcess;
  readonly port: number;
}

/**
 * `wharf serve PROTOCOL PATH --addr 127.0.0.1:0 ARGS` on the Node that runs the bench (Node 24
 * under npm run, which the native binding is built for); resolves once it listens. The listen
 * address ends the "Serving" line: a served remote's own sftp:// address comes before it.
 */
export async function startWharfCli(
  projectRoot: string,
  configDir: string,
  protocol: ServeProtocol,
  pathArg: string,
  args: readonly string[],
): Promise<StartedWharf> {
  await fs.mkdir(configDir, { recursive: true });
  const proc = await startProcess(
    process.execPath,
    [wharfCliPath(projectRoot), 'serve', protocol, pathArg, '--addr', '127.0.0.1:0', ...args],
    { ...process.env, WHARF_CONFIG_DIR: configDir },
  );
  try {
    const m = await proc.waitForOutput(new RegExp(`^Serving .* on (${protocol}://\\S+:\\d+/)$`, 'm'), 30_000);
    const port = parseListenPort(m[1] ?? '', protocol);
    if (port === undefined) throw new Error(`cannot read a port from "${m[0]}"`);
    return { proc, port };
  } catch (err) {
    await proc.stop();
    throw new Error(`${(err as Error).message}\n${proc.output()}`);
  }
}
