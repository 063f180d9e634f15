// Dispatches `wharf <command>` and turns every failure into a message and an exit code: 2 for a
// usage or configuration mistake, 1 for anything else. Stacks are shown only with -vv.
import { ServiceConfigError } from '../core/service-error.js';
import type { CliIo } from './cli-io.js';
import { mainHelp } from './help-text.js';
import { UsageError } from './usage-error.js';
import { wharfVersion } from './version.js';

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.command}: ${err.message}\nRun '${err.command} --help' for usage.\n`);
      return 2;
    }
    if (err instanceof ServiceConfigError) {
      io.err(`wharf: ${err.message}\n`);
      return 2;
    }
    io.err(`wharf: ${err instanceof Error ? err.message : String(err)}\n`);
    if (wantsDebug(args) && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return 1;
  }
}

async function dispatch(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
      io.err(mainHelp());
      return 2;
    case '-h':
    case '--help':
    case 'help':
      io.out(mainHelp());
      return 0;
    case '--version':
    case 'version':
      io.out(`wharf ${wharfVersion()}\n`);
      return 0;
    case 'serve':
      return serve(rest, io);
    case 'ui':
      // Each command loads only what it needs: a `serve` process never loads the app core.
      return (await import('./ui-command.js')).runUi(rest, io);
    default:
      if (command.startsWith('-')) throw new UsageError(`unknown flag: ${command}`);
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function serve(args: readonly string[], io: CliIo): Promise<number> {
  const [protocol, ...rest] = args;
  switch (protocol) {
    case 'sftp':
      return (await import('./serve-sftp-command.js')).runServeSftp(rest, io);
    case 'ftp':
      return (await import('./serve-ftp-command.js')).runServeFtp(rest, io);
    case '-h':
    case '--help':
      io.out(
        'Usage:\n  wharf serve sftp PATH [flags]   Serve a folder or an SFTP remote over SFTP\n' +
          '  wharf serve ftp PATH [flags]    Serve a folder or an SFTP remote over FTP/FTPS\n',
      );
      return 0;
    case undefined:
      throw new UsageError('missing protocol: use "wharf serve sftp PATH" or "wharf serve ftp PATH"', 'wharf serve');
    default:
      throw new UsageError(`unknown protocol "${protocol}" (available: sftp, ftp)`, 'wharf serve');
  }
}

/** -vv (or -v twice): the operator asked for debug output, so an unexpected error shows its stack. */
function wantsDebug(args: readonly string[]): boolean {
  const single = args.filter((a) => a === '-v' || a === '--verbose').length;
  return single >= 2 || args.some((a) => /^-v{2,}$/.test(a) || /^--verbose=([2-9]|\d\d+)$/.test(a));
}
