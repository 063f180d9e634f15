// AUTH TLS, PBSZ and PROT (RFC 4217): explicit FTPS on the normal port. rclone serve ftp offers only
// implicit TLS, a known complaint; Wharf offers both.
import type { FtpCommand } from './command.js';

const MECHANISMS = new Set(['TLS', 'TLS-C', 'SSL']);

export const TLS_COMMANDS: readonly FtpCommand[] = [
  {
    verbs: ['AUTH'],
    syntax: 'AUTH TLS',
    beforeLogin: true,
    async handler(session, arg) {
      const context = session.server.tlsContext;
      if (!context) return session.reply(502, 'TLS is not available: no certificate configured.');
      if (session.secure) return session.reply(503, 'Already using TLS.');
      if (session.loggedIn) return session.reply(503, 'AUTH must come before login.');
      if (!MECHANISMS.has(arg.trim().toUpperCase())) return session.reply(504, 'Unsupported mechanism: use AUTH TLS.');
      session.pendingUser = undefined;
      await session.upgradeToTls(context);
    },
  },
  {
    verbs: ['PBSZ'],
    syntax: 'PBSZ 0',
    beforeLogin: true,
    handler(session, arg) {
      if (!session.secure) return session.reply(503, 'PBSZ needs a TLS connection: use AUTH TLS first.');
      if (!/^\d+$/.test(arg.trim())) return session.reply(501, 'PBSZ needs a number.');
      session.reply(200, 'PBSZ=0');
    },
  },
  {
    verbs: ['PROT'],
    syntax: 'PROT P|C',
    beforeLogin: true,
    handler(session, arg) {
      if (!session.secure) return session.reply(503, 'PROT needs a TLS connection: use AUTH TLS first.');
      switch (arg.trim().toUpperCase()) {
        case 'P':
          session.protectData = true;
          return session.reply(200, 'PROT now Private.');
        case 'C':
          if (session.server.config.tls?.require) return session.reply(534, 'Data connections must be protected: use PROT P.');
          session.protectData = false;
          return session.reply(200, 'PROT now Clear.');
        case 'S':
        case 'E':
          return session.reply(536, 'Only PROT P and PROT C are supported.');
        default:
          return session.reply(504, 'Unknown protection level.');
      }
    },
  },
];
