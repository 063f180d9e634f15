// Commands about the session rather than files: SYST, NOOP, FEAT, OPTS, HELP, STAT (without a
// path), TYPE, MODE, STRU, ALLO. Transfers are always binary, as with vsftpd's defaults: TYPE A is
// accepted for compatibility and changes nothing.
import type { FtpSession } from '../ftp-session.js';
import { mlstFeature, selectFacts } from '../listing/mlsx-format.js';
import type { MlstFact } from '../listing/mlsx-format.js';
import type { FtpCommand } from './command.js';

/**
 * The FEAT list for a server's TLS setting and a session's selected MLST facts. Exported for the
 * bench's floor responder, which must make lftp send what it sends to Wharf (MFMT above all).
 */
export function ftpFeatures(tls: { readonly implicit: boolean } | undefined, facts: ReadonlySet<MlstFact>): string[] {
  const out: string[] = [];
  if (tls && !tls.implicit) out.push('AUTH TLS');
  if (tls) out.push('PBSZ', 'PROT');
  out.push('EPRT', 'EPSV', 'MDTM', 'MFMT', 'MLSD', mlstFeature(facts), 'REST STREAM', 'SIZE', 'TVFS', 'UTF8');
  return out;
}

function statusLines(session: FtpSession): string[] {
  const fs = session.fs;
  return [
    `Connected to ${session.clientIp}`,
    fs ? `Logged in as ${fs.session.user}${fs.writable ? '' : ' (read-only)'}` : 'Not logged in',
    'TYPE: BINARY',
    `Session timeout in seconds is ${Math.round(session.server.limits.idleMs / 1000)}`,
    `Control connection is ${session.secure ? 'protected by TLS' : 'plain text'}`,
    `Data connections will be ${session.protectData ? 'protected by TLS' : 'plain text'}`,
  ];
}

export const INFO_COMMANDS: readonly FtpCommand[] = [
  { verbs: ['SYST'], syntax: 'SYST', beforeLogin: true, handler: (s) => s.reply(215, 'UNIX Type: L8') },
  { verbs: ['NOOP'], syntax: 'NOOP', beforeLogin: true, handler: (s) => s.reply(200, 'NOOP ok.') },
  {
    verbs: ['FEAT'],
    syntax: 'FEAT',
    beforeLogin: true,
    handler: (s) => s.replyLines(211, 'Features:', ftpFeatures(s.server.config.tls, s.mlstFacts), 'End'),
  },
  {
    verbs: ['OPTS'],
    syntax: 'OPTS UTF8 ON | OPTS MLST <facts>',
    beforeLogin: true,
    handler(session, arg) {
      const [name = '', ...rest] = arg.trim().split(/\s+/);
      const value = rest.join(' ');
      switch (name.toUpperCase()) {
        case 'UTF8':
        case 'UTF-8':
          if (value.toUpperCase() === 'OFF') return session.reply(504, 'UTF8 cannot be turned off.');
          return session.reply(200, 'Always in UTF8 mode.');
        case 'MLST': {
          session.mlstFacts = selectFacts(value);
          return session.reply(200, `MLST OPTS ${[...session.mlstFacts].map((f) => `${f};`).join('')}`);
        }
        default:
          return session.reply(501, 'Option not understood.');
      }
    },
  },
  {
    verbs: ['HELP'],
    syntax: 'HELP [<command>]',
    beforeLogin: true,
    handler(session, arg) {
      const commands = session.server.commands;
      const verb = arg.trim().toUpperCase();
      if (verb) {
        const command = commands.get(verb);
        if (!command) return session.reply(502, 'Unknown command.');
        return session.reply(214, `Syntax: ${command.syntax}`);
      }
      const verbs = [...commands.keys()].sort();
      const rows: string[] = [];
      for (let i = 0; i < verbs.length; i += 8) rows.push(verbs.slice(i, i + 8).join(' '));
      session.replyLines(214, 'The following commands are recognized.', rows, 'Help OK.');
    },
  },
  {
    verbs: ['TYPE'],
    syntax: 'TYPE A|I|L 8',
    handler(session, arg) {
      const type = arg.trim().toUpperCase().replace(/\s+/g, ' ');
      if (type === 'I' || type === 'L 8' || type === 'L8') return session.reply(200, 'Switching to Binary mode.');
      if (type === 'A' || type === 'A N') return session.reply(200, 'Switching to ASCII mode.');
      session.reply(504, 'Unsupported TYPE.');
    },
  },
  {
    verbs: ['MODE'],
    syntax: 'MODE S',
    handler: (s, arg) => (arg.trim().toUpperCase() === 'S' ? s.reply(200, 'Mode set to S.') : s.reply(504, 'Only MODE S is supported.')),
  },
  {
    verbs: ['STRU'],
    syntax: 'STRU F',
    handler: (s, arg) => (arg.trim().toUpperCase() === 'F' ? s.reply(200, 'Structure set to F.') : s.reply(504, 'Only STRU F is supported.')),
  },
  { verbs: ['ALLO'], syntax: 'ALLO <size>', handler: (s) => s.reply(202, 'ALLO command ignored.') },
];

export function statusReply(session: FtpSession): void {
  session.replyLines(211, 'FTP server status:', statusLines(session), 'End of status');
}
