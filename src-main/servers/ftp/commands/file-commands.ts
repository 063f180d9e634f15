// Commands on single files and their attributes: DELE, RNFR/RNTO, SIZE, MDTM, MFMT, MLST.
// MFMT (draft-somers-ftp-mfxx) is what FileZilla, WinSCP and Total Commander use to keep
// modification times; ftp-srv had none of MLST/MLSD/MFMT.
import { formatTimeVal, parseTimeVal } from '../listing/ftp-time.js';
import { formatMlsxEntry } from '../listing/mlsx-format.js';
import type { FtpCommand } from './command.js';
import { fsOf } from './command.js';

export const FILE_COMMANDS: readonly FtpCommand[] = [
  {
    verbs: ['DELE'],
    syntax: 'DELE <path>',
    async handler(session, arg) {
      if (arg === '') return session.reply(501, 'DELE needs a file name.');
      await fsOf(session).remove(arg);
      session.reply(250, 'Delete operation successful.');
    },
  },
  {
    verbs: ['RNFR'],
    syntax: 'RNFR <path>',
    async handler(session, arg) {
      if (arg === '') return session.reply(501, 'RNFR needs a name.');
      session.renameFrom = await fsOf(session).renameSource(arg);
      session.reply(350, 'Ready for RNTO.');
    },
  },
  {
    verbs: ['RNTO'],
    syntax: 'RNTO <path>',
    async handler(session, arg) {
      const from = session.renameFrom;
      session.renameFrom = undefined;
      if (from === undefined) return session.reply(503, 'RNFR required first.');
      if (arg === '') return session.reply(501, 'RNTO needs a name.');
      await fsOf(session).rename(from, arg);
      session.reply(250, 'Rename successful.');
    },
  },
  {
    verbs: ['SIZE'],
    syntax: 'SIZE <path>',
    async handler(session, arg) {
      const entry = await fsOf(session).stat(arg);
      if (entry.type !== 'file') return session.reply(550, 'Not a regular file.');
      session.reply(213, String(entry.size));
    },
  },
  {
    verbs: ['MDTM'],
    syntax: 'MDTM <path>',
    async handler(session, arg) {
      const entry = await fsOf(session).stat(arg);
      session.reply(213, formatTimeVal(entry.mtimeMs));
    },
  },
  {
    verbs: ['MFMT'],
    syntax: 'MFMT <YYYYMMDDHHMMSS> <path>',
    async handler(session, arg) {
      const space = arg.indexOf(' ');
      const mtimeMs = space > 0 ? parseTimeVal(arg.slice(0, space)) : undefined;
      const path = space > 0 ? arg.slice(space + 1) : '';
      if (mtimeMs === undefined || path === '') return session.reply(501, 'Usage: MFMT YYYYMMDDHHMMSS path');
      await fsOf(session).setModTime(path, mtimeMs);
      session.reply(213, `Modify=${formatTimeVal(mtimeMs)}; ${path}`);
    },
  },
  {
    verbs: ['MLST'],
    syntax: 'MLST [<path>]',
    async handler(session, arg) {
      const fs = fsOf(session);
      const target = fs.resolve(arg);
      const entry = await fs.stat(arg);
      const line = formatMlsxEntry(entry, fs.clientPath(target), session.mlstFacts, fs.writable);
      session.replyLines(250, 'Listing', [line], 'End');
    },
  },
];
