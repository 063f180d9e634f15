// Data connection setup: PASV, EPSV (RFC 2428), PORT, EPRT, and ABOR when no transfer is running
// (during a transfer the session handles ABOR out of order). Passive ports are random within the
// range; PORT/EPRT may only name the client's own address and an unprivileged port.
import { checkActiveTarget, parseEprt, parsePort } from '../data/active-target.js';
import { ipFamily, isLoopback } from '../data/ip.js';
import type { FtpSession } from '../ftp-session.js';
import type { FtpCommand } from './command.js';

/** The IPv4 address a PASV reply advertises: the public IP for remote clients, else where they reached us. */
function pasvAddress(session: FtpSession): string | undefined {
  const publicIp = session.server.config.publicIp;
  if (publicIp && !isLoopback(session.clientIp)) return publicIp;
  return ipFamily(session.localIp) === 4 ? session.localIp : undefined;
}

function refuseAfterEpsvAll(session: FtpSession, verb: string): boolean {
  if (!session.epsvAll) return false;
  session.reply(503, `${verb} not allowed after EPSV ALL.`);
  return true;
}

export const DATA_COMMANDS: readonly FtpCommand[] = [
  {
    verbs: ['PASV'],
    syntax: 'PASV',
    async handler(session, _arg, verb) {
      if (refuseAfterEpsvAll(session, verb)) return;
      const address = pasvAddress(session);
      if (!address) return session.reply(425, 'PASV needs IPv4: use EPSV.');
      const port = await session.data.listen();
      const hostPart = address.replace(/\./g, ',');
      session.reply(227, `Entering Passive Mode (${hostPart},${port >> 8},${port & 255}).`);
    },
  },
  {
    verbs: ['EPSV'],
    syntax: 'EPSV [1|2|ALL]',
    async handler(session, arg) {
      const param = arg.trim().toUpperCase();
      if (param === 'ALL') {
        session.epsvAll = true;
        return session.reply(200, 'EPSV ALL ok.');
      }
      const family = ipFamily(session.localIp);
      if (param !== '' && param !== String(family === 6 ? 2 : 1)) {
        return session.reply(522, `Network protocol not supported, use (${family === 6 ? 2 : 1})`);
      }
      const port = await session.data.listen();
      session.reply(229, `Entering Extended Passive Mode (|||${port}|)`);
    },
  },
  {
    verbs: ['PORT', 'EPRT'],
    syntax: 'PORT h1,h2,h3,h4,p1,p2 | EPRT |proto|address|port|',
    handler(session, arg, verb) {
      if (refuseAfterEpsvAll(session, verb)) return;
      const parsed = verb === 'PORT' ? parsePort(arg) : parseEprt(arg);
      const checked = checkActiveTarget(parsed, session.clientIp, verb);
      if (!checked.ok) {
        session.logger.info(`ftp: refused ${verb} ${arg.slice(0, 64)} from ${session.clientIp}`);
        return session.reply(checked.code, checked.message);
      }
      session.data.connectTo(checked.target);
      session.reply(200, `${verb} command successful. Consider using PASV.`);
    },
  },
  {
    verbs: ['ABOR'],
    syntax: 'ABOR',
    handler(session) {
      session.data.reset();
      session.reply(225, 'No transfer to ABOR.');
    },
  },
];
