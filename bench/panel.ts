/**
 * `npm run bench:panel`: the panel's budgets, on the demo data, as production runs.
 *   1. the dashboard's API calls, p50/p95 each, beside GET /healthz (goal p95 ≤ 100 ms);
 *   2. the initial JavaScript, gzipped: the entry chunk and what it preloads (goal ≤ 250 KB);
 *   3. the store page until interactive in headless Chromium (catalogue and forecast chart on
 *      screen), beside the login page (goal ≤ 1.5 s).
 *
 *   npm run build -w admin && npm run bench:panel -- --requests 200 --loads 5
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { PANEL_DIST } from '../src/api/panel.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DEMO_STORE_ID } from '../src/demo/seed.js';
import { createLogger } from '../src/logger.js';
import { percentile } from './support.js';
import { CHROMIUM_ARGS } from '../test/support/browser.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '200' }, loads: { type: 'string', default: '5' } } });
const PASSWORD = randomBytes(9).toString('base64url');
const quantile = (xs: number[], p: number) => percentile([...xs].sort((a, b) => a - b), p);

const dataDir = await mkdtemp(join(tmpdir(), 'bench-panel-'));
const app = await createApp(
  loadConfig({
    DATA_DIR: dataDir, NODE_ENV: 'production', PII_KEY: randomBytes(32).toString('base64'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    DEMO_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '1000000', FORECAST_SCHEDULE_INTERVAL_MS: '0', PRICE_REFRESH_INTERVAL_MS: '0',
  }),
  { logger: createLogger('silent') },
);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

try {
  const session = await (
    await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: app.demo!.adminEmail, password: PASSWORD }) })
  ).json() as { token: string };
  const headers = { authorization: `Bearer ${session.token}`, 'x-store-id': DEMO_STORE_ID };

  console.log(`1. dashboard API, ${values.requests} requests each, one at a time (server-side, Server-Timing)`);
  const calls = ['/healthz', '/api/v1/admin/overview', '/api/v1/store/profile', '/api/v1/forecast/store', '/api/v1/prices', '/api/v1/insights', '/api/v1/store/sales', '/api/v1/forecast/accuracy', '/api/v1/conversations'];
  let worst = 0;
  for (const path of calls) {
    const times: number[] = [];
    // The first call warms what the nightly jobs would have (today's forecasts, the market snapshot).
    await (await fetch(app.url + path, { headers })).arrayBuffer();
    for (let i = 0; i < Number(values.requests); i++) {
      const res = await fetch(app.url + path, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      times.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]));
    }
    if (path !== '/healthz') worst = Math.max(worst, quantile(times, 0.95));
    console.log(`   ${path.padEnd(28)} p50 ${quantile(times, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(times, 0.95).toFixed(1).padStart(6)} ms`);
  }
  console.log(`   slowest dashboard call p95: ${worst.toFixed(1)} ms (goal ≤ 100 ms)`);

  console.log('2. initial JavaScript (entry chunk and its modulepreloads), gzip -9');
  const html = await readFile(join(PANEL_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  let total = 0;
  for (const file of files) {
    const gz = gzipSync(await readFile(join(PANEL_DIST, file)), { level: 9 }).length;
    total += gz;
    console.log(`   ${file.padEnd(40)} ${(gz / 1024).toFixed(1).padStart(7)} KB`);
  }
  console.log(`   initial JS: ${(total / 1024).toFixed(1)} KB gzip (goal ≤ 250 KB)`);

  console.log(`3. headless Chromium, ${values.loads} loads each, fresh context (cold cache) per load`);
  const timeLoad = async (path: string, ready: (page: Page) => Promise<unknown>, loggedIn = true) => {
    const times: number[] = [];
    for (let i = 0; i < Number(values.loads); i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      // Logged in already, as a returning owner is: the panel reads its session from localStorage.
      if (loggedIn) await context.addInitScript(`localStorage.setItem('bharatsense.session', ${JSON.stringify(JSON.stringify(session))})`);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(app.url + path);
      await ready(page);
      times.push(performance.now() - started);
      await context.close();
    }
    return times;
  };
  const login = await timeLoad('/admin/login', (page) => page.getByRole('button', { name: 'Log in' }).waitFor(), false);
  const store = await timeLoad(`/admin/stores/${DEMO_STORE_ID}`, async (page) => {
    await page.getByRole('table').first().waitFor();
    await page.getByRole('img', { name: /forecast/i }).waitFor();
  });
  console.log(`   login page      median ${quantile(login, 0.5).toFixed(0)} ms   max ${Math.max(...login).toFixed(0)} ms`);
  console.log(`   store page      median ${quantile(store, 0.5).toFixed(0)} ms   max ${Math.max(...store).toFixed(0)} ms   (×${(quantile(store, 0.5) / quantile(login, 0.5)).toFixed(1)} the login page; goal ≤ 1500 ms)`);
} finally {
  await browser.close();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
