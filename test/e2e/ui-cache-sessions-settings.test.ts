// Cache, Remotes, Sessions and Settings against the real engine: switching a share's cache mode
// (the engine then keeps a cache and the choice survives a reload), an advanced option rejected
// inline then saved, a remote tested for real, a live OpenSSH session disconnected from the UI, an
// address banned after failed logins and unbanned, and the theme setting applied to the page.
import ssh2 from 'ssh2';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSftp } from '../helpers/openssh-client.js';
import { flip, goTo, launchBrowser, openPage, shootBoth } from './helpers/browser.js';
import type { WatchedPage } from './helpers/browser.js';
import { removeTempDirs, startHeadlessApp, tempDir, WAIT } from './helpers/headless-app.js';
import type { HeadlessApp } from './helpers/headless-app.js';
import { openSftpSession } from './helpers/sftp-session.js';
import { quickShare } from './helpers/ui-flows.js';
import type { CardLogin } from './helpers/ui-flows.js';

let app: HeadlessApp;
let browser: Browser;
let watched: WatchedPage;
let login: CardLogin;

beforeAll(async () => {
  [app, browser] = await Promise.all([startHeadlessApp(), launchBrowser()]);
  watched = await openPage(browser, app.url);
  login = await quickShare(watched.page, await tempDir('live-share'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeTempDirs();
});

/** One password login with ssh2's client; resolves true when it was accepted. */
function tryLogin(password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    client.once('ready', () => {
      client.end();
      resolve(true);
    });
    // A refused client may report more than one error (auth, then the dropped socket).
    client.on('error', () => resolve(false));
    client.once('close', () => resolve(false));
    client.connect({ host: '127.0.0.1', port: login.port, username: login.user, password, readyTimeout: 10_000, tryKeyboard: false });
  });
}

describe('Cache, Remotes, Sessions and Settings screens', () => {
  it('switches the cache mode, saves an advanced option, and clears the cache', async () => {
    const { page } = watched;
    await goTo(page, 'Cache');
    expect(await page.getByRole('radio', { name: /^Off/ }).isChecked()).toBe(true);
    expect(await page.getByText('This mode keeps no files on disk for this share.').count()).toBe(1);
    await flip(page, /^Writes/, 'radio');
    // The share restarts with a file cache, which the engine now reports.
    await page.getByText('Space used').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('meter').getAttribute('aria-valuetext')).toMatch(/used, no limit$/);
    const after = await runSftp(login.port, { user: login.user, password: login.password }, ['pwd']);
    expect(after.code, after.stderr).toBe(0);

    await page.getByRole('button', { name: 'Advanced VFS options' }).click();
    const dirCache = page.getByLabel('Dir cache time (--dir-cache-time)');
    expect(await dirCache.getAttribute('placeholder')).toBe('5m');
    await dirCache.fill('soon');
    await page.getByRole('button', { name: 'Save options' }).click();
    await expect.poll(() => page.getByText(/^Invalid duration "soon"/).count(), WAIT).toBe(1);
    await dirCache.fill('10m');
    await page.getByLabel('Cache max size (--vfs-cache-max-size)').fill('1G');
    await page.getByRole('button', { name: 'Save options' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: 15_000 });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cache' }).waitFor();
    await expect.poll(() => page.getByRole('radio', { name: /^Writes/ }).isChecked(), WAIT).toBe(true);
    await page.getByRole('button', { name: 'Advanced VFS options' }).click();
    expect(await page.getByLabel('Dir cache time (--dir-cache-time)').inputValue()).toBe('10m');
    // With a limit the space used is drawn as a bar against it.
    await expect.poll(() => page.getByRole('meter').getAttribute('aria-valuetext'), WAIT).toBe('0 B of 1.00 GiB');
    expect(await page.locator('.meter .bar').count()).toBe(1);
    await shootBoth(page, '10-cache');

    await page.getByRole('button', { name: 'Clear cache…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Clear cache' }).click();
    await page.getByRole('status').filter({ hasText: 'Cache cleared' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('adds a remote and tests its connection, with a clear answer when it fails', async () => {
    const { page } = watched;
    await goTo(page, 'Remotes');
    await expect.poll(() => page.getByText('No remotes yet').count(), WAIT).toBe(1);
    await page.getByRole('button', { name: 'Add remote…' }).first().click();
    const form = page.getByRole('dialog', { name: 'Add a remote' });
    await form.getByLabel('Name', { exact: true }).fill('loopback');
    await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill('99999');
    await form.getByLabel('User on the remote').fill(login.user);
    await form.getByLabel('Remote password').fill(login.password);
    await form.getByRole('button', { name: 'Add remote' }).click();
    await expect.poll(() => form.getByText('Type a port number from 1 to 65535').count(), WAIT).toBe(1);
    await form.getByLabel('Port', { exact: true }).fill(String(login.port));
    await form.getByRole('button', { name: 'Add remote' }).click();
    const row = page.getByRole('row', { name: /loopback/ });
    await row.getByRole('button', { name: 'Test connection to loopback' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(`OK: Connected to 127.0.0.1:${login.port} as ${login.user}`);
    await shootBoth(page, '11-remotes');

    await row.getByRole('button', { name: 'Edit loopback' }).click();
    await page.getByRole('dialog').getByLabel('Remote password').fill('wrong-password');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await row.getByRole('button', { name: 'Test connection to loopback' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Failed: ');
  });

  it('lists a live session and disconnects it, then lifts a ban made by failed logins', async () => {
    const { page } = watched;
    const session = openSftpSession(login.port, login.user, login.password);
    try {
      await goTo(page, 'Sessions');
      const row = page.getByRole('region', { name: 'Connected' }).getByRole('row', { name: new RegExp(`^${login.user} `) });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.textContent()).toContain('127.0.0.1');
      expect(await row.textContent()).toContain('SFTP');
      expect(await page.getByRole('link', { name: /^Sessions 1 connected/ }).count()).toBe(1);
      await shootBoth(page, '12-sessions');
      await row.getByRole('button', { name: /^Disconnect / }).click();
      await expect.poll(() => page.getByText('Nobody is connected').count(), WAIT).toBe(1);
      // The client finds its connection gone at its next command.
      session.send('ls');
      const code = await Promise.race([session.exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 10_000))]);
      expect(code).not.toBe('alive');
      expect(code).not.toBe(0);
    } finally {
      await session.close();
    }

    // Ten wrong passwords from 127.0.0.1 ban it (even the right one is refused), until Unban.
    const attempts = await Promise.all(Array.from({ length: 10 }, () => tryLogin('not-the-password')));
    expect(attempts.every((ok) => !ok)).toBe(true);
    const ban = page.getByRole('region', { name: 'Banned addresses' }).getByRole('row', { name: /127\.0\.0\.1/ });
    await ban.waitFor({ timeout: 15_000 });
    expect(await tryLogin(login.password)).toBe(false);
    await shootBoth(page, '13-sessions-banned');
    await ban.getByRole('button', { name: 'Unban 127.0.0.1' }).click();
    await expect.poll(() => page.getByText('No banned addresses').count(), WAIT).toBe(1);
    expect(await tryLogin(login.password)).toBe(true);
  });

  it('applies the theme setting to the page and keeps it', async () => {
    const { page, problems } = watched;
    await goTo(page, 'Settings');
    expect(await page.getByRole('radio', { name: /^Linux default \(off\)/ }).isChecked()).toBe(true);
    await shootBoth(page, '14-settings');
    await flip(page, /^Dark/, 'radio');
    await expect.poll(() => page.evaluate<string>('document.documentElement.dataset.theme'), WAIT).toBe('dark');
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(14, 17, 22)');
    await page.reload();
    await expect.poll(() => page.evaluate<string>('document.documentElement.dataset.theme'), WAIT).toBe('dark');
    await flip(page, /^Start at login/);
    await expect.poll(() => page.getByRole('switch', { name: /^Start at login/ }).isChecked(), WAIT).toBe(true);
    await flip(page, /^System/, 'radio');
    await expect.poll(() => page.evaluate<string>('document.documentElement.dataset.theme'), WAIT).toBe('system');
    expect(problems).toEqual([]);
  });
});
