// Shared bits of the FTP and VFS suites' output: where their JSON goes (next to the SFTP suite's
// file, with the suite's name added) and the machine line.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MachineInfo } from './ftp-results.js';

/** `bench-results/latest.json` -> `bench-results/latest-ftp.json`. */
export function suiteOutFile(outFile: string, suite: string): string {
  const ext = path.extname(outFile);
  return `${outFile.slice(0, outFile.length - ext.length)}-${suite}${ext || '.json'}`;
}

export function machineInfo(loadBefore: readonly number[]): MachineInfo {
  return {
    cores: os.cpus().length,
    loadBefore,
    loadAfter: os.loadavg(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
