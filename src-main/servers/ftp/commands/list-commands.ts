// LIST, NLST, MLSD and STAT: listings streamed batch by batch from the Vfs to the data connection
// (or, for STAT <path>, the control connection) as they are read, never a whole folder at once.
import { assertNever } from '../../../../src-shared/assert-never.js';
import { formatReply, replyText } from '../control/reply.js';
import type { FtpSession } from '../ftp-session.js';
import { formatLsLine } from '../listing/ls-format.js';
import { formatMlsxEntry } from '../listing/mlsx-format.js';
import { sendText } from '../transfer/send-text.js';
import type { VfsEntry } from '../../../vfs/index.js';
import type { FtpCommand } from './command.js';
import { fsOf } from './command.js';
import { statusReply } from './info-commands.js';
import { openDataOrReply, replyTransferFailure, requireDataSetup, startData } from './transfer-support.js';

type Style = 'ls' | 'names' | 'mlsd';

/** `LIST -la path`: ls options are accepted and ignored (every entry is always listed). */
export function stripListOptions(arg: string): string {
  let rest = arg;
  while (/^-[A-Za-z]+(\s|$)/.test(rest)) rest = rest.replace(/^-[A-Za-z]+\s*/, '');
  return rest;
}

/** A name with a line break cannot be represented in a listing line; such entries are left out. */
const listable = (name: string) => !/[\r\n]/.test(name);

function lineFor(session: FtpSession, style: Style, entry: VfsEntry, name: string, now: number): string {
  switch (style) {
    case 'ls':
      return formatLsLine(entry, name, now);
    case 'names':
      return name;
    case 'mlsd':
      return formatMlsxEntry(entry, name, session.mlstFacts, fsOf(session).writable);
    default:
      return assertNever(style, 'listing style');
  }
}

/** The listing text of a folder (batch by batch) or of a single file, each line ended by `eol`. */
async function* listingText(
  session: FtpSession,
  style: Style,
  target: string,
  entry: VfsEntry,
  shownName: string,
  prefix: string,
): AsyncIterable<string> {
  const now = Date.now();
  if (entry.type !== 'dir') {
    yield `${prefix}${lineFor(session, style, entry, shownName, now)}\r\n`;
    return;
  }
  for await (const batch of fsOf(session).list(target)) {
    let text = '';
    for (const item of batch) {
      if (listable(item.name)) text += `${prefix}${lineFor(session, style, item.entry, item.name, now)}\r\n`;
    }
    yield text;
  }
}

async function list(session: FtpSession, arg: string, verb: string): Promise<void> {
  const fs = fsOf(session);
  session.restOffset = 0;
  if (!requireDataSetup(session)) return;
  const style: Style = verb === 'MLSD' ? 'mlsd' : verb === 'NLST' ? 'names' : 'ls';
  const pathArg = style === 'mlsd' ? arg : stripListOptions(arg);
  let target: string;
  let entry: VfsEntry;
  try {
    target = fs.resolve(pathArg);
    entry = await fs.stat(pathArg);
  } catch (err) {
    session.data.reset();
    throw err;
  }
  if (style === 'mlsd' && entry.type !== 'dir') {
    session.data.reset();
    return session.reply(501, 'MLSD needs a folder; use MLST for a file.');
  }
  await session.runTransfer(async (signal) => {
    const socket = await openDataOrReply(session, signal);
    if (!socket) return;
    const data = await startData(session, socket, signal, 'Here comes the directory listing.');
    if (!data) return;
    try {
      await sendText(listingText(session, style, target, entry, pathArg.trim(), ''), data);
      session.reply(226, 'Directory send OK.');
    } catch (err) {
      replyTransferFailure(session, err);
    } finally {
      data.dispose();
    }
  });
}

/** STAT <path>: the ls listing over the control connection, as a 213 multi-line reply. */
async function statPath(session: FtpSession, arg: string): Promise<void> {
  const fs = fsOf(session);
  const pathArg = stripListOptions(arg);
  const target = fs.resolve(pathArg);
  const entry = await fs.stat(pathArg);
  await session.sendAwait(`213-Status of ${replyText(pathArg.trim() || fs.currentDirectory())}:\r\n`);
  try {
    for await (const text of listingText(session, 'ls', target, entry, pathArg.trim(), ' ')) {
      await session.sendAwait(text);
    }
  } finally {
    await session.sendAwait(formatReply(213, 'End of status'));
  }
}

export const LIST_COMMANDS: readonly FtpCommand[] = [
  { verbs: ['LIST', 'NLST', 'MLSD'], syntax: 'LIST|NLST|MLSD [<path>]', handler: (s, arg, verb) => list(s, arg, verb) },
  {
    verbs: ['STAT'],
    syntax: 'STAT [<path>]',
    handler: (s, arg) => (arg.trim() === '' ? statusReply(s) : statPath(s, arg)),
  },
];
