// What RETR, STOR, APPE, STOU, LIST, NLST and MLSD share: getting the data socket with the right
// reply when that fails, and the one way a transfer failure becomes a reply.
import type { Socket } from 'node:net';
import { DataConnectionError } from '../data/data-channel.js';
import { ftpErrorReply } from '../ftp-errors.js';
import { FtpReplyError } from '../ftp-session.js';
import type { FtpSession } from '../ftp-session.js';
import { DataSocketError, DataSocketGuard } from '../transfer/data-socket.js';

/** Refuses a transfer command when no PASV/PORT came first (425, as vsftpd). */
export function requireDataSetup(session: FtpSession): boolean {
  if (session.data.ready) return true;
  session.reply(425, 'Use PORT, EPRT, PASV or EPSV first.');
  return false;
}

/** The data socket, or undefined after replying why there is none. */
export async function openDataOrReply(session: FtpSession, signal: AbortSignal): Promise<Socket | undefined> {
  try {
    return await session.openData(signal);
  } catch (err) {
    if (signal.aborted) session.reply(426, 'Transfer aborted.');
    else if (err instanceof FtpReplyError) session.reply(err.code, err.message);
    else if (err instanceof DataConnectionError) session.reply(425, `Can't open data connection: ${err.message}`);
    else session.reply(425, "Can't open data connection.");
    return undefined;
  }
}

/**
 * Sends the 150 reply, then secures the data socket when PROT P is in force. Undefined (after
 * replying) when the TLS handshake fails.
 */
export async function startData(
  session: FtpSession,
  socket: Socket,
  signal: AbortSignal,
  preliminary: string,
): Promise<DataSocketGuard | undefined> {
  session.reply(150, preliminary);
  let ready: Socket;
  try {
    ready = await session.protectDataSocket(socket, signal);
  } catch (err) {
    socket.destroy();
    if (signal.aborted) session.reply(426, 'Transfer aborted.');
    else session.reply(522, `TLS on the data connection failed: ${(err as Error).message}`);
    return undefined;
  }
  return new DataSocketGuard(ready, session.server.limits.dataIdleMs, signal);
}

/** A transfer that started (after 150) and failed: 426 for the connection, 451/452 for the file. */
export function replyTransferFailure(session: FtpSession, err: unknown): void {
  if (err instanceof DataSocketError) return session.reply(426, err.message);
  if (err instanceof FtpReplyError) return session.reply(err.code, err.message);
  session.noteUnexpected(err);
  const { code, message } = ftpErrorReply(err);
  session.reply(code === 452 ? 452 : 451, message);
}
