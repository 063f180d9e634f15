// One SSH session channel of a logged-in client. Only two things run in it: the `sftp` subsystem
// (our own SFTP v3 codec over the raw channel) and exec of the few commands in exec/. Shells,
// ptys, X11, agent forwarding and other subsystems are refused; port forwarding is never even
// listened for, so ssh2 refuses it.
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { AcceptConnection, RejectConnection, ServerChannel, Session } from 'ssh2';
import type { Logger } from '../../../src-shared/logger.js';
import type { Vfs } from '../../vfs/index.js';
import type { AuthSuccess } from '../auth/index.js';
import type { SessionContext } from '../session.js';
import type { TransferObserver } from '../transfer-observer.js';
import { runExecCommand } from './exec/index.js';
import { serveSftp } from './protocol/index.js';
import { printable } from './ssh-log-text.js';

/** What a session needs from its connection. */
export interface SessionHost {
  readonly connId: string;
  readonly clientIp: string;
  readonly auth: AuthSuccess;
  readonly vfs: Vfs;
  readonly readOnly: boolean;
  readonly logger: Logger;
  readonly maxChannels: number;
  /** Open session channels on this connection. */
  channels: number;
  /** Running SFTP sessions, closed when the server stops. */
  readonly running: Set<{ close(): Promise<void> }>;
  /** The app's transfer observer, when it watches this server. */
  readonly transfers?: TransferObserver;
}

export function handleSessionRequest(accept: AcceptConnection<Session>, reject: RejectConnection, host: SessionHost): void {
  const { logger } = host;
  if (host.channels >= host.maxChannels) {
    logger.warn(`ssh ${host.connId}: session refused: ${host.maxChannels} sessions already open on this connection`);
    reject();
    return;
  }
  const session = accept();
  host.channels++;
  session.once('close', () => {
    host.channels--;
  });
  session.on('error', (err: Error) => logger.debug(`ssh ${host.connId}: session error: ${err.message}`));

  const refuse = (what: string) => (_accept: unknown, rejectRequest?: RejectConnection) => {
    logger.debug(`ssh ${host.connId}: refused ${what} request`);
    rejectRequest?.();
  };
  session.on('pty', refuse('pty'));
  session.on('shell', refuse('shell'));
  session.on('x11', refuse('x11'));
  session.on('auth-agent', refuse('agent forwarding'));
  // Accepted and ignored: no shell runs, so nothing reads the environment. Refusing would make
  // clients that always send some (rclone's set_env, Go's Setenv) fail.
  session.on('env', (acceptEnv?: () => void) => acceptEnv?.());

  session.on('subsystem', (acceptSub: AcceptConnection<ServerChannel>, rejectSub: RejectConnection, info: { name: string }) => {
    if (info.name !== 'sftp') {
      logger.debug(`ssh ${host.connId}: refused subsystem ${printable(info.name)}`);
      rejectSub?.();
      return;
    }
    const channel = acceptSub();
    if (channel) startSftp(channel, host);
  });

  session.on('exec', (acceptExec: AcceptConnection<ServerChannel>, _rejectExec: RejectConnection, info: { command: string }) => {
    const channel = acceptExec();
    if (channel) startExec(channel, info.command, host);
  });
}

function sessionContext(host: SessionHost): SessionContext {
  return {
    id: randomUUID(),
    protocol: 'sftp',
    user: host.auth.user,
    clientIp: host.clientIp,
    vfs: host.vfs,
    root: host.auth.root,
    readOnly: host.readOnly || host.auth.readOnly,
    transfers: host.transfers,
  };
}

function startSftp(channel: ServerChannel, host: SessionHost): void {
  const { logger } = host;
  channel.on('error', (err: Error) => logger.debug(`ssh ${host.connId}: sftp channel error: ${err.message}`));
  const ctx = sessionContext(host);
  logger.debug(`ssh ${host.connId}: sftp session ${ctx.id} started for ${printable(ctx.user)}`);
  let served: ReturnType<typeof serveSftp>;
  try {
    served = serveSftp(channel as Duplex, ctx, logger);
  } catch (err) {
    logger.error(`ssh ${host.connId}: sftp session could not start: ${err instanceof Error ? err.message : String(err)}`);
    channel.close();
    return;
  }
  host.running.add(served);
  served.done
    .catch((err: unknown) => logger.warn(`ssh ${host.connId}: sftp session ended with an error: ${err instanceof Error ? err.message : String(err)}`))
    .finally(() => {
      host.running.delete(served);
      logger.debug(`ssh ${host.connId}: sftp session ${ctx.id} ended`);
      channel.close();
    });
}

function startExec(channel: ServerChannel, command: string, host: SessionHost): void {
  const { logger } = host;
  channel.on('error', (err: Error) => logger.debug(`ssh ${host.connId}: exec channel error: ${err.message}`));
  channel.stderr.on('error', (err: Error) => logger.debug(`ssh ${host.connId}: exec stderr error: ${err.message}`));
  // Input is never read by our commands; draining it lets the channel end and close normally.
  channel.resume();
  let closed = false;
  const whenClosed = new Promise<void>((resolve) => channel.once('close', () => {
    closed = true;
    resolve();
  }));
  const pending: Promise<void>[] = [];
  // ssh2 calls a write's callback once the peer's window took the data; never if the channel
  // closed first, hence the race with `whenClosed` below.
  const write = (stream: NodeJS.WritableStream, text: string): void => {
    if (closed) return;
    pending.push(new Promise<void>((resolve) => stream.write(text, () => resolve())));
  };
  const ctx = sessionContext(host);
  logger.debug(`ssh ${host.connId}: exec ${printable(command, 200)} by ${printable(ctx.user)}`);
  void runExecCommand(command, ctx, {
    stdout: (text) => write(channel, text),
    stderr: (text) => write(channel.stderr, text),
  }).then(async (status) => {
    await Promise.race([Promise.all(pending), whenClosed]);
    if (closed) return;
    logger.debug(`ssh ${host.connId}: exec finished with status ${status}`);
    channel.exit(status);
    channel.end();
  }).catch((err: unknown) => {
    logger.error(`ssh ${host.connId}: exec failed: ${err instanceof Error ? err.message : String(err)}`);
    channel.close();
  });
}
