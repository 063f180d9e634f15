// USER, PASS, QUIT. With TLS required, credentials are refused until the connection is protected.
// A failed PASS forgets the user name (as vsftpd) and three failures end the connection; the
// authenticator itself slows failures down.
import { SessionRefused } from '../ftp-login.js';
import type { FtpSession } from '../ftp-session.js';
import type { VfsFileSystem } from '../vfs-file-system.js';
import type { FtpCommand } from './command.js';

const MAX_FAILED_LOGINS = 3;

function tlsMissing(session: FtpSession): boolean {
  return session.server.config.tls?.require === true && !session.secure;
}

export const LOGIN_COMMANDS: readonly FtpCommand[] = [
  {
    verbs: ['USER'],
    syntax: 'USER <name>',
    beforeLogin: true,
    handler(session, arg) {
      if (session.loggedIn) return session.reply(530, "Can't change to another user.");
      if (tlsMissing(session)) return session.reply(530, 'TLS is required: use AUTH TLS first.');
      if (arg.trim() === '') return session.reply(501, 'USER needs a user name.');
      session.pendingUser = arg.trim();
      session.reply(331, 'Please specify the password.');
    },
  },
  {
    verbs: ['PASS'],
    syntax: 'PASS <password>',
    beforeLogin: true,
    async handler(session, arg) {
      if (session.loggedIn) return session.reply(230, 'Already logged in.');
      if (tlsMissing(session)) return session.reply(530, 'TLS is required: use AUTH TLS first.');
      const user = session.pendingUser;
      if (user === undefined) return session.reply(503, 'Login with USER first.');
      try {
        // ftp-srv's login emits its `login` event; the server answers it with our VfsFileSystem.
        await session.connection.login(user, arg);
      } catch (err) {
        session.pendingUser = undefined;
        // Right credentials, but no room for another session: say so, and do not count a failure.
        if (err instanceof SessionRefused) return session.closeWith(421, 'Too many sessions, try again later.');
        session.failedLogins++;
        session.logger.info(`ftp: failed login as "${user}" from ${session.clientIp}`);
        if (session.failedLogins >= MAX_FAILED_LOGINS) return session.closeWith(421, 'Too many failed logins.');
        return session.reply(530, 'Login incorrect.');
      }
      session.fs = session.connection.fs as VfsFileSystem;
      session.logger.info(`ftp: ${session.fs.session.user} logged in from ${session.clientIp}`);
      session.reply(230, 'Login successful.');
    },
  },
  {
    verbs: ['QUIT'],
    syntax: 'QUIT',
    beforeLogin: true,
    handler(session) {
      session.closeWith(221, 'Goodbye.');
    },
  },
];
