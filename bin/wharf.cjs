#!/usr/bin/env node
'use strict';
// The `wharf` command. Wharf needs Node >= 22 (ESM, import.meta.dirname) and ssh2's native binding is
// built for the project's own Node 24 (the `node` devDependency): on an older Node, re-run this file
// with that Node, forwarding signals and the exit code. Otherwise load the built CLI.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const MIN_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);

function projectNode() {
  try {
    const bin = path.join(path.dirname(require.resolve('node/package.json')), 'bin', 'node');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

function reexec(node) {
  const child = spawn(node, [__filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    // Guards against a loop if that Node were somehow old too.
    env: { ...process.env, WHARF_REEXEC: '1' },
  });
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  child.on('error', (err) => {
    console.error(`wharf: cannot start ${node}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die the same way the child did, so callers see the real cause.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

const node = major < MIN_MAJOR && !process.env.WHARF_REEXEC ? projectNode() : undefined;
if (node) {
  reexec(node);
} else if (major < MIN_MAJOR) {
  console.error(`wharf: Node ${process.version} is too old; Wharf needs Node ${MIN_MAJOR} or newer (run npm ci to get the project's Node 24).`);
  process.exit(1);
} else {
  const main = path.join(__dirname, '..', 'dist', 'src-main', 'cli', 'main.js');
  if (!existsSync(main)) {
    console.error('wharf: the CLI is not built: run npm run build first.');
    process.exit(1);
  }
  import(pathToFileURL(main).href).catch((err) => {
    console.error(`wharf: ${err && err.message ? err.message : err}`);
    process.exit(1);
  });
}
