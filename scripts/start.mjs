// `npm start` (after the build): launch the desktop app with Electron; when Electron cannot start
// (its binary was not downloaded, there is no display, the shell is not built), say why and run the
// headless web UI instead, which prints its URL. Arguments after `npm start --` go to `wharf ui`.
// Runs on any Node that npm runs on: bin/wharf.cjs switches to the project's Node 24 itself.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
/** An Electron that is still running after this long has started. */
const STARTUP_MS = 5000;
/** How long the electron package may try to download its binary. */
const DOWNLOAD_MS = 120_000;

function electronProblem() {
  if (process.env.WHARF_NO_ELECTRON) return 'WHARF_NO_ELECTRON is set';
  // Resolving the electron package downloads its binary when it is missing; done in a child so its
  // progress and stack traces stay out of the way, and bounded in time.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: DOWNLOAD_MS,
  });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  if (binary === '' || !existsSync(binary)) {
    const why = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(probe.stderr ?? '') ? ': the download failed' : '';
    return `the Electron binary is not installed and could not be downloaded${why}`;
  }
  const main = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).main;
  if (!main || !existsSync(path.join(ROOT, main))) return `the desktop shell is not built (${main ?? 'no "main" in package.json'} is missing)`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY is not set)';
  return { binary };
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  return child;
}

let fellBack = false;

function headless(reason) {
  if (fellBack) return;
  fellBack = true;
  console.error(`wharf: cannot start the desktop app: ${reason}.`);
  console.error('wharf: starting the headless web UI instead; open the URL below in a browser.');
  const args = process.argv.slice(2);
  const child = run(process.execPath, [path.join(ROOT, 'bin', 'wharf.cjs'), 'ui', '--headless', ...args]);
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
  child.on('error', (err) => {
    console.error(`wharf: ${err.message}`);
    process.exit(1);
  });
}

const problem = electronProblem();
if (typeof problem === 'string') {
  headless(problem);
} else {
  const started = Date.now();
  let output = '';
  const child = spawn(problem.binary, [ROOT, ...process.argv.slice(2)], { cwd: ROOT, stdio: ['inherit', 'inherit', 'pipe'] });
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    if (output.length < 4000) output += chunk.toString();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.exitCode === null && child.kill(signal));
  child.on('error', (err) => headless(`Electron failed to run (${err.message})`));
  child.on('exit', (code, signal) => {
    if (code !== 0 && Date.now() - started < STARTUP_MS) {
      const last = output.trim().split('\n').pop();
      headless(`Electron exited at once with ${signal ?? `code ${code}`}${last ? ` (${last.slice(0, 200)})` : ''}`);
      return;
    }
    process.exit(signal ? 1 : (code ?? 1));
  });
}
