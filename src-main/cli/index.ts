// src-main/cli: the `wharf` command (argument parsing from the option tables, help, serve sftp).
// May import: core, api, src-shared and node builtins; never servers or the vfs directly.
export { runCli } from './run-cli.js';
export type { CliIo } from './cli-io.js';
export { processIo } from './cli-io.js';
export { parseFlags } from './parse-flags.js';
export type { ParsedFlags } from './parse-flags.js';
export { UsageError } from './usage-error.js';
export { mainHelp, serveSftpHelp } from './help-text.js';
