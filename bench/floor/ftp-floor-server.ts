// A no-op FTP responder on Node's net module, used only to measure how fast any Node server could
// answer lftp's small-file workloads (floor-run.ts). It answers the commands lftp sends with the
// replies a real server gives, opens a real passive listener per PASV and moves real bytes over the
// data connection, but touches no disk: uploads are dropped, every RETR sends SMALL_BYTES, and MLSD
// lists the names it was given for the folder's last path segment. Its FEAT is Wharf's, so lftp
// sends MFMT after each upload as it does to Wharf. Any real server does strictly more. With
// `storeDir` it also does the least file work an upload needs (MKD makes a folder; STOR creates,
// writes and closes a file; MFMT sets its time), with none of a real server's checks: each folder
// path is flattened into one folder name under storeDir.
// Bench only: it takes any password and must never serve anything real.
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, openSync, utimesSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ftpFeatures } from '../../src-main/servers/ftp/commands/info-commands.js';
import { MLST_FACTS } from '../../src-main/servers/ftp/listing/mlsx-format.js';
import type { PortRange } from '../passive-ports.js';
import { type FloorFolders, type FloorServer, SMALL_BYTES, lastSegment, listenOnLoopback } from './floor-common.js';
/** Wharf's own FEAT reply for a plain-FTP session with the default MLST facts. */
const FEAT = ['211-Features:', ...ftpFeatures(undefined, new Set(MLST_FACTS)).map((f) => ` ${f}`), '211 End'];

export interface FtpFloorOptions {
  readonly folders: FloorFolders;
  readonly passive: PortRange;
  /** Where uploads are written (flattened); undefined drops them. */
  readonly storeDir?: string;
}

const flat = (p: string): string => p.replace(/[/\\]/g, '_');
const absolute = (cwd: string, p: string): string => (p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`);

const mlsdLines = (names: readonly string[]): string =>
  names.map((n) => `type=file;size=${SMALL_BYTES};modify=20240101000000;unix.mode=0644; ${n}\r\n`).join('');

function session(control: net.Socket, options: FtpFloorOptions, content: Buffer): void {
  control.setNoDelay(true);
  control.on('error', () => undefined);
  let cwd = '/';
  let text = '';
  let data: net.Socket | undefined;
  let waiting: ((socket: net.Socket) => void) | undefined;
  const reply = (line: string): void => void control.write(`${line}\r\n`);
  const stored = (name: string): string => path.join(options.storeDir ?? '', flat(cwd), flat(name));
  const withData = (use: (socket: net.Socket) => void): void => {
    if (data === undefined) waiting = use;
    else {
      const socket = data;
      data = undefined;
      use(socket);
    }
  };
  const passive = (): void => {
    const port = options.passive.min + Math.floor(Math.random() * (options.passive.max - options.passive.min + 1));
    const listener = net.createServer((socket) => {
      // As Wharf does (data-channel.ts): closing the listening socket waits until this loop turn's
      // replies are out.
      setImmediate(() => listener.close());
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      const use = waiting;
      waiting = undefined;
      if (use) use(socket);
      else data = socket;
    });
    listener.once('error', () => passive());
    listener.listen(port, '127.0.0.1', () => reply(`227 Entering Passive Mode (127,0,0,1,${port >> 8},${port & 255}).`));
  };
  const command = (line: string): void => {
    const space = line.indexOf(' ');
    const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const arg = space < 0 ? '' : line.slice(space + 1);
    switch (verb) {
      case 'FEAT': return void control.write(`${FEAT.join('\r\n')}\r\n`);
      case 'USER': return reply('331 Please specify the password.');
      case 'PASS': return reply('230 Login successful.');
      case 'PWD': return reply(`257 "${cwd}" is the current directory`);
      case 'MKD':
        if (options.storeDir !== undefined) mkdirSync(path.join(options.storeDir, flat(absolute(cwd, arg))));
        return reply(`257 "${arg}" created`);
      case 'CWD':
        cwd = arg;
        return reply('250 Directory successfully changed.');
      case 'MFMT': {
        if (options.storeDir !== undefined) {
          const time = new Date();
          utimesSync(stored(arg.slice(arg.indexOf(' ') + 1)), time, time);
        }
        return reply(`213 Modify=${arg}`);
      }
      case 'SIZE': return reply(`213 ${SMALL_BYTES}`);
      case 'PASV': return passive();
      case 'QUIT':
        reply('221 Goodbye.');
        return void control.end();
      case 'STOR':
        return withData((socket) => {
          const fd = options.storeDir === undefined ? undefined : openSync(stored(arg), 'w');
          reply('150 Ok to send data.');
          socket.on('data', (chunk: Buffer) => fd !== undefined && writeSync(fd, chunk));
          socket.on('end', () => {
            if (fd !== undefined) closeSync(fd);
            // As Wharf does (transfer-commands.ts): the client waits only for the 226.
            reply('226 Transfer complete.');
            socket.destroy();
          });
        });
      case 'RETR':
      case 'MLSD':
      case 'LIST':
      case 'NLST': {
        const body = verb === 'RETR' ? content : verb === 'MLSD' ? mlsdLines(options.folders.get(lastSegment(arg || cwd)) ?? []) : '';
        return withData((socket) => {
          reply('150 Here comes the data.');
          socket.end(body, () => {
            socket.destroy();
            reply('226 Transfer complete.');
          });
        });
      }
      default:
        return reply('200 OK.');
    }
  };
  control.write('220 Ready\r\n');
  control.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    for (let end = text.indexOf('\r\n'); end >= 0; end = text.indexOf('\r\n')) {
      const line = text.slice(0, end);
      text = text.slice(end + 2);
      command(line);
    }
  });
  control.on('close', () => data?.destroy());
}

/** Starts the responder on 127.0.0.1 (port 0 picks one). */
export function startFtpFloor(options: FtpFloorOptions, port = 0): Promise<FloorServer> {
  const content = randomFillSync(Buffer.alloc(SMALL_BYTES));
  const server = net.createServer((socket) => session(socket, options, content));
  return listenOnLoopback(server, port);
}
