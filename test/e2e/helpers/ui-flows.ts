// Steps several UI tests share: "Share folder over SFTP" through the dialog, reading the login
// from the connection card that appears.
import type { Page } from 'playwright-core';

export interface CardLogin {
  readonly user: string;
  readonly port: number;
  readonly password: string;
  readonly url: string;
}

export async function quickShare(page: Page, folder: string): Promise<CardLogin> {
  await page.getByRole('button', { name: 'Share folder over SFTP' }).click();
  await page.getByLabel('Folder path').fill(folder);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const fresh = page.locator('.conn-card-fresh');
  const url = (await fresh.getByText(/^sftp:\/\/\S+@127\.0\.0\.1:\d+\/$/).first().textContent({ timeout: 20_000 })) ?? '';
  const password = await fresh.getByLabel('Password', { exact: true }).inputValue();
  const m = /^sftp:\/\/([^@]+)@127\.0\.0\.1:(\d+)\/$/.exec(url);
  if (!m?.[1] || !m[2]) throw new Error(`unexpected card URL ${url}`);
  return { user: decodeURIComponent(m[1]), port: Number(m[2]), password, url };
}
