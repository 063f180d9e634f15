// Debian's Chromium driven by playwright-core, pages that collect script errors and console
// errors (a test fails on any), and screenshots of a screen in light and dark saved under
// test-artifacts/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from './headless-app.js';

export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Uncaught errors and console errors seen so far. */
  readonly problems: string[];
}

export async function openPage(browser: Browser, url: string): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(url);
  return { page, problems };
}

/** Goes to a screen by its sidebar link (as a person would) and waits for its heading. */
export async function goTo(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: new RegExp(`^${screen}`) }).click();
  await page.getByRole('heading', { level: 1, name: screen }).waitFor();
}

/** Saves `NAME-light.png` and `NAME-dark.png` (the theme follows the emulated system scheme). */
export async function shootBoth(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Canvas charts rebuild on the scheme change; give them a frame. From the top, so the sticky
    // sidebar sits where the window shows it.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(120);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Flips a switch, checkbox or radio the way a person does: a click on its visible label. */
export async function flip(page: Page, name: string | RegExp, role: 'switch' | 'checkbox' | 'radio' = 'switch', scope?: import('playwright-core').Locator): Promise<void> {
  // `has` is matched inside each label, so the inner locator starts from the page.
  const control = page.getByRole(role, { name });
  await (scope ?? page).locator('label', { has: control }).click();
}
