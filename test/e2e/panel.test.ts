/**
 * The panel end to end, in Debian's Chromium against the real server and the demo data: an
 * admin logs in, opens the demo store and sees its forecast chart, chats in Hinglish through
 * the simulator and gets the bot's answer, uploads a broken CSV and sees what is wrong with it;
 * an owner on a phone-sized screen sees only their shop. Screenshots: test-output/panel/.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_DIST } from '../../src/api/panel.js';
import { DEMO_OWNER_EMAIL } from '../../src/demo/seed.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.js';
import { startApp, type Harness } from '../support/app-harness.js';

const PASSWORD = 'e2e demo password';
const SHOTS = join(process.cwd(), 'test-output', 'panel');

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(PANEL_DIST, 'index.html'))) throw new Error('Build the panel first: npm run build:panel (npm test does).');
  await mkdir(SHOTS, { recursive: true });
  h = await startApp({ DEMO_ADMIN_PASSWORD: PASSWORD });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(`${h.app.url}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('the panel in a browser', () => {
  it('takes an admin from login to the demo store’s forecast chart, the simulator and a rejected upload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await logIn(page, 'admin@bharatsense.local');
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await page.screenshot({ path: join(SHOTS, '1-overview.png'), fullPage: true });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stores' }).click();
      await page.getByRole('link', { name: 'Shree Ganesh Kirana' }).click();
      const chart = page.getByRole('img', { name: 'Forecast chart' });
      await chart.waitFor();
      // uPlot draws on a canvas inside the chart: something was drawn, at a real size.
      const canvas = chart.locator('canvas').first();
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      // The catalogue (and the order list) name the demo's products once their data is in.
      await page.getByRole('table').filter({ hasText: 'Amul Taaza Milk' }).first().waitFor();
      await page.screenshot({ path: join(SHOTS, '2-store.png'), fullPage: true });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat simulator' }).click();
      await page.getByLabel('Message').fill('kal kitna doodh mangwau?');
      await page.getByRole('button', { name: 'Send' }).click();
      const chat = page.getByRole('list', { name: 'Chat' });
      // The owner's bubble, then the bot's answer about milk from the real pipeline.
      await chat.getByText(/Amul Taaza Milk/).first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(SHOTS, '3-simulator.png'), fullPage: true });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales upload' }).click();
      await page.getByLabel('or choose a file').setInputFiles({
        name: 'sales.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('date,sku,qty,price\n2025-11-20,MILK-500,12,28\n2025-13-01,MILK-500,5,28\n2025-11-21,NO-SUCH-SKU,3,10\n'),
      });
      const report = page.getByRole('table', { name: 'Problems in the file' });
      await report.waitFor();
      const text = await report.textContent();
      expect(text).toMatch(/3/);
      expect(text).toMatch(/NO-SUCH-SKU|unknown|sku/i);
      await expect(page.getByRole('button', { name: /Import/ }).count()).resolves.toBe(0);
      await page.screenshot({ path: join(SHOTS, '4-upload-errors.png'), fullPage: true });

      // Installable: the manifest is linked and the service worker controls /admin/.
      await expect(page.locator('link[rel="manifest"]').getAttribute('href')).resolves.toMatch(/manifest\.webmanifest$/);
      // (Expressions as text: they run in the page, whose DOM types this Node project does not load.)
      const worker = await page.evaluate<string | undefined>('navigator.serviceWorker.ready.then((r) => r.active && r.active.scriptURL)');
      expect(worker).toMatch(/\/admin\/sw\.js$/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('shows an owner on a phone their own shop, in Hindi when asked, without admin pages', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    try {
      await logIn(page, DEMO_OWNER_EMAIL);
      await page.getByRole('img', { name: 'Forecast chart' }).waitFor();
      // Nothing wider than the screen.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await page.goto(`${h.app.url}/admin/jobs`);
      await expect(page.getByRole('heading', { name: 'Jobs' }).count()).resolves.toBe(0);
      await page.goto(`${h.app.url}/admin/`);
      await page.getByLabel('Language').selectOption('hi');
      await page.waitForFunction("document.documentElement.lang === 'hi'");
      // On a phone the menu folds behind a button; opened, it speaks Hindi.
      await page.getByRole('button', { name: 'मेन्यू' }).click();
      await expect(page.getByRole('navigation').first().textContent()).resolves.toMatch(/\p{Script=Devanagari}/u);
      await page.screenshot({ path: join(SHOTS, '5-owner-phone-hi.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);
});
