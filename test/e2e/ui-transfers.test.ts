// The Transfers screen against real traffic: OpenSSH's sftp client, rate-limited so each file takes
// seconds, uploads and then downloads through a share made in the UI. The upload shows up live
// with a moving bar and growing byte count (an upload's size is unknown until it ends), the
// download with a percent that rises, both end up in the history, and the chart shows the traffic.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSftp } from '../helpers/openssh-client.js';
import { goTo, launchBrowser, openPage, shootBoth } from './helpers/browser.js';
import { removeTempDirs, startHeadlessApp, tempDir, WAIT } from './helpers/headless-app.js';
import type { HeadlessApp } from './helpers/headless-app.js';
import { quickShare } from './helpers/ui-flows.js';

const FILE_SIZE = 1024 * 1024;
/** Would become an image (and run its handler) if the page ever rendered a name as markup. */
const NAME_WITH_MARKUP = '<img src=x onerror=alert(1)>.txt';
/** Kbit/s for `sftp -l`: about 250 KB/s, so each file takes about four seconds. */
const RATE_LIMIT = '2000';

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

const UNITS: Readonly<Record<string, number>> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** "384.00 KiB so far" → 393216. */
function bytesOf(text: string): number {
  const m = /([\d.]+) (B|KiB|MiB|GiB)/.exec(text);
  if (!m?.[1] || !m[2]) throw new Error(`no size in "${text}"`);
  return Number(m[1]) * (UNITS[m[2]] ?? 1);
}

function liveRow(page: Page, file: string) {
  return page.getByRole('region', { name: 'In progress' }).getByRole('row', { name: new RegExp(file.replace('.', '\\.')) });
}

describe('Transfers screen', () => {
  it('follows a rate-limited upload and download live, then lists them in the history', async () => {
    const folder = await tempDir('transfers-share');
    const local = await tempDir('transfers-local');
    await writeFile(path.join(local, 'upload.bin'), randomBytes(FILE_SIZE));
    await writeFile(path.join(folder, 'download.bin'), randomBytes(FILE_SIZE));
    // A client picks file names; the window must show them as text, never as markup.
    await writeFile(path.join(local, NAME_WITH_MARKUP), 'markup in a name');
    const { page, problems } = await openPage(browser, app.url);
    const login = await quickShare(page, folder);
    await goTo(page, 'Transfers');
    expect(await page.getByText('Nothing is moving').count()).toBe(1);

    const run = runSftp(login.port, { user: login.user, password: login.password }, ['put upload.bin', 'get download.bin', `put "${NAME_WITH_MARKUP}"`], {
      cwd: local,
      extraOptions: ['-l', RATE_LIMIT],
    });

    // Upload: no size yet, so an indeterminate bar with the bytes so far, which keep growing.
    const up = liveRow(page, 'upload.bin');
    await up.waitFor({ timeout: 15_000 });
    const upBar = up.getByRole('progressbar');
    expect(await upBar.getAttribute('aria-valuenow')).toBeNull();
    const firstUp = bytesOf((await up.locator('.progress-text').textContent()) ?? '');
    expect(await up.textContent()).toContain('Upload');
    const boxBefore = await upBar.boundingBox();
    await shootBoth(page, '05-transfers-live');
    await expect.poll(async () => bytesOf((await up.locator('.progress-text').textContent()) ?? ''), WAIT).toBeGreaterThan(firstUp);
    // Numbers changed, the layout did not: the bar stays where it was, at the same width.
    expect(await upBar.boundingBox()).toEqual(boxBefore);
    expect(await up.textContent()).toMatch(/\d KiB\/s/);

    // Download: the size is known, so the bar has a value and a percent that rises.
    const down = liveRow(page, 'download.bin');
    await down.waitFor({ timeout: 15_000 });
    const downBar = down.getByRole('progressbar');
    await expect.poll(async () => Number(await downBar.getAttribute('aria-valuenow')), WAIT).toBeGreaterThan(0);
    const firstPercent = Number(await downBar.getAttribute('aria-valuenow'));
    await expect.poll(async () => Number(await downBar.getAttribute('aria-valuenow')), { timeout: 5000 }).toBeGreaterThan(firstPercent);
    expect(await down.textContent()).toMatch(/\d+% \(/);
    expect(await down.textContent()).toMatch(/\d+ s/); // time left

    const result = await run;
    expect(result.code, result.stderr).toBe(0);

    // Both move to the history as completed, with their sizes.
    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.getByRole('row', { name: /upload\.bin/ }).textContent(), { timeout: 5000 }).toContain('Completed');
    await expect.poll(() => history.getByRole('row', { name: /download\.bin/ }).textContent(), { timeout: 5000 }).toContain('Completed');
    expect(await history.getByRole('row', { name: /upload\.bin/ }).textContent()).toContain('1.00 MiB');
    await expect.poll(() => history.getByRole('rowheader', { name: `/${NAME_WITH_MARKUP}` }).count(), WAIT).toBe(1);
    expect(await page.locator('main img').count()).toBe(0);
    await expect.poll(() => page.getByRole('region', { name: 'In progress' }).getByText('Nothing is moving').count(), WAIT).toBe(1);

    // The chart's summary reports the traffic of the last two minutes.
    const summary = (await page.locator('.chart-summary').textContent()) ?? '';
    const peaks = [...summary.matchAll(/peak ([\d.]+ (?:B|KiB|MiB)\/s)/g)].map((m) => bytesOf(m[1] ?? ''));
    expect(peaks).toHaveLength(2);
    for (const peak of peaks) expect(peak).toBeGreaterThan(100 * 1024);
    // The nav shows no running transfer any more.
    expect(await page.getByRole('link', { name: /transfers? running/ }).count()).toBe(0);
    await shootBoth(page, '06-transfers-history');
    expect(problems).toEqual([]);
    await page.close();
  });
});
