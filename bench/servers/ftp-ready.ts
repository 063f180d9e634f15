// Readiness of an FTP server the bench started: something on 127.0.0.1:port sends a 220 greeting.
import net from 'node:net';
import type { ManagedProcess } from './managed-process.js';

export async function waitForFtpGreeting(port: number, proc: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = proc.exitStatus();
    if (status !== undefined) throw new Error(`server ${status} before listening`);
    if (await readsGreeting(port)) return;
    if (Date.now() > deadline) throw new Error(`no FTP greeting on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readsGreeting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let got = '';
    const finish = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(2000, () => finish(false));
    sock.on('error', () => finish(false));
    sock.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      // A multi-line greeting ends with "220 " on its last line.
      if (/(^|\n)220 /.test(got)) finish(true);
      else if (/(^|\n)[45]\d\d /.test(got)) finish(false);
    });
    sock.on('end', () => finish(false));
  });
}
