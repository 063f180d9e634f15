// REST, RETR, STOR, APPE, STOU. Fixes over ftp-srv: REST+STOR writes from the offset and keeps the
// bytes before it (ftp-srv truncated, so resumed uploads got a zeroed prefix), a broken upload keeps
// what arrived and never deletes the file (ftp-srv unlinked it on any stream error), and the data
// path uses positioned reads/writes with backpressure.
import type { VfsHandle } from '../../../vfs/index.js';
import type { FtpSession } from '../ftp-session.js';
import { observeFtpTransfer } from '../transfer/observe-transfer.js';
import { forUpload } from '../data/user-reads.js';
import { receiveFile } from '../transfer/receive-file.js';
import { sendFile } from '../transfer/send-file.js';
import { VfsFileSystem } from '../vfs-file-system.js';
import type { WriteMode } from '../vfs-file-system.js';
import type { FtpCommand } from './command.js';
import { fsOf } from './command.js';
import { openDataOrReply, replyTransferFailure, requireDataSetup, startData } from './transfer-support.js';

/** STOU tries `name`, `name.1` ... up to this many before giving up. */
const UNIQUE_ATTEMPTS = 100;

function takeRest(session: FtpSession): number {
  const offset = session.restOffset;
  session.restOffset = 0;
  return offset;
}

async function closeQuietly(session: FtpSession, handle: VfsHandle): Promise<void> {
  await handle.close().catch((err: Error) => session.logger.warn(`ftp: closing ${handle.path} failed: ${err.message}`));
}

async function retrieve(session: FtpSession, arg: string): Promise<void> {
  const fs = fsOf(session);
  const offset = takeRest(session);
  if (!requireDataSetup(session)) return;
  if (arg === '') return session.reply(501, 'RETR needs a file name.');
  let opened;
  try {
    opened = await fs.openRead(fs.resolve(arg));
  } catch (err) {
    session.data.reset();
    throw err;
  }
  const { handle, entry } = opened;
  const probe = observeFtpTransfer(fs.session, session.logger, handle.path, 'download', entry.size);
  let completed = false;
  await session.runTransfer(async (signal) => {
    try {
      const socket = await openDataOrReply(session, signal);
      if (!socket) return;
      const data = await startData(session, socket, signal, `Opening BINARY mode data connection for ${entry.name} (${entry.size} bytes).`);
      if (!data) return;
      try {
        const sent = await sendFile(handle, offset, data, probe.moved);
        completed = true;
        session.logger.info(`ftp: ${session.who} RETR ${fs.clientPath(handle.path)} ${sent} bytes`);
        session.reply(226, 'Transfer complete.');
      } catch (err) {
        replyTransferFailure(session, err);
      } finally {
        data.dispose();
      }
    } finally {
      await closeQuietly(session, handle);
      probe.closed(completed);
    }
  });
}

/** Opens the upload target; STOU walks candidate names until an exclusive create succeeds. */
async function openTarget(fs: VfsFileSystem, target: string, mode: WriteMode, unique: boolean): Promise<VfsHandle> {
  if (!unique) return fs.openWrite(target, mode);
  const { dir, name } = VfsFileSystem.splitPath(target);
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.openWrite(VfsFileSystem.uniqueCandidate(dir, name, attempt), 'exclusive');
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EEXIST' || attempt + 1 >= UNIQUE_ATTEMPTS) throw err;
    }
  }
}

async function store(session: FtpSession, arg: string, verb: string): Promise<void> {
  const fs = fsOf(session);
  const rest = takeRest(session);
  if (!requireDataSetup(session)) return;
  const unique = verb === 'STOU';
  if (arg === '' && !unique) return session.reply(501, `${verb} needs a file name.`);
  let target: string;
  try {
    fs.assertWritable();
    target = fs.resolve(unique && arg.trim() === '' ? 'file' : arg);
  } catch (err) {
    session.data.reset();
    throw err;
  }
  const mode: WriteMode = verb === 'APPE' ? 'append' : rest > 0 && !unique ? 'resume' : 'truncate';
  const start = mode === 'resume' ? rest : 0;
  await session.runTransfer(async (signal) => {
    // The data connection comes first: a file is never truncated for an upload that cannot start.
    const opened = await openDataOrReply(session, signal);
    if (!opened) return;
    const socket = forUpload(opened);
    let handle: VfsHandle;
    try {
      handle = await openTarget(fs, target, mode, unique);
    } catch (err) {
      socket.destroy();
      return session.replyError(err);
    }
    const shown = fs.clientPath(handle.path);
    const probe = observeFtpTransfer(fs.session, session.logger, handle.path, 'upload', undefined);
    const data = await startData(session, socket, signal, unique ? `FILE: ${shown}` : 'Ok to send data.');
    if (!data) {
      await closeQuietly(session, handle);
      return probe.closed(false);
    }
    let received: number;
    try {
      const end = await receiveFile(data, handle, start, probe.moved);
      if (mode === 'resume') await fs.truncateTail(handle, end);
      received = end - start;
    } catch (err) {
      data.dispose();
      await closeQuietly(session, handle);
      probe.closed(false);
      session.logger.info(`ftp: ${session.who} ${verb} ${shown} failed: ${(err as Error).message}`);
      return replyTransferFailure(session, err);
    }
    try {
      await handle.close();
    } catch (err) {
      data.dispose();
      probe.closed(false);
      return replyTransferFailure(session, err);
    }
    session.reply(226, unique ? `Transfer complete (unique file name: ${shown}).` : 'Transfer complete.');
    // The client has sent everything and waits only for the 226: what is left comes after it.
    data.dispose();
    probe.closed(true);
    session.logger.info(`ftp: ${session.who} ${verb} ${shown} ${received} bytes`);
  });
}

export const TRANSFER_COMMANDS: readonly FtpCommand[] = [
  {
    verbs: ['REST'],
    syntax: 'REST <offset>',
    handler(session, arg) {
      const text = arg.trim();
      const offset = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(offset)) return session.reply(501, 'REST needs a byte offset.');
      session.restOffset = offset;
      session.reply(350, `Restart position accepted (${offset}).`);
    },
  },
  { verbs: ['RETR'], syntax: 'RETR <path>', handler: (s, arg) => retrieve(s, arg) },
  { verbs: ['STOR', 'APPE', 'STOU'], syntax: 'STOR|APPE <path> | STOU [<name>]', handler: (s, arg, verb) => store(s, arg, verb) },
];
