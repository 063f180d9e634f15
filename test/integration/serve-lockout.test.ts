// The failed-login lockout of both built serve commands, with the numbers from the flags: after
// --max-login-failures wrong passwords the address is refused even with the right one, until
// --login-ban-time has passed.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupCli, tempDir } from '../helpers/cli-server.js';
import { python } from '../helpers/ftp-clients.js';
import { runSftp } from '../helpers/openssh-client.js';
import { killServes, LOGIN, PASS, startServe, USER, waitFor } from './serve-kit.js';

afterAll(async () => {
  killServes();
  await cleanupCli();
});

const LIMITS = ['--max-login-failures', '2', '--login-ban-time', '3s'];

describe.concurrent('--max-login-failures and --login-ban-time', () => {
  it('serve sftp bans the address, then lets it in again after the ban', async () => {
    const srv = await startServe('sftp', await tempDir('lockout-sftp'), [...LOGIN, ...LIMITS]);
    try {
      // sshpass gives up at the second password prompt: one failure per connection.
      for (let i = 0; i < 2; i++) expect((await runSftp(srv.port, { user: USER, password: 'wrong' }, ['ls'])).code).not.toBe(0);
      const bannedAt = Date.now();
      const right = await runSftp(srv.port, { user: USER, password: PASS }, ['ls']);
      expect(right.code, 'refused while banned, even with the right password').not.toBe(0);
      const ok = async () => (await runSftp(srv.port, { user: USER, password: PASS }, ['ls'])).code === 0;
      expect(await waitFor(ok, 8_000)).toBe(true);
      expect(Date.now() - bannedAt).toBeGreaterThanOrEqual(2_500);
    } finally {
      await srv.stop();
    }
  });

  it('serve ftp bans the address after two wrong passwords', async () => {
    const srv = await startServe('ftp', await tempDir('lockout-ftp'), ['--user', USER, '--pass', PASS, '--passive-port', '0', ...LIMITS]);
    try {
      const result = await python<string[]>({ host: '127.0.0.1', port: srv.port, user: USER, pass: PASS }, `
res = []
for pw in ['wrong-1', 'wrong-2']:
    f = connect(login=False)
    res.append(err(f.login, USER, pw))
    f.close()
try:
    f = connect(login=False)
    res.append(err(f.login, USER, PASS))
except Exception as e:
    res.append('refused: ' + str(e))
out(res)
`);
      expect(result[0]).toMatch(/^530/);
      expect(result[1]).toMatch(/^530/);
      expect(result[2]).not.toMatch(/^OK/);
    } finally {
      await srv.stop();
    }
  });
});
