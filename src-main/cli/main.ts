// Entry point of the `wharf` command (bin/wharf.cjs imports the built copy of this file).
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
// Sockets or timers left behind by a library must not keep a stopped server's process alive.
setTimeout(() => process.exit(code), 2000).unref();
