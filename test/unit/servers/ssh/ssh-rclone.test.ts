// rclone's sftp backend as the client: it must detect a unix shell, adopt md5sum/sha1sum, and get
// checksums that match the files, all through Wharf's exec commands (no shell anywhere).
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticAuthenticator } from '../../../../src-main/servers/auth/index.js';
import { startTestServer } from './ssh-test-kit.js';
import type { TestServer } from './ssh-test-kit.js';

const run = promisify(execFile);

function hasRclone(): boolean {
  try {
    execFileSync('rclone', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasRclone())('rclone sftp backend against Wharf', () => {
  let srv: TestServer;
  let remote: string;
  const content = Buffer.from('checksum me\n'.repeat(5000));

  beforeAll(async () => {
    srv = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
    });
    await writeFile(path.join(srv.root, "odd name's $file.txt"), content);
    const { stdout } = await run('rclone', ['obscure', 'pw']);
    remote = `:sftp,host=127.0.0.1,port=${srv.port},user=alice,pass=${stdout.trim()}:`;
  });

  afterAll(async () => {
    await srv?.close();
  });

  const rclone = async (...args: string[]) => run('rclone', ['--config', '/dev/null', ...args], { timeout: 30_000 });

  it('detects a unix shell and uses md5sum and sha1sum over exec', async () => {
    const { stderr } = await rclone('-vv', 'lsf', remote);
    expect(stderr).toMatch(/Shell type "unix" detected/);
    expect(stderr).toMatch(/Setting hash command for md5 to "md5sum"/);
    expect(stderr).toMatch(/Setting hash command for sha1 to "sha1sum"/);
  });

  it('gets checksums equal to the files\' real ones', async () => {
    const md5 = createHash('md5').update(content).digest('hex');
    const sha1 = createHash('sha1').update(content).digest('hex');
    expect((await rclone('md5sum', remote)).stdout).toBe(`${md5}  odd name's $file.txt\n`);
    expect((await rclone('sha1sum', remote)).stdout).toBe(`${sha1}  odd name's $file.txt\n`);
    expect(srv.logger.lines.join('\n')).toMatch(/exec "md5sum \/odd\\\\ name\\\\'s\\\\ \\\\\$file\.txt"/);
  });
});
