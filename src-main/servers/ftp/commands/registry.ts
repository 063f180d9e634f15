// Every command Wharf answers, by verb (aliases included). Anything else gets 502.
import type { FtpCommand } from './command.js';
import { DATA_COMMANDS } from './data-commands.js';
import { DIR_COMMANDS } from './dir-commands.js';
import { FILE_COMMANDS } from './file-commands.js';
import { INFO_COMMANDS } from './info-commands.js';
import { LIST_COMMANDS } from './list-commands.js';
import { LOGIN_COMMANDS } from './login-commands.js';
import { TLS_COMMANDS } from './tls-commands.js';
import { TRANSFER_COMMANDS } from './transfer-commands.js';

export function buildCommandTable(): ReadonlyMap<string, FtpCommand> {
  const table = new Map<string, FtpCommand>();
  const groups = [LOGIN_COMMANDS, TLS_COMMANDS, INFO_COMMANDS, DIR_COMMANDS, FILE_COMMANDS, DATA_COMMANDS, TRANSFER_COMMANDS, LIST_COMMANDS];
  for (const command of groups.flat()) {
    for (const verb of command.verbs) {
      if (table.has(verb)) throw new Error(`FTP command ${verb} registered twice`);
      table.set(verb, command);
    }
  }
  return table;
}
