// Readiness of an FTP server the bench started: something on 127.0.0.1:port sends a 220 greeting.
import type { ManagedProcess } from './managed-process.js';
import { waitForGreeting } from './managed-process.js';

export function waitForFtpGreeting(port: number, proc: ManagedProcess, timeoutMs: number): Promise<void> {
  return waitForGreeting(port, proc, timeoutMs, 'FTP greeting', (got) => {
    // A multi-line greeting ends with "220 " on its last line; a 4xx/5xx reply means not ready.
    if (/(^|\n)220 /.test(got)) return true;
    if (/(^|\n)[45]\d\d /.test(got)) return false;
    return undefined;
  });
}
