// The floor responders (bench/floor) answer the bench's real clients the way the floor run needs:
// OpenSSH's sftp uploads, downloads and lists through the SFTP one, lftp mirrors both ways through
// the FTP one, and nothing they are sent reaches the disk unless the FTP one is told to store it.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FloorServer, lastSegment } from '../../../bench/floor/floor-common.js';
import { startFtpFloor } from '../../../bench/floor/ftp-floor-server.js';
import { startSftpFloor } from '../../../bench/floor/sftp-floor-server.js';
import { lftpArg, runLftp } from '../../../bench/ftp-client.js';
import { passiveBase } from '../../../bench/passive-ports.js';
import { batchArg, runSftp } from '../../../bench/sftp-client.js';

const SMALL = ['s1', 's2', 's3'];
const LISTED = Array.from({ length: 250 }, (_, i) => `entry-${i}`);
const folders = new Map([
  ['small', SMALL],
  ['list', LISTED],
]);

let dir: string;
let servers: FloorServer[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-floor-'));
  await fs.mkdir(path.join(dir, 'up'));
  for (const n of SMALL) await fs.writeFile(path.join(dir, 'up', n), 'x'.repeat(100));
});

afterAll(async () => {
  for (const s of servers) s.close();
  servers = [];
  await fs.rm(dir, { recursive: true, force: true });
});

const sizes = async (folder: string): Promise<number[]> =>
  Promise.all((await fs.readdir(folder)).sort().map(async (n) => (await fs.stat(path.join(folder, n))).size));

describe('bench floor responders', () => {
  it('names a folder by its last path segment', () => {
    expect(lastSegment('/a/b/small/')).toBe('small');
    expect(lastSegment('small')).toBe('small');
    expect(lastSegment('/')).toBe('');
  });

  it('serves OpenSSH sftp: put -r, get -r of the small files, ls -l of the listed folder', async () => {
    const server = await startSftpFloor(folders);
    servers.push(server);
    const keyFile = path.join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
    const target = { port: server.port, user: 'bench', keyFile };
    const out = path.join(dir, 'got');
    const r = await runSftp(
      target,
      [`put -r ${batchArg(path.join(dir, 'up'))} /dest`, `get -r /data/small ${batchArg(out)}`, 'ls -l /data/list'],
      { extraArgs: [], timeoutS: 60, captureStdout: true },
    );
    expect(r.problem).toBe('');
    expect(r.ok).toBe(true);
    expect(await sizes(out)).toEqual([4096, 4096, 4096]);
    expect(r.stdout.split('\n').filter((l) => /entry-\d+$/.test(l))).toHaveLength(LISTED.length);
    // Nothing was stored: the upload went nowhere on disk.
    expect((await fs.readdir(dir)).sort()).toEqual(['got', 'id_ed25519', 'id_ed25519.pub', 'up']);
  });

  it('serves lftp: mirror -R with MFMT, and mirror of the small files', async () => {
    const base = passiveBase(32768, 50, 1);
    const server = await startFtpFloor({ folders, passive: { min: base, max: base + 49 } });
    servers.push(server);
    const out = path.join(dir, 'mirrored');
    const r = await runLftp(
      { port: server.port, user: 'bench', pass: 'x' },
      ['debug -o ' + lftpArg(path.join(dir, 'lftp.log')) + ' 5', `mirror -R --no-perms ${lftpArg(path.join(dir, 'up'))} /dest`, `mirror --no-perms /data/small ${lftpArg(out)}`],
      { home: path.join(dir, 'lftp-home'), timeoutS: 60 },
    );
    expect(r.problem).toBe('');
    expect(r.ok).toBe(true);
    expect(await sizes(out)).toEqual([4096, 4096, 4096]);
    // lftp set each upload's time because FEAT lists MFMT, as it does with Wharf.
    const log = await fs.readFile(path.join(dir, 'lftp.log'), 'utf8');
    expect(log.match(/---> MFMT \d{14} s\d/g)).toHaveLength(SMALL.length);
  });

  it('with a store folder, does the file work of each upload: folder, file, bytes, time', async () => {
    const storeDir = path.join(dir, 'store');
    await fs.mkdir(storeDir);
    const base = passiveBase(32768, 50, 1);
    const server = await startFtpFloor({ folders, passive: { min: base, max: base + 49 }, storeDir });
    servers.push(server);
    const r = await runLftp(
      { port: server.port, user: 'bench', pass: 'x' },
      [`mirror -R --no-perms ${lftpArg(path.join(dir, 'up'))} /dest`],
      { home: path.join(dir, 'lftp-home'), timeoutS: 60 },
    );
    expect(r.ok).toBe(true);
    expect(await fs.readdir(storeDir)).toEqual(['_dest']);
    expect(await sizes(path.join(storeDir, '_dest'))).toEqual([100, 100, 100]);
    const mtime = (await fs.stat(path.join(storeDir, '_dest', 's1'))).mtimeMs;
    expect(Math.abs(mtime - Date.now())).toBeLessThan(60_000);
  });
});
