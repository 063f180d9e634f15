// FTP transfers in the live statistics: a share with FTP on, run by the real core; curl uploads and
// downloads over FTP, and `stats:get` through the real router lists both with direction, bytes and
// state. Without the FTP session passing the observer, neither shows up.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../../src-shared/contract/index.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { createApiHandlers, createRouter } from '../../../src-main/api/index.js';
import type { ApiRouter } from '../../../src-main/api/index.js';
import { openTestCore, removeTempDirs, tempDir } from '../core/core-test-kit.js';
import type { TestCore } from '../core/core-test-kit.js';

const run = promisify(execFile);
let t: TestCore;
let router: ApiRouter;
let folder: string;
let shareId = '';
let port = 0;

beforeAll(async () => {
  t = await openTestCore();
  router = createRouter(createApiHandlers(t.core, { mode: 'headless', version: 'test' }), silentLogger);
  folder = await tempDir('ftp-stats');
  const share = await t.core.shares.create({
    name: 'Ftp stats',
    source: { kind: 'local', path: folder },
    sftp: { enabled: false, port: 0, bind: 'localhost' },
    ftp: { enabled: true, port: 0, bind: 'localhost' },
    readOnly: false,
    vfs: {},
    authProxy: null,
  });
  shareId = share.id;
  await t.core.users.add(shareId, { name: 'gus', password: 'gus-password-1', generatePassword: false, root: '/', readOnly: false });
  const status = await t.core.shares.start(shareId, 'ftp');
  if (status.state !== 'running') throw new Error(JSON.stringify(status));
  port = status.port;
});

afterAll(async () => {
  await t.core.close();
  await removeTempDirs();
});

async function stats(): Promise<Stats> {
  const answer = await router.invoke('stats:get', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as Stats;
}

describe('FTP transfers in stats:get', () => {
  it('lists a curl upload and download with direction, bytes and state', async () => {
    const local = await tempDir('ftp-stats-local');
    const data = randomBytes(700 * 1024);
    await writeFile(path.join(local, 'up.bin'), data);
    const url = `ftp://127.0.0.1:${port}/up.bin`;
    await run('curl', ['-sS', '--user', 'gus:gus-password-1', '-T', path.join(local, 'up.bin'), url]);
    expect((await readFile(path.join(folder, 'up.bin'))).equals(data)).toBe(true);
    await run('curl', ['-sS', '--user', 'gus:gus-password-1', '-o', path.join(local, 'down.bin'), url]);
    expect((await readFile(path.join(local, 'down.bin'))).equals(data)).toBe(true);

    await expect.poll(async () => (await stats()).transfers.filter((x) => x.shareId === shareId && x.state === 'done').length).toBe(2);
    const mine = (await stats()).transfers.filter((x) => x.shareId === shareId);
    const up = mine.find((x) => x.direction === 'upload');
    const down = mine.find((x) => x.direction === 'download');
    expect(up).toMatchObject({ protocol: 'ftp', user: 'gus', clientIp: '127.0.0.1', file: '/up.bin', bytes: data.length, state: 'done' });
    expect(down).toMatchObject({ protocol: 'ftp', user: 'gus', file: '/up.bin', bytes: data.length, size: data.length, state: 'done' });
  });
});
