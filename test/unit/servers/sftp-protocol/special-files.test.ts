// A FIFO in the share, opened over SFTP by a real ssh2 client: refused at once with a permission
// error, and the session (and the server) keeps answering. It used to freeze the whole server:
// the inline open waited for the FIFO's other end on the event loop (this test's loop too, as the
// server runs in-process: a helper opens the FIFO after 2 s, so a regression fails on the time
// instead of hanging the run).
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenMode, SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSftp, startSftpHarness } from '../../../helpers/sftp-harness.js';
import type { SftpHarness, SftpTestClient } from '../../../helpers/sftp-harness.js';

let h: SftpHarness;
let client: SftpTestClient;
let unblocker: ChildProcess | undefined;

beforeAll(async () => {
  h = await startSftpHarness();
  execFileSync('mkfifo', [path.join(h.root, 'pipe')]);
  await writeFile(path.join(h.root, 'plain.txt'), 'still served\n');
  client = await connectSftp(h.port);
  const fifo = JSON.stringify(path.join(h.root, 'pipe'));
  unblocker = spawn('/usr/bin/python3', ['-c', `import os,time; time.sleep(2); fd=os.open(${fifo}, os.O_RDWR); time.sleep(5)`], { stdio: 'ignore' });
});

afterAll(async () => {
  unblocker?.kill('SIGKILL');
  client?.client.end();
  await h?.close();
});

function openError(sftp: SFTPWrapper, name: string, mode: OpenMode): Promise<{ code?: unknown; message: string } | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ message: 'no answer within 3 s' }), 3000);
    sftp.open(name, mode, (err, handle) => {
      clearTimeout(timer);
      if (err) return resolve(err as { code?: unknown; message: string });
      sftp.close(handle, () => resolve(undefined));
    });
  });
}

it('refuses to open a FIFO for reading or writing, at once, and goes on serving', async () => {
  for (const mode of ['r', 'w', 'a', 'r+'] as const) {
    const started = performance.now();
    const err = await openError(client.sftp, '/pipe', mode);
    expect(err, mode).toMatchObject({ code: 3, message: 'Not a regular file' });
    expect(performance.now() - started, mode).toBeLessThan(1000);
  }
  const text = await new Promise<string>((resolve, reject) =>
    client.sftp.readFile('/plain.txt', 'utf8', (err, data) => (err ? reject(err) : resolve(data as unknown as string))),
  );
  expect(text).toBe('still served\n');
});
