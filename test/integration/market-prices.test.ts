/**
 * Market prices end to end, with data.gov.in played by a local stub: the AGMARKNET client's
 * paging and filters, a refresh on the queue, the report over the API and in chat, spike alerts
 * to the owner (once), and what happens when the source is down, slow or answers garbage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { QUEUES, type PriceRefreshJob, type PriceRefreshResult } from '../../src/domain/jobs.js';
import { DataGovMandiSource } from '../../src/market/agmarknet.js';
import { FileBlobs } from '../../src/storage/files/file-blobs.adapter.js';
import { queryAll } from '../../src/storage/tables.port.js';
import { messageSid, OWNER_PHONE, startApp, type Harness } from '../support/app-harness.js';
import { startDataGovStub, STUB_API_KEY, type DataGovStub } from '../support/datagov-stub.js';

const today = () => todayIn('Asia/Kolkata');
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const mandi = (market: string, commodity: string, modal: number, extra: Record<string, string> = {}) => ({
  state: 'Maharashtra', district: 'Pune', market, commodity, variety: 'Other', grade: 'FAQ', arrival_date: ddmmyyyy(today()),
  min_price: String(modal - 200), max_price: String(modal + 200), modal_price: String(modal), ...extra,
});

let stub: DataGovStub;
let h: Harness;

beforeAll(async () => {
  stub = await startDataGovStub([
    mandi('Pune APMC', 'Onion', 2000),
    mandi('Pune(Moshi) APMC', 'Onion', 2100),
    mandi('Pune(Manjri) APMC', 'Onion', 1900),
    mandi('Pune(Pimpri) APMC', 'Onion', 2000),
    mandi('Pune APMC', 'Arhar Dal(Tur Dal)', 10_500),
    mandi('Mumbai APMC', 'Arhar Dal(Tur Dal)', 10_000, { district: 'Mumbai' }),
    mandi('Nagpur APMC', 'Arhar Dal(Tur Dal)', 9800, { district: 'Nagpur' }),
    mandi('Lucknow APMC', 'Onion', 2500, { state: 'Uttar Pradesh', district: 'Lucknow' }),
  ]);
  h = await startApp({ DATAGOV_API_KEY: STUB_API_KEY, DATAGOV_BASE_URL: stub.url, MARKET_TIMEOUT_MS: '500' });
  // A calm year of onion prices in Maharashtra's mandis (₹10 a kg) until three days ago, then ₹20.
  const history = Array.from({ length: 400 }, (_, i) => ({ date: addDays(today(), i - 400), price: i >= 397 ? 20 : 10 + (i % 3) * 0.2 }));
  await new FileBlobs(join(h.dataDir, 'lake')).put('external/prices/history.json', JSON.stringify({ 'onion|wholesale|MH': history }));
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await stub?.close();
});

const refresh = async () => (await h.app.queues.queue<PriceRefreshJob, PriceRefreshResult>(QUEUES.prices).add('refresh', { reason: 'request' })).result(30_000);
const chat = async (text: string) => (await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })).json();

describe('the data.gov.in client', () => {
  it('pages through a commodity with its filters and key, and keeps only the staples it prices', async () => {
    stub.requests.length = 0;
    const source = new DataGovMandiSource({ baseUrl: stub.url, apiKey: STUB_API_KEY, commodities: ['Onion'], states: ['Maharashtra'], pageSize: 2 });
    const quotes = await source.fetch();
    expect(quotes.map((q) => q.market).sort()).toEqual(['Pune APMC', 'Pune(Manjri) APMC', 'Pune(Moshi) APMC', 'Pune(Pimpri) APMC']);
    expect(stub.requests.map((q) => q.get('offset'))).toEqual(['0', '2']);
    for (const q of stub.requests) {
      expect(q.get('filters[commodity]')).toBe('Onion');
      expect(q.get('filters[state]')).toBe('Maharashtra');
      expect(q.get('api-key')).toBe(STUB_API_KEY);
      expect(q.get('format')).toBe('json');
    }
    await expect(new DataGovMandiSource({ baseUrl: stub.url, apiKey: 'wrong', commodities: ['Onion'] }).fetch()).rejects.toThrow(/HTTP 403/);
  });
});

describe('refresh, report and alerts', () => {
  it('refreshes on the queue, reports with sources and today\'s date, and alerts the owner of a spike once', async () => {
    // The owner has a WhatsApp conversation (alerts go there).
    await h.webhook({ MessageSid: messageSid(), From: `whatsapp:${OWNER_PHONE}`, To: 'whatsapp:+14155238886', Body: 'namaste', WaId: OWNER_PHONE.slice(1) });

    const result = await refresh();
    expect(result).toMatchObject({ ok: ['agmarknet'], failed: [] });
    expect(result.spikes).toBeGreaterThanOrEqual(1);
    expect(result.alerts).toBe(1);
    const notes = (await queryAll(h.app.repos.messages, { index: 'byStore', partition: 'demo-kirana' })).filter((m) => m.intent === 'price_alert');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ direction: 'out', channel: 'whatsapp', template: { name: 'price_alert' } });
    expect(notes[0]!.text).toContain('Onion');
    // The same spike does not alert twice.
    expect((await refresh()).alerts).toBe(0);

    const res = await h.api('/api/v1/prices/ONION?lang=en');
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ sku: 'ONION', commodity: 'onion', basis: 'wholesale_estimate', scope: 'district', wholesale_avg: 20, as_of: today(), stale: false, language: 'en' });
    expect(report.sources[0]).toMatchObject({ name: expect.stringContaining('AGMARKNET'), date: today() });
    expect(report.sources.map((s: { market: string }) => s.market)).not.toContain('Lucknow APMC');
    expect(report.anomalies.map((a: { kind: string }) => a.kind)).toContain('market_spike');
    expect(report.text).toMatch(/Onion/);

    const reply = await chat('is my onion too expensive?');
    expect(reply.intent).toBe('price_check');
    expect(reply.reply).toContain(`₹${report.market_avg}`);
  });

  it('answers the contract: 404 problem+json for an unknown sku, 422 for what it cannot price', async () => {
    const unknown = await h.api('/api/v1/prices/NO-SUCH-SKU');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await unknown.json()).toMatchObject({ code: 'PRODUCT.NOT_FOUND' });
    const biscuits = await h.api('/api/v1/prices/PARLE-G');
    expect(biscuits.status).toBe(422);
    expect(await biscuits.json()).toMatchObject({ code: 'PRICE.NO_COMMODITY' });
  });

  it('sets a price by chat and reports its new position', async () => {
    const reply = await chat('set tur dal price 200');
    expect(reply.intent).toBe('set_price');
    expect(reply.reply).toMatch(/₹200/);
    const report = await (await h.api('/api/v1/prices/TUR-DAL')).json();
    expect(report).toMatchObject({ current_price: 200, position: 'well_above' });
    expect(report.recommendation.suggested_price).toBeLessThan(200);
  });
});

describe('when the source fails', () => {
  it('keeps serving the last good figures, marked stale, whether the source is down, slow or talks nonsense', async () => {
    const before = await (await h.api('/api/v1/prices/ONION')).json();
    const latest = join(h.dataDir, 'lake', 'external', 'prices', 'latest.json');
    const stored = readFileSync(latest, 'utf8');
    for (const mode of ['down', 'slow', 'garbage', 'html'] as const) {
      stub.mode = mode;
      const result = await refresh();
      expect(result.ok, mode).toEqual([]);
      expect(result.failed[0]!.error, mode).toMatch(mode === 'slow' ? /timed out/ : mode === 'down' ? /HTTP 503/ : /shape|not JSON/);
      const after = await (await h.api('/api/v1/prices/ONION')).json();
      expect(after.market_avg, mode).toBe(before.market_avg);
      expect(after.stale, mode).toBe(true);
      // Nothing of the bad answer was stored: only the source's status changed.
      expect(JSON.parse(readFileSync(latest, 'utf8')).quotes).toEqual(JSON.parse(stored).quotes);
    }
    const status = await (await h.api('/api/v1/prices/status')).json();
    expect(status.sources.agmarknet).toMatchObject({ ok: false, quotes: stub.records.length, error: expect.stringContaining('agmarknet') });
    stub.mode = 'ok';
    await refresh();
    expect((await (await h.api('/api/v1/prices/ONION')).json()).stale).toBe(false);
  }, 60_000);
});
