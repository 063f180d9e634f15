// The floor responders as a process of their own, so the driver's event loop never shares their
// CPU: `node floor-server.js sftp FOLDER...` or `node floor-server.js ftp --passive=MIN-MAX
// [--store=DIR] FOLDER...` serves the names found in each FOLDER under that folder's last path
// segment and prints `floor listening on 127.0.0.1:PORT`. `--store=DIR` writes uploads into DIR.
import { readdirSync } from 'node:fs';
import { lastSegment } from './floor-common.js';
import { startFtpFloor } from './ftp-floor-server.js';
import { startSftpFloor } from './sftp-floor-server.js';

const USAGE = 'usage: floor-server.js sftp FOLDER... | ftp --passive=MIN-MAX [--store=DIR] FOLDER...';

function option(args: readonly string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(argv: readonly string[]): Promise<void> {
  const [protocol, ...rest] = argv;
  const m = /^(\d+)-(\d+)$/.exec(option(rest, 'passive') ?? '');
  const passive = { min: Number(m?.[1]), max: Number(m?.[2]) };
  const passiveOk = passive.min > 0 && passive.max >= passive.min;
  if (protocol !== 'sftp' && !(protocol === 'ftp' && passiveOk)) throw new Error(USAGE);
  const dirs = rest.filter((a) => !a.startsWith('--'));
  const folders = new Map(dirs.map((d) => [lastSegment(d), readdirSync(d)] as const));
  const server =
    protocol === 'sftp' ? await startSftpFloor(folders) : await startFtpFloor({ folders, passive, storeDir: option(rest, 'store') });
  process.stdout.write(`floor listening on 127.0.0.1:${server.port}\n`);
  process.once('SIGTERM', () => process.exit(0));
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
});
