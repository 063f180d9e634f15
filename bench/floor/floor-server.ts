// The floor responders as a process of their own, so the driver's event loop never shares their
// CPU: `node floor-server.js sftp|ftp PASSIVE_MIN PASSIVE_MAX [--store=DIR] FOLDER...` serves the
// names found in each FOLDER under that folder's last path segment and prints `floor listening on
// 127.0.0.1:PORT`. `--store=DIR` (FTP) writes uploads into DIR.
import { readdirSync } from 'node:fs';
import { startFtpFloor } from './ftp-floor-server.js';
import { lastSegment, startSftpFloor } from './sftp-floor-server.js';

async function main(argv: readonly string[]): Promise<void> {
  const [protocol, min, max, ...rest] = argv;
  const storeDir = rest.find((a) => a.startsWith('--store='))?.slice('--store='.length);
  const dirs = rest.filter((a) => !a.startsWith('--store='));
  const folders = new Map(dirs.map((d) => [lastSegment(d), readdirSync(d)] as const));
  const passive = { min: Number(min), max: Number(max) };
  if ((protocol !== 'sftp' && protocol !== 'ftp') || !(passive.min > 0 && passive.max >= passive.min)) {
    throw new Error('usage: floor-server.js sftp|ftp PASSIVE_MIN PASSIVE_MAX [--store=DIR] FOLDER...');
  }
  const server = protocol === 'sftp' ? await startSftpFloor(folders) : await startFtpFloor({ folders, passive, storeDir });
  process.stdout.write(`floor listening on 127.0.0.1:${server.port}\n`);
  process.once('SIGTERM', () => process.exit(0));
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
});
