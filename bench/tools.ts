// Locating the external programs the bench drives and reading their versions.
import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

/** Absolute path of an executable: `name` itself when absolute, else the first hit on PATH. */
export async function findExecutable(name: string): Promise<string | undefined> {
  const candidates = path.isAbsolute(name)
    ? [name]
    : (process.env['PATH'] ?? '').split(path.delimiter).filter((d) => d !== '').map((d) => path.join(d, name));
  for (const c of candidates) {
    try {
      await fs.access(c, constants.X_OK);
      if ((await fs.stat(c)).isFile()) return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** First non-empty line a command prints (stdout, else stderr), or 'unknown'. */
export function firstLine(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, [...args], { timeout: 10_000 }, (_err, stdout, stderr) => {
      const line = `${stdout}\n${stderr}`.split('\n').find((l) => l.trim() !== '');
      resolve(line?.trim() ?? 'unknown');
    });
  });
}

/** Run a command to completion; rejects with its stderr on failure. */
export function run(command: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(command)} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}
