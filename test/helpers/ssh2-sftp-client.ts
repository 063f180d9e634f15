// ssh2's own SFTP client, for requests OpenSSH's `sftp` never sends as such (a plain SFTPv3 RENAME
// onto an existing file) and for reading raw replies (statvfs flags).
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { SFTPWrapper } from 'ssh2';

export interface Ssh2Login {
  readonly port: number;
  readonly user: string;
  readonly keyFile?: string;
  readonly password?: string;
}

/** Connects, opens the sftp subsystem, runs `use`, and always disconnects. */
export async function withSsh2Sftp<T>(login: Ssh2Login, use: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
  const client = new ssh2.Client();
  const privateKey = login.keyFile === undefined ? undefined : await readFile(login.keyFile);
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.connect({
      host: '127.0.0.1',
      port: login.port,
      username: login.user,
      privateKey,
      password: login.password,
      readyTimeout: 10_000,
    });
  });
  try {
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
    return await use(sftp);
  } finally {
    client.end();
  }
}
