// PWD, CWD, CDUP, MKD, RMD (and their X* aliases from RFC 775). Paths in replies are the client's
// view of the share, never a local path (ftp-srv's MKD replied with the local path it created).
import { quotePath } from '../control/reply.js';
import type { FtpSession } from '../ftp-session.js';
import type { FtpCommand } from './command.js';
import { fsOf } from './command.js';

async function changeDir(session: FtpSession, path: string): Promise<void> {
  await fsOf(session).chdir(path);
  session.reply(250, 'Directory successfully changed.');
}

export const DIR_COMMANDS: readonly FtpCommand[] = [
  {
    verbs: ['PWD', 'XPWD'],
    syntax: 'PWD',
    handler: (s) => s.reply(257, `${quotePath(fsOf(s).currentDirectory())} is the current directory`),
  },
  {
    verbs: ['CWD', 'XCWD'],
    syntax: 'CWD <path>',
    handler: (s, arg) => changeDir(s, arg === '' ? '/' : arg),
  },
  {
    verbs: ['CDUP', 'XCUP'],
    syntax: 'CDUP',
    handler: (s) => changeDir(s, '..'),
  },
  {
    verbs: ['MKD', 'XMKD'],
    syntax: 'MKD <path>',
    async handler(session, arg) {
      if (arg === '') return session.reply(501, 'MKD needs a folder name.');
      const created = await fsOf(session).mkdir(arg);
      session.reply(257, `${quotePath(created)} created`);
    },
  },
  {
    verbs: ['RMD', 'XRMD'],
    syntax: 'RMD <path>',
    async handler(session, arg) {
      if (arg === '') return session.reply(501, 'RMD needs a folder name.');
      await fsOf(session).rmdir(arg);
      session.reply(250, 'Remove directory operation successful.');
    },
  },
];
