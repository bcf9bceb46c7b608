/**
 * What the panel reads and does through the API, on the demo store: the service overview, sales
 * series, every product's price position, the market table, the chat simulator through the real
 * pipeline, checking an upload before writing it, editing the catalogue, the owner's login.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelRoutes } from '../../src/api/panel.js';
import { DEMO_OWNER_EMAIL, DEMO_STORE_ID } from '../../src/demo/seed.js';
import { queryAll } from '../../src/storage/tables.port.js';
import { OWNER_PHONE, startApp, type Harness } from '../support/app-harness.js';

const PASSWORD = 'panel test password';
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startApp({ DEMO_ADMIN_PASSWORD: PASSWORD });
  admin = (await (await h.api('/api/v1/auth/login', { key: null, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bharatsense.local', password: PASSWORD }) })).json()).token;
});
afterAll(() => h?.stop());

const asAdmin = (path: string, init: RequestInit = {}) =>
  h.api(path, { ...init, key: null, headers: { authorization: `Bearer ${admin}`, 'x-store-id': DEMO_STORE_ID, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

describe('the panel’s API', () => {
  it('simulates a WhatsApp message through the real pipeline and returns the bot’s replies', async () => {
    const res = await asAdmin('/api/v1/admin/simulator', { method: 'POST', body: JSON.stringify({ phone: OWNER_PHONE, text: 'kal kitna doodh mangwau?' }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    // "How much should I get in?": the order advice for one product, in Hinglish.
    expect(body.replies[0]).toMatchObject({ intent: 'reorder', language: 'hi-Latn' });
    expect(body.replies[0].text).toMatch(/milk/i);
    // It went out the way WhatsApp replies do: to the outbox, for the owner's phone.
    const sent = await queryAll(h.app.repos.outbox, { partition: `whatsapp:${OWNER_PHONE}` });
    expect(sent.map((e) => e.body).join('\n')).toContain(body.replies[0].text.slice(0, 30));
    const stranger = await (await asAdmin('/api/v1/admin/simulator', { method: 'POST', body: JSON.stringify({ phone: '+919811100099', text: 'namaste' }) })).json();
    expect(stranger.replies[0].intent).toBe('onboarding');
    expect((await asAdmin('/api/v1/admin/simulator', { method: 'POST', body: JSON.stringify({ phone: '98110', text: 'hi' }) })).status).toBe(400);
  });

  it('sums the service up for the overview after that traffic', async () => {
    const body = await (await asAdmin('/api/v1/admin/overview')).json();
    expect(body.messagesToday).toBeGreaterThanOrEqual(1);
    expect(body.activeStores).toBe(1);
    expect(body.replyP95Ms).toBeGreaterThan(0);
    expect(body.queues.map((q: { queue: string }) => q.queue)).toEqual(expect.arrayContaining(['turns', 'sends', 'forecasts', 'prices']));
    expect(body.accuracy).toEqual([expect.objectContaining({ storeId: DEMO_STORE_ID, name: expect.any(String) })]);
    expect(body.llm).toEqual({ calls: 0, fallbacks: 0, ungrounded: 0, templateReplies: expect.any(Number) });
    expect(body.llm.templateReplies).toBe(body.messagesToday);
  });

  it('gives daily sales with every day present, for the store and for one product', async () => {
    const store = await (await asAdmin('/api/v1/store/sales?from=2025-01-01&to=2025-01-31')).json();
    expect(store.series).toHaveLength(31);
    const recent = await (await asAdmin('/api/v1/store/sales')).json();
    expect(recent.series).toHaveLength(90);
    expect(recent.series.reduce((a: number, d: { revenue: number }) => a + d.revenue, 0)).toBeGreaterThan(0);
    const profile = await (await asAdmin('/api/v1/store/profile')).json();
    const milk = profile.products.find((p: { name: string }) => /milk/i.test(p.name));
    const one = await (await asAdmin(`/api/v1/store/sales?sku=${milk.sku}`)).json();
    expect(one.series.every((d: { units: number }, i: number) => d.units <= recent.series[i].units)).toBe(true);
    expect((await asAdmin('/api/v1/store/sales?from=2025-02-01&to=2025-01-01')).status).toBe(400);
    expect((await asAdmin('/api/v1/store/sales?sku=NOPE')).status).toBe(404);
  });

  it('lists every product’s price position, and the market figures behind them', async () => {
    const prices = await (await asAdmin('/api/v1/prices')).json();
    expect(prices.items.length).toBeGreaterThan(3);
    expect(prices.items[0]).toMatchObject({ name: expect.any(String), position: expect.any(String), sources: expect.any(Array) });
    const profile = await (await asAdmin('/api/v1/store/profile')).json();
    expect(prices.items.length + prices.unmapped.length).toBe(profile.products.length);
    const market = await (await asAdmin('/api/v1/admin/market?commodity=onion')).json();
    expect(market.items.length).toBeGreaterThan(0);
    expect(market.items.every((q: { commodity: string }) => q.commodity === 'onion')).toBe(true);
    expect(market.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('checks an upload without writing it, and lists the bad rows', async () => {
    const csv = (rows: string[]) => ({ method: 'POST', body: ['date,sku,qty,price', ...rows].join('\n'), headers: { 'content-type': 'text/csv' } });
    const profile = await (await asAdmin('/api/v1/store/profile')).json();
    const sku = profile.products[0].sku;
    const before = await (await asAdmin(`/api/v1/store/sales?sku=${sku}&from=2025-03-01&to=2025-03-01`)).json();
    const checked = await asAdmin('/api/v1/store/data?dryRun=true', csv([`2025-03-01,${sku},999,10`]));
    expect(checked.status).toBe(200);
    expect(await checked.json()).toEqual({ rows: 1, skus: 1, from: '2025-03-01', to: '2025-03-01', dryRun: true });
    const after = await (await asAdmin(`/api/v1/store/sales?sku=${sku}&from=2025-03-01&to=2025-03-01`)).json();
    expect(after.series).toEqual(before.series);
    const bad = await asAdmin('/api/v1/store/data?dryRun=true', csv([`2025-03-01,${sku},-4,10`, '2025-13-01,GHOST,1,1']));
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(problem.code).toBe('INGEST.INVALID_ROWS');
    expect(problem.metadata.errorCount).toBeGreaterThanOrEqual(2);
    expect(problem.errors.map((e: { row: number }) => e.row)).toEqual(expect.arrayContaining([2, 3]));
  });

  it('edits a product’s price and aliases, and the chat knows the new name', async () => {
    const profile = await (await asAdmin('/api/v1/store/profile')).json();
    const sugar = profile.products.find((p: { name: string }) => /sugar/i.test(p.name));
    const res = await asAdmin(`/api/v1/store/products/${sugar.sku}`, { method: 'PATCH', body: JSON.stringify({ price: 49, aliases: ['meetha powder'] }) });
    expect(await res.json()).toMatchObject({ sku: sugar.sku, price: 49, aliases: ['meetha powder'] });
    const reply = await (await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'how much meetha powder tomorrow?' }) })).json();
    expect(reply.intent).toBe('forecast');
    expect(reply.reply).toContain(sugar.name);
    expect((await asAdmin(`/api/v1/store/products/${sugar.sku}`, { method: 'PATCH', body: JSON.stringify({ price: -3 }) })).status).toBe(400);
  });

  it('lets the demo owner log in to their own store', async () => {
    const login = await h.api('/api/v1/auth/login', { key: null, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_OWNER_EMAIL, password: PASSWORD }) });
    const { token, user } = await login.json();
    expect(user).toMatchObject({ role: 'owner', storeId: DEMO_STORE_ID });
    expect((await h.api('/api/v1/store/profile', { key: null, headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});

describe('the panel’s files', () => {
  it('serves the built app at /admin, its routes from index.html, hashed assets for a year', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'panel-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>BharatSense</title>');
    await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = express().use(panelRoutes(dist));
    const server = app.listen(0);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      for (const path of ['/admin', '/admin/', '/admin/stores/demo-kirana']) expect(await (await fetch(base + path)).text()).toContain('<title>BharatSense</title>');
      const asset = await fetch(`${base}/admin/assets/index-abc123.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${base}/admin`)).headers.get('cache-control')).toBe('no-cache');
    } finally {
      server.close();
    }
    const empty = express().use(panelRoutes(join(dist, 'missing')));
    const s2 = empty.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${(s2.address() as { port: number }).port}/admin`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build -w admin');
    } finally {
      s2.close();
    }
  });
});
