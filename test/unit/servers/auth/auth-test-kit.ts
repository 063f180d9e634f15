// Shared pieces for the auth tests: a fake clock, executable scripts written into a temp folder
// (auth proxies), and a check whether a process still exists.
import { readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateEd25519Pair } from '../../../../src-main/servers/sftp/ed25519-keygen.js';

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** Writes an executable script (`#!` line included in `text`) and returns its path. */
export async function writeScript(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  await chmod(file, 0o755);
  return file;
}

/** True while `pid` runs; a killed process nobody has reaped yet (a zombie) counts as gone. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/PID/stat: "pid (comm) STATE ..."; the state letter follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * A Node auth proxy reading its users from `usersFile` (JSON: name -> { pass?, key?, root, type? }).
 * Each run appends one line to `logFile` with the request it got, so tests can count runs.
 */
export function userTableProxy(usersFile: string, logFile: string): string {
  return `#!/usr/bin/env node
const fs = require('node:fs');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const req = JSON.parse(input);
  fs.appendFileSync(${JSON.stringify(logFile)}, JSON.stringify(req) + '\\n');
  const users = JSON.parse(fs.readFileSync(${JSON.stringify(usersFile)}, 'utf8'));
  const u = users[req.user];
  const ok = u && ((req.pass !== undefined && u.pass === req.pass) || (req.public_key !== undefined && u.key === req.public_key));
  if (!ok) {
    process.stderr.write('denied ' + req.user + '\\n');
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ type: u.type || 'local', _root: u.root, _obscure: 'pass', pass: 'not-used' }));
});
`;
}

/** ed25519 pairs come from the production generator, which works around ssh2's short-key bug. */
export const ed25519Pair = generateEd25519Pair;
