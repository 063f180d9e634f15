#!/usr/bin/env node
'use strict';
// Rebuilds ssh2's optional native crypto binding for the Node that runs Wharf (Node 24 from the
// `node` devDependency). npm builds it during install with whatever Node ran npm, and the machine's
// global config points node-gyp at that Node's headers; a binding built for another ABI fails to
// load and ssh2 silently falls back to pure-JS crypto, about 3x slower (PITFALLS.md).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.log(`build-native: running on Node ${process.version}; skipping (needs the project's Node 24)`);
  process.exit(0);
}
// The `node` package hard-links its binary into node/bin; its headers live in the platform package.
const candidates = [path.resolve(path.dirname(process.execPath), '..')];
try {
  const nodePkg = path.dirname(require.resolve('node/package.json'));
  candidates.push(path.join(nodePkg, 'node_modules', `node-${process.platform}-${process.arch}`));
} catch {
  // no project-local node package: use the running Node's own layout
}
const nodeDir = candidates.find((dir) => existsSync(path.join(dir, 'include', 'node', 'node.h')));
const env = { ...process.env };
if (nodeDir) env.npm_config_nodedir = nodeDir;
const ssh2Dir = path.dirname(require.resolve('ssh2/package.json'));
const result = spawnSync(process.execPath, ['install.js'], { cwd: ssh2Dir, env, stdio: 'inherit' });
if (result.status !== 0) console.log('build-native: ssh2 binding build failed; ssh2 will use pure-JS crypto');
try {
  require(path.join(ssh2Dir, 'lib/protocol/crypto/build/Release/sshcrypto.node'));
  console.log(`build-native: ssh2 native crypto binding loads on Node ${process.version}`);
} catch (err) {
  console.log(`build-native: ssh2 native crypto binding does not load: ${err.message}`);
}
