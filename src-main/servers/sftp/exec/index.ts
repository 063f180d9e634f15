// src-main/servers/sftp/exec: the few exec commands rclone's sftp backend runs (echo for shell
// detection, md5sum/sha1sum/sha256sum, df), answered from the VFS. No shell is ever started: the
// command line is parsed here and anything else is refused with a clear message.
// May import: the session policy (../../session.js), the VFS public API, src-shared, node builtins.
import { assertNever } from '../../../../src-shared/assert-never.js';
import type { SessionContext } from '../../session.js';
import { parseCommandLine } from './command-line.js';
import { dfCommand } from './df.js';
import { echoCommand } from './echo.js';
import { EXIT_FAILURE, EXIT_NOT_FOUND, EXIT_USAGE } from './exec-types.js';
import type { ExecCommand, ExecOutput } from './exec-types.js';
import { hashsumCommand } from './hashsum.js';

export type { ExecOutput } from './exec-types.js';
export { EXIT_FAILURE, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE } from './exec-types.js';
export { parseCommandLine, MAX_COMMAND_LENGTH } from './command-line.js';

export const EXEC_COMMANDS = ['echo', 'md5sum', 'sha1sum', 'sha256sum', 'df'] as const;
export type ExecCommandName = (typeof EXEC_COMMANDS)[number];

function isExecCommandName(name: string): name is ExecCommandName {
  return (EXEC_COMMANDS as readonly string[]).includes(name);
}

function commandFor(name: ExecCommandName): ExecCommand {
  switch (name) {
    case 'echo':
      return echoCommand;
    case 'md5sum':
      return hashsumCommand('md5sum', 'md5');
    case 'sha1sum':
      return hashsumCommand('sha1sum', 'sha1');
    case 'sha256sum':
      return hashsumCommand('sha256sum', 'sha256');
    case 'df':
      return dfCommand;
    default:
      return assertNever(name, 'exec command');
  }
}

/** Runs one exec request and resolves to its exit status; output goes through `out`. Never throws. */
export async function runExecCommand(commandLine: string, session: SessionContext, out: ExecOutput): Promise<number> {
  const parsed = parseCommandLine(commandLine);
  if (!parsed.ok) {
    out.stderr(`wharf: ${parsed.error}\n`);
    return EXIT_USAGE;
  }
  const [name, ...args] = parsed.argv;
  if (name === undefined) return 0; // an empty command line, as `sh -c ''`
  if (!isExecCommandName(name)) {
    out.stderr(`wharf: command not supported: ${printable(name)} (this server only offers SFTP and ${EXEC_COMMANDS.join(', ')})\n`);
    return EXIT_NOT_FOUND;
  }
  try {
    return await commandFor(name)(args, { session, out });
  } catch {
    // Commands report their own errors; this is only a guard so a bug never kills the connection.
    out.stderr(`wharf: ${name} failed\n`);
    return EXIT_FAILURE;
  }
}

/** Client-supplied text echoed in an error, without control characters and within bounds. */
function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}...` : clean;
}
