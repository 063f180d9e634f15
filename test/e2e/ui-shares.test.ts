// The Shares screen in real Chromium against the built headless app: first run, "Share folder over
// SFTP" to a working connection card (QR, Copy, Show) and an OpenSSH login; a server stopped from
// its switch closes its port, a port in use shows the error with "Change port", which brings the
// server up elsewhere; the safety banners; and the page under the desktop window's strict CSP.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../../src-main/electron/csp.js';
import { runSftp, sshKeygenFingerprint } from '../helpers/openssh-client.js';
import { flip, goTo, launchBrowser, openPage, shootBoth } from './helpers/browser.js';
import { removeTempDirs, startHeadlessApp, tempDir, WAIT } from './helpers/headless-app.js';
import type { HeadlessApp } from './helpers/headless-app.js';
import { occupyPort, portOpen } from './helpers/sftp-session.js';
import { quickShare } from './helpers/ui-flows.js';
import type { CardLogin } from './helpers/ui-flows.js';

let app: HeadlessApp;
let browser: Browser;
let login: CardLogin;

beforeAll(async () => {
  [app, browser] = await Promise.all([startHeadlessApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeTempDirs();
});

describe('Shares screen', () => {
  it('goes from first run to a working connection card and an OpenSSH login', async () => {
    const folder = await tempDir('shared');
    await writeFile(path.join(folder, 'notes.txt'), 'hello from the share');
    const { page, problems } = await openPage(browser, app.url);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });

    // First run: one sentence and one button, nothing else in the content area.
    await expect.poll(() => page.locator('.first-run').textContent(), WAIT).toContain('Share a folder and Wharf gives you an address and a password');
    expect(await page.getByRole('main').getByRole('button').count()).toBe(1);
    await shootBoth(page, '01-first-run');

    login = await quickShare(page, folder);
    const card = page.locator('.conn-card-fresh');
    // The password is hidden until Show, and the field is labelled "Password".
    const password = card.getByLabel('Password', { exact: true });
    expect(await password.getAttribute('type')).toBe('password');
    await card.getByRole('button', { name: 'Show' }).click();
    expect(await password.getAttribute('type')).toBe('text');
    expect(login.password).toMatch(/^[A-Za-z0-9]{20}$/);
    await expect.poll(() => card.getByRole('img', { name: /^QR code of the address sftp:\/\// }).count(), WAIT).toBe(1);
    const fingerprint = await card.getByText(/^SHA256:[A-Za-z0-9+/]{43}$/).textContent();
    expect(fingerprint).toBe(await sshKeygenFingerprint(path.join(app.configDir, 'host-keys', 'ssh_host_ed25519_key')));
    expect(await card.textContent()).toContain(`sftp -P ${login.port} ${login.user}@127.0.0.1`);

    await card.getByRole('button', { name: `Copy address ${login.url}` }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(login.url);

    const run = await runSftp(login.port, { user: login.user, password: login.password }, ['ls -1']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('notes.txt');
    await card.getByRole('button', { name: 'Show' }).or(card.getByRole('button', { name: 'Hide' })).click();
    await shootBoth(page, '02-shares-new-card');

    // Done hides the password for good; the card of the running server stays, without it.
    await card.getByRole('button', { name: 'Done, I have the password' }).click();
    await expect.poll(() => page.locator('.conn-card').count(), WAIT).toBe(1);
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
    expect(await page.locator('.conn-card').textContent()).toContain('Shown only when it is made');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('stops a server from its switch (the port closes) and offers "Change port" when the port is taken', async () => {
    const { page, problems } = await openPage(browser, app.url);
    const sftpSwitch = /^SFTP server of /;
    await expect.poll(() => page.locator('.server-running').count(), WAIT).toBe(1);
    expect(await portOpen(login.port)).toBe(true);

    await flip(page, sftpSwitch);
    await expect.poll(() => page.locator('.server-row').first().textContent(), WAIT).toContain('Stopped');
    expect(await portOpen(login.port)).toBe(false);

    // Someone else takes the port meanwhile: turning the server on shows why it cannot run.
    const blocker = await occupyPort();
    try {
      // The stop request has been answered once the switch takes presses again.
      await expect.poll(() => page.getByRole('switch', { name: sftpSwitch }).getAttribute('aria-readonly'), WAIT).toBeNull();
      await page.getByRole('button', { name: /^Edit / }).click();
      await page.getByLabel('SFTP port').fill(String(blocker.port));
      await page.getByRole('button', { name: 'Save' }).click();
      await flip(page, sftpSwitch);
      await expect.poll(() => page.locator('.server-row').first().textContent(), { timeout: 10_000 }).toMatch(/Error: .*in use/);
      await shootBoth(page, '03-shares-port-in-use');

      await page.getByRole('button', { name: 'Change port' }).click();
      await page.getByLabel('Port', { exact: true }).fill(String(login.port));
      await page.getByRole('button', { name: 'Use this port' }).click();
      await expect.poll(() => page.locator('.server-row').first().textContent(), { timeout: 10_000 }).toContain(`Running on :${login.port}`);
    } finally {
      await blocker.close();
    }
    expect(await portOpen(login.port)).toBe(true);
    const run = await runSftp(login.port, { user: login.user, password: login.password }, ['ls -1']);
    expect(run.stdout).toContain('notes.txt');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('warns about plain FTP, a network share whose logins an auth proxy decides, and a whole home folder', async () => {
    const homeLike = await mkdtemp('/home/wharf-ui-e2e-');
    try {
      const { page, problems } = await openPage(browser, app.url);
      await page.getByRole('button', { name: 'New share…' }).click();
      const dialog = page.getByRole('dialog', { name: 'New share' });
      await dialog.getByLabel('Name', { exact: true }).fill('Everything');
      await dialog.getByLabel('Folder path').fill(homeLike);
      await dialog.getByLabel('SFTP port', { exact: true }).fill('0');
      await dialog.getByRole('button', { name: /SFTP listens on$/ }).click();
      await page.getByRole('option', { name: 'My network' }).click();
      await flip(page, 'Start FTP now', 'switch', dialog);
      await dialog.getByLabel('FTP port', { exact: true }).fill('0');
      await dialog.getByLabel('Auth proxy program (optional)').fill('/bin/false');
      await dialog.getByRole('button', { name: 'Add share' }).click();
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
      // A server that could not start would be explained in a dialog; none is expected here.
      expect(await page.getByRole('dialog').count()).toBe(0);
      await expect.poll(() => page.locator('.banners .notice').count(), { timeout: 15_000 }).toBe(3);
      const text = (await page.locator('.banners').textContent()) ?? '';
      expect(text).toContain('FTP on “Everything” is not encrypted');
      expect(text).toContain('“Everything” is open to your network without a Wharf password');
      expect(text).toContain('“Everything” shares a whole home folder');
      // The sidebar says so on every screen.
      expect(await page.getByRole('link', { name: /^Shares 3 safety warnings/ }).count()).toBe(1);
      await shootBoth(page, '04-shares-banners');

      await page.getByRole('button', { name: 'Remove Everything' }).click();
      await page.getByRole('button', { name: 'Remove share' }).click();
      await expect.poll(() => page.locator('.banners .notice').count(), WAIT).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await rm(homeLike, { recursive: true, force: true });
    }
  });

  it('works from the keyboard alone, with focus always visible', async () => {
    const { page, problems } = await openPage(browser, app.url);
    await page.getByRole('heading', { level: 1, name: 'Shares' }).waitFor();
    const focused = () => page.evaluate<string>('document.activeElement ? (document.activeElement.getAttribute("aria-label") || document.activeElement.textContent || "").trim() : ""');
    const outline = () => page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    // Tab through the sidebar to the page's own buttons; every stop shows where focus is.
    let steps = 0;
    while ((await focused()) !== 'New share…' && steps++ < 20) {
      await page.keyboard.press('Tab');
      expect(await outline(), await focused()).not.toBe('none');
    }
    expect(await focused()).toBe('New share…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New share' });
    await dialog.waitFor();
    expect(await page.evaluate<string>('document.activeElement.closest("[role=dialog]") ? "in dialog" : "outside"')).toBe('in dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus goes back to the button that opened the dialog (React Aria restores it a frame after
    // the dialog leaves, so it is polled for, not read at once).
    await expect.poll(focused, WAIT).toBe('New share…');

    // A switch toggles with Space: the server stops, and starts again.
    const sftpSwitch = page.getByRole('switch', { name: /^SFTP server of / });
    await sftpSwitch.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => portOpen(login.port), WAIT).toBe(false);
    // While the request runs the switch keeps focus but takes no presses; then it is free again.
    await expect.poll(() => sftpSwitch.getAttribute('aria-readonly'), WAIT).toBeNull();
    expect(await sftpSwitch.isChecked()).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(() => portOpen(login.port), WAIT).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs under the desktop window\'s CSP (no inline styles or scripts) without a violation', async () => {
    // A page fulfilled by Playwright has no server address, so Chromium's Local Network Access check
    // would refuse its WebSocket to 127.0.0.1; this browser runs without that check.
    const strict = await launchBrowser(['--disable-features=LocalNetworkAccessChecks']);
    // The token visit sets the session cookie; then the page is served again with the desktop CSP.
    const { page, problems } = await openPage(strict, app.url);
    await page.route(`${app.origin}/**`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      if ((headers['content-type'] ?? '').startsWith('text/html')) headers['content-security-policy'] = APP_CSP;
      await route.fulfill({ response, headers });
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Shares' }).waitFor();
    // Overlays, switches, selects and the chart are the parts that could inject styles.
    await page.getByRole('button', { name: 'New share…' }).click();
    await page.getByRole('button', { name: /SFTP listens on$/ }).click();
    // React Aria moves focus into the list a moment after it opens; an Escape sent before that goes
    // to the dialog, which leaves it to the topmost overlay, and is lost. So each key waits for what
    // a person would see first.
    const listbox = page.getByRole('listbox');
    await expect.poll(() => page.evaluate<boolean>('document.activeElement?.closest("[role=listbox]") != null'), WAIT).toBe(true);
    await page.keyboard.press('Escape');
    await listbox.waitFor({ state: 'detached' });
    // Focus comes back to the dialog a frame later; an Escape before that lands outside it.
    await expect.poll(() => page.evaluate<boolean>('document.activeElement?.closest("[role=dialog]") != null'), WAIT).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New share' }).waitFor({ state: 'detached' });
    for (const screen of ['Transfers', 'Users', 'Cache', 'Settings']) await goTo(page, screen);
    expect(problems).toEqual([]);
    // The policy really was in force: an inline style is refused.
    const refused = await page.evaluate<boolean>(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
      setTimeout(() => resolve(false), 1000);
    })`);
    expect(refused).toBe(true);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await strict.close();
  });
});
