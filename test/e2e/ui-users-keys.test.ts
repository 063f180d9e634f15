// Users and Keys against the real engine: a user added in the UI gets a generated password shown
// once and logs in with OpenSSH's sftp; disabling asks first, says it ends sessions, and locks the
// user out; keys pasted with a bad line are added while the bad line is rejected inline with its
// reason, and the key then logs in.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClientKey, runSftp, sshKeygenFingerprint } from '../helpers/openssh-client.js';
import { flip, goTo, launchBrowser, openPage, shootBoth } from './helpers/browser.js';
import { removeTempDirs, startHeadlessApp, tempDir, WAIT } from './helpers/headless-app.js';
import type { HeadlessApp } from './helpers/headless-app.js';
import { quickShare } from './helpers/ui-flows.js';

let app: HeadlessApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startHeadlessApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeTempDirs();
});

describe('Users and Keys screens', () => {
  it('adds a user with a generated password, disables and enables them, and adds their key', async () => {
    const folder = await tempDir('users-share');
    const { page, problems } = await openPage(browser, app.url);
    const { port } = await quickShare(page, folder);
    await goTo(page, 'Users');
    await expect.poll(() => page.getByRole('row', { name: /wharf/ }).count(), WAIT).toBe(1);

    // A name the contract refuses is caught in the form, before anything is sent.
    await page.getByRole('button', { name: 'Add user…' }).click();
    const form = page.getByRole('dialog', { name: /^Add a user to/ });
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => form.getByText('A user name is required').count(), WAIT).toBe(1);
    await form.getByLabel('User name').fill('alice');
    await form.getByLabel('Folder').fill('/');
    await form.getByRole('button', { name: 'Add user' }).click();

    const once = page.getByRole('dialog', { name: 'Password for “alice”' });
    const password = await once.getByLabel('Password', { exact: true }).inputValue();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    await once.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('row', { name: /alice/ }).textContent(), WAIT).toContain('Password');
    const ok = await runSftp(port, { user: 'alice', password }, ['pwd']);
    expect(ok.code, ok.stderr).toBe(0);
    await shootBoth(page, '07-users');

    // Disabling asks first and says what happens to sessions.
    await flip(page, 'alice enabled');
    const confirm = page.getByRole('alertdialog', { name: 'Disable “alice”?' });
    expect(await confirm.textContent()).toContain('open sessions on');
    expect(await confirm.textContent()).toContain('end at once');
    await shootBoth(page, '08-users-disable-confirm');
    await confirm.getByRole('button', { name: 'Disable alice' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'alice enabled' }).isChecked(), WAIT).toBe(false);
    const refused = await runSftp(port, { user: 'alice', password }, ['pwd']);
    expect(refused.code).not.toBe(0);
    await flip(page, 'alice enabled');
    await expect.poll(() => page.getByRole('switch', { name: 'alice enabled' }).isChecked(), WAIT).toBe(true);

    // Keys: one good line and one bad line pasted together.
    const keyDir = await tempDir('users-keys');
    const privateKey = await makeClientKey(keyDir, 'alice_key');
    const publicLine = (await readFile(`${privateKey}.pub`, 'utf8')).trim();
    await goTo(page, 'Keys');
    await page.getByRole('button', { name: /User$/ }).click();
    await page.getByRole('option', { name: 'alice' }).click();
    await page.getByRole('heading', { name: 'Keys of alice' }).waitFor();
    await page.getByLabel('Public keys').fill(`${publicLine}\nssh-ed25519 not-base64!! broken@laptop`);
    await page.getByRole('button', { name: 'Add keys' }).click();
    const rejected = page.getByRole('list', { name: 'Lines not added' });
    await rejected.waitFor();
    expect(await rejected.textContent()).toMatch(/^Line 2: /);
    expect(await rejected.textContent()).toContain('broken@laptop');
    expect(await page.getByRole('status').filter({ hasText: 'Added 1 key' }).count()).toBe(1);
    // Only the bad line is left to fix.
    expect(await page.getByLabel('Public keys').inputValue()).toBe('ssh-ed25519 not-base64!! broken@laptop');
    const keyRow = page.getByRole('row', { name: /wharf-test-alice_key/ });
    expect(await keyRow.textContent()).toContain(await sshKeygenFingerprint(`${privateKey}.pub`));
    expect(await keyRow.textContent()).toContain('ssh-ed25519');
    await shootBoth(page, '09-keys');

    const byKey = await runSftp(port, { user: 'alice', key: privateKey }, ['pwd']);
    expect(byKey.code, byKey.stderr).toBe(0);

    // A second key from a file, through the file picker.
    const second = await makeClientKey(keyDir, 'alice_laptop');
    await page.getByLabel('Public keys').fill('');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import a file…' }).click();
    await (await chooser).setFiles(`${second}.pub`);
    await expect.poll(() => page.getByLabel('Public keys').inputValue(), WAIT).toContain('wharf-test-alice_laptop');
    await page.getByRole('button', { name: 'Add keys' }).click();
    await page.getByRole('row', { name: /wharf-test-alice_laptop/ }).waitFor();
    expect(await page.getByRole('list', { name: 'Lines not added' }).count()).toBe(0);
    await goTo(page, 'Users');
    await expect.poll(() => page.getByRole('row', { name: /alice/ }).textContent(), WAIT).toContain('Password, 2 keys');
    expect(problems).toEqual([]);
    await page.close();
  });
});
