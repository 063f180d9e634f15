// End to end: the built `wharf ui --headless` in a child process, real Chromium (playwright-core)
// clicking "Share folder over SFTP", typing the folder path, pressing "Share", reading the card's
// sftp:// URL, password and SHA256 fingerprint, then OpenSSH's sftp client logging in with them.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSftp, sshKeygenFingerprint } from '../helpers/openssh-client.js';
import { removeTempDirs, tempDir } from '../unit/core/core-test-kit.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/src-main/cli/main.js');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

let child: ChildProcess | undefined;
let browser: Browser | undefined;
let configDir = '';
let url = '';
let stderr = '';

beforeAll(async () => {
  if (!existsSync(CLI) || !existsSync(path.join(ROOT, 'dist-renderer/index.html'))) {
    throw new Error('the app is not built: run npm run build first (npm test does)');
  }
  configDir = await tempDir('e2e-config');
  const home = await tempDir('e2e-home');
  const proc = spawn(process.execPath, [CLI, 'ui', '--headless', '--addr', '127.0.0.1:0'], {
    cwd: ROOT,
    env: { ...process.env, HOME: home, WHARF_CONFIG_DIR: configDir, WHARF_CACHE_DIR: path.join(configDir, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  proc.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 20_000);
    proc.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /Wharf web UI: (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => reject(new Error(`wharf ui exited with ${code}: ${stderr}`)));
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => child?.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  await removeTempDirs();
});

describe('share a folder from the web UI', () => {
  it('shows a working connection card for a folder typed into the dialog', async () => {
    const folder = await tempDir('e2e-folder');
    await writeFile(path.join(folder, 'report.pdf'), 'not really a pdf');
    await mkdir(path.join(folder, 'photos'));

    const page = await (browser as Browser).newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    await page.goto(url);
    // The token went from the address bar into a cookie.
    expect(page.url()).not.toContain('token=');

    await page.getByRole('button', { name: 'Share folder over SFTP' }).click();
    await page.getByLabel('Folder path').fill(folder);
    await page.getByRole('button', { name: 'Share', exact: true }).click();

    const urlText = await page.getByText(/^sftp:\/\/\S+@127\.0\.0\.1:\d+\/$/).first().textContent({ timeout: 20_000 });
    const password = await page.getByLabel('Password').inputValue();
    const fingerprint = await page.getByText(/^SHA256:[A-Za-z0-9+/]{43}$/).first().textContent();
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-share-flow-card.png'), fullPage: true });

    const m = /^sftp:\/\/([^@]+)@127\.0\.0\.1:(\d+)\/$/.exec(urlText ?? '');
    expect(m, urlText ?? '').not.toBeNull();
    const [, user = '', port = '0'] = m ?? [];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(fingerprint).toBe(await sshKeygenFingerprint(path.join(configDir, 'host-keys', 'ssh_host_ed25519_key')));

    const run = await runSftp(Number(port), { user: decodeURIComponent(user), password }, ['ls -1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('report.pdf');
    expect(run.stdout).toContain('photos');

    // A wrong password is refused.
    const wrong = await runSftp(Number(port), { user: decodeURIComponent(user), password: `${password}x` }, ['ls -1']);
    expect(wrong.code).not.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says what is wrong with a folder that does not exist, in the dialog', async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Share folder over SFTP' }).click();
    await page.getByLabel('Folder path').fill('/no/such/folder/anywhere');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/does not exist/);
    await page.close();
  });
});
