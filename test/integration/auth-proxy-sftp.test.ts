// Auth proxy answers of type sftp: each login's Vfs is an SFTP remote (here another real Wharf SFTP
// server standing in for it). The remote's password is given plainly with `_obscure: "pass"`, or
// already obscured by the real `rclone obscure`: both must work, as with rclone's own proxy.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyAuthenticator, createStaticAuthenticator } from '../../src-main/servers/auth/index.js';
import type { ProxyAuthenticator } from '../../src-main/servers/auth/index.js';
import { cleanupCli, tempDir } from '../helpers/cli-server.js';
import { runSftp } from '../helpers/openssh-client.js';
import { writeScript } from '../unit/servers/auth/auth-test-kit.js';
import { startAuthServer } from '../unit/servers/auth/auth-sftp-kit.js';
import type { AuthServer } from '../unit/servers/auth/auth-sftp-kit.js';
import { recordingLogger } from '../unit/servers/ssh/ssh-test-kit.js';

let dir: string;
let remoteShare: string;
let remote: AuthServer;
let front: AuthServer;
let auth: ProxyAuthenticator;
const proxyLog = recordingLogger();

beforeAll(async () => {
  dir = await tempDir('proxy-sftp');
  remoteShare = path.join(dir, 'remote');
  await mkdir(path.join(remoteShare, 'team-a'), { recursive: true });
  await mkdir(path.join(remoteShare, 'team-b'), { recursive: true });
  await writeFile(path.join(remoteShare, 'team-a', 'a.txt'), 'team a\n');
  await writeFile(path.join(remoteShare, 'team-b', 'b.txt'), 'team b\n');
  remote = await startAuthServer({
    authenticator: createStaticAuthenticator({ user: 'remote', password: 'remote-pw', failureDelayMs: 0 }),
    share: remoteShare,
  });
  const { stdout } = await promisify(execFile)('rclone', ['obscure', 'remote-pw']);
  const obscured = stdout.trim();
  const answers = {
    // Plain password, obscured by us because _obscure says so.
    anna: { pass: 'anna-pw', answer: { type: 'sftp', _root: '/team-a', _obscure: 'pass', host: '127.0.0.1', port: String(remote.port), user: 'remote', pass: 'remote-pw' } },
    // Already obscured by rclone: revealed as a connection string's pass= is.
    ben: { pass: 'ben-pw', answer: { type: 'sftp', _root: '/team-b', host: '127.0.0.1', port: remote.port, user: 'remote', pass: obscured } },
    // The remote refuses this one.
    carl: { pass: 'carl-pw', answer: { type: 'sftp', _root: '/team-a', _obscure: 'pass', host: '127.0.0.1', port: String(remote.port), user: 'remote', pass: 'wrong' } },
  };
  const program = await writeScript(dir, 'proxy', `#!/usr/bin/env python3
import json, sys
req = json.load(sys.stdin)
answers = ${JSON.stringify(answers)}
u = answers.get(req.get('user'))
if not u or u['pass'] != req.get('pass'):
    sys.exit(1)
print(json.dumps(u['answer']))
`);
  auth = createProxyAuthenticator({ program, failureDelayMs: 0, logger: proxyLog });
  front = await startAuthServer({ authenticator: auth });
});

afterAll(async () => {
  await front?.close();
  await auth?.close();
  await remote?.close();
  await cleanupCli();
});

describe('auth proxy answers of type sftp', () => {
  it('serves each user their folder on the SFTP remote, whether the password came plain or obscured', async () => {
    const local = await tempDir('proxy-sftp-local');
    await writeFile(path.join(local, 'up.txt'), 'via the front server\n');
    const anna = await runSftp(front.port, { user: 'anna', password: 'anna-pw' }, ['ls -1', 'put up.txt'], { cwd: local });
    expect(anna.code, anna.stderr).toBe(0);
    expect(anna.stdout.split('\n')).toContain('a.txt');
    expect(anna.stdout.split('\n')).not.toContain('b.txt');
    expect(await readFile(path.join(remoteShare, 'team-a', 'up.txt'), 'utf8')).toBe('via the front server\n');
    const ben = await runSftp(front.port, { user: 'ben', password: 'ben-pw' }, ['ls -1', 'get b.txt'], { cwd: local });
    expect(ben.code, ben.stderr).toBe(0);
    expect(await readFile(path.join(local, 'b.txt'), 'utf8')).toBe('team b\n');
  });

  it('denies a login whose remote refuses the answer\'s credentials, without leaking them', async () => {
    const carl = await runSftp(front.port, { user: 'carl', password: 'carl-pw' }, ['ls']);
    expect(carl.code).not.toBe(0);
    expect(carl.stderr).toMatch(/Permission denied/);
    const log = proxyLog.lines.join('\n');
    expect(log).toMatch(/denied user="carl" ip=127\.0\.0\.1: cannot connect to the sftp remote/);
    expect(log).not.toMatch(/remote-pw|carl-pw|wrong/);
  });
});
