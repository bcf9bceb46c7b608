/**
 * The walking skeleton on embedded defaults (SQLite, Parquet + DuckDB, in-process queue, local
 * outbox): an owner's message travels webhook/API → queue → bot → forecast engine → reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { queryAll } from '../../src/storage/tables.port.js';
import { DuckDbSalesAnalytics } from '../../src/storage/duckdb/duckdb-analytics.adapter.js';
import { eventually, messageSid, OWNER_PHONE, startApp, type Harness } from '../support/app-harness.js';

let h: Harness;
beforeAll(async () => (h = await startApp()));
afterAll(async () => h.stop());

const chat = (text: string, key?: string | null) =>
  h.api('/api/v1/chat', { method: 'POST', key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

describe('health', () => {
  it('is live and ready', async () => {
    expect((await h.api('/healthz', { key: null })).status).toBe(200);
    const ready = await h.api('/readyz', { key: null });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { tables: 'ok', blobs: 'ok', analytics: 'ok', queue: 'ok' } });
  });
});

describe('POST /api/v1/chat', () => {
  it('answers a forecast question with the number the engine computed', async () => {
    const res = await chat('how much milk tomorrow?');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ intent: 'forecast', language: 'en' });
    const forecast = await (await h.api('/api/v1/forecast/MILK-500?horizon=2')).json();
    const tomorrow = forecast.forecast[1];
    expect(tomorrow.date).toBe(addDays(todayIn('Asia/Kolkata'), 1));
    expect(body.reply).toContain('Amul Taaza Milk 500ml');
    expect(body.reply).toContain(`about *${tomorrow.quantity} packets*`);
    expect(body.reply).toContain(`likely ${tomorrow.lower} packets to ${tomorrow.upper} packets`);
  });

  it('lists what to order, and greets, and admits what it did not understand', async () => {
    const reorder = await (await chat('what should I order?')).json();
    expect(reorder.intent).toBe('reorder');
    expect(reorder.reply).toMatch(/^Order now/);
    expect((await (await chat('namaste')).json()).intent).toBe('greeting');
    const unknown = await (await chat('asdfgh qwerty')).json();
    expect(unknown).toMatchObject({ intent: 'unknown' });
    expect(unknown.reply).toContain('how much milk tomorrow?');
  });

  it('keeps a 30-day history of answered questions', async () => {
    const rows = await queryAll(h.app.repos.queryHistory, { partition: 'demo-kirana' });
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const now = Date.now() / 1000;
    for (const row of rows) expect(row.expiresAt - now).toBeGreaterThan(29 * 86_400);
    expect(rows.map((r) => r.intent)).toEqual(expect.arrayContaining(['forecast', 'reorder', 'greeting', 'unknown']));
  });

  it('answers a retried request with an Idempotency-Key once', async () => {
    const send = () =>
      h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'abc-1' }, body: JSON.stringify({ text: 'help' }) });
    const [a, b] = await Promise.all([send(), send()]);
    const [x, y] = [await a.json(), await b.json()];
    expect(x.messageId).toBe(y.messageId);
    expect(x.reply).toBe(y.reply);
  });

  it('refuses callers without a valid key', async () => {
    for (const key of [null, 'bs_live_not_a_key']) {
      const res = await chat('how much milk tomorrow?', key);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).code).toMatch(/^AUTH\./);
    }
  });

  it('rejects malformed, empty and oversized bodies with machine-readable errors', async () => {
    const post = (body: string) => h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"text": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('REQUEST.MALFORMED');
    const empty = await post('{"text": "   "}');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'CHAT.INVALID_REQUEST', errors: [{ field: 'text' }] });
    const huge = await post(JSON.stringify({ text: 'x'.repeat(50_000) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).code).toBe('REQUEST.TOO_LARGE');
  });
});

describe('GET /api/v1/store/profile', () => {
  it('returns the store and its catalogue with canonical product keys', async () => {
    const res = await h.api('/api/v1/store/profile');
    expect(res.status).toBe(200);
    const profile = await res.json();
    expect(profile).toMatchObject({ name: 'Shree Ganesh Kirana', city: 'Pune', state: 'MH', language: 'hi' });
    expect(profile.products.length).toBeGreaterThanOrEqual(40);
    expect(profile.products).toContainEqual(expect.objectContaining({ sku: 'MILK-500', unit: 'packet', canonical: 'milk', price: 29 }));
    expect(profile.products.map((p: { canonical: string }) => p.canonical)).toEqual(expect.arrayContaining(['rice', 'wheat_atta', 'tur_dal', 'onion', 'potato', 'eggs', 'sugar']));
  });
});

describe('GET /api/v1/forecast/{sku}', () => {
  it('returns the design forecast JSON with non-negative integer intervals for packets', async () => {
    const forecast = await (await h.api('/api/v1/forecast/MILK-500')).json();
    // Explained in the store's language (the demo store's is Hindi) unless ?lang= asks otherwise.
    expect(forecast).toMatchObject({ sku: 'MILK-500', model: 'weekly_smoothing', language: 'hi' });
    expect(forecast.forecast).toHaveLength(7);
    expect(forecast.backtest).toMatchObject({ mase: expect.any(Number), coverage80: expect.any(Number) });
    for (const p of forecast.forecast) {
      expect(Number.isInteger(p.quantity) && Number.isInteger(p.lower) && Number.isInteger(p.upper)).toBe(true);
      expect(p.lower).toBeGreaterThanOrEqual(0);
      expect(p.lower).toBeLessThanOrEqual(p.quantity);
      expect(p.upper).toBeGreaterThanOrEqual(p.quantity);
    }
    expect(forecast.recommendation).toMatchObject({ leadTimeDays: 1, stockOnHand: expect.any(Number), orderQuantity: expect.any(Number) });
  });

  it('answers 404 for an unknown SKU and 400 for a bad horizon', async () => {
    expect((await h.api('/api/v1/forecast/NOPE')).status).toBe(404);
    expect((await h.api('/api/v1/forecast/MILK-500?horizon=400')).status).toBe(400);
  });
});

describe('POST /api/v1/store/data (sales upload)', () => {
  const csv = (rows: string[]) => ['date,sku,qty,price', ...rows].join('\n');
  const upload = (body: string, type = 'text/csv') => h.api('/api/v1/store/data', { method: 'POST', headers: { 'content-type': type }, body });
  const yesterday = () => addDays(todayIn('Asia/Kolkata'), -1);
  const totalsOf = async (sku: string, day: string) => {
    const analytics = new DuckDbSalesAnalytics(`${h.dataDir}/lake`);
    try {
      return (await analytics.productTotals('demo-kirana', { skus: [sku], from: day, to: day }))[0];
    } finally {
      await analytics.close();
    }
  };

  it('imports a CSV, and a re-upload of the same day replaces it instead of adding', async () => {
    const day = yesterday();
    const first = await upload(csv([`${day},PANEER-200,11,90`, `${day},GHEE-1L,2,650`]));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ rows: 2, skus: 2, from: day, to: day, replaced: 2, added: 0 });
    expect(await totalsOf('PANEER-200', day)).toMatchObject({ qty: 11, days: 1 });
    const again = await upload(csv([`${day},PANEER-200,12,90`]));
    expect(again.status).toBe(201);
    expect(await totalsOf('PANEER-200', day)).toMatchObject({ qty: 12, days: 1 });
  });

  it('accepts JSON uploads', async () => {
    const day = yesterday();
    const res = await upload(JSON.stringify({ sales: [{ date: day, sku: 'BUTTER-100', qty: 5 }] }), 'application/json');
    expect(res.status).toBe(201);
    expect(await totalsOf('BUTTER-100', day)).toMatchObject({ qty: 5 });
  });

  it('rejects a file with bad rows whole, listing each problem, and writes nothing', async () => {
    const day = yesterday();
    const before = await totalsOf('GHEE-1L', day);
    const res = await upload(
      csv([`${day},GHEE-1L,3,650`, `${day},NO-SUCH-SKU,1,`, `${day},SUGAR,-4,46`, `${day},MILK-500,250000,29`, `2099-01-01,SALT-1KG,1,28`, `yesterday,TEA-250,1,145`]),
    );
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.code).toBe('INGEST.INVALID_ROWS');
    expect(problem.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'UNKNOWN_SKU'],
      [4, 'NEGATIVE_QTY'],
      [5, 'ABSURD_QTY'],
      [6, 'FUTURE_DATE'],
      [7, 'INVALID_DATE'],
    ]);
    expect(await totalsOf('GHEE-1L', day)).toEqual(before);
  });

  it('rejects malformed CSV, a missing header, the wrong encoding and the wrong content type', async () => {
    const unclosed = await upload('date,sku,qty\n2025-01-01,"MILK-500,3\n');
    expect(unclosed.status).toBe(422);
    expect((await unclosed.json()).code).toBe('INGEST.INVALID_FILE');
    const header = await upload('day,item,count\n2025-01-01,MILK-500,3\n');
    expect((await header.json()).detail).toMatch(/missing: date, sku, qty/);
    const utf16 = await h.api('/api/v1/store/data', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date,sku,qty\n', 'utf16le')]),
    });
    expect(utf16.status).toBe(422);
    expect((await utf16.json()).detail).toMatch(/not UTF-8/);
    expect((await upload('<xml/>', 'application/xml')).status).toBe(415);
  });

  it('refuses an upload over the size limit with 413', async () => {
    const row = `${yesterday()},MILK-500,1,29\n`;
    const res = await upload(`date,sku,qty,price\n${row.repeat(Math.ceil((6 * 1024 * 1024) / row.length))}`);
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('REQUEST.TOO_LARGE');
  });
});

describe('Twilio webhook → queue → bot → outbox', () => {
  const inbound = (text: string, from = `whatsapp:${OWNER_PHONE}`) => ({
    MessageSid: messageSid(),
    AccountSid: `AC${'0'.repeat(32)}`,
    From: from,
    To: 'whatsapp:+14155238886',
    Body: text,
    NumMedia: '0',
  });
  const outboxFor = (address: string) => queryAll(h.app.repos.outbox, { partition: address });

  it('acknowledges with empty TwiML and the reply reaches the owner', async () => {
    const params = inbound('how much sugar tomorrow?');
    const res = await h.webhook(params);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const reply = await eventually(async () => (await outboxFor(`whatsapp:${OWNER_PHONE}`)).find((m) => m.messageId === `tw_${params.MessageSid}_reply`));
    expect(reply.body).toContain('Sugar (loose)');
    expect(reply.body).toMatch(/about \*[\d.,]+ kg\*/);
  });

  it('answers a webhook delivered five times at once exactly once', async () => {
    const params = inbound('what should I order?');
    const results = await Promise.all(Array.from({ length: 5 }, () => h.webhook(params)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await eventually(async () => (await outboxFor(`whatsapp:${OWNER_PHONE}`)).some((m) => m.messageId === `tw_${params.MessageSid}_reply`));
    await new Promise((r) => setTimeout(r, 200));
    const replies = (await outboxFor(`whatsapp:${OWNER_PHONE}`)).filter((m) => m.messageId.startsWith(`tw_${params.MessageSid}`));
    expect(replies).toHaveLength(1);
  });

  it('answers SMS on the SMS address', async () => {
    const params = inbound('help', OWNER_PHONE);
    expect((await h.webhook(params)).status).toBe(200);
    const reply = await eventually(async () => (await outboxFor(`sms:${OWNER_PHONE}`)).find((m) => m.messageId === `tw_${params.MessageSid}_reply`));
    expect(reply.channel).toBe('sms');
  });

  it('refuses forged, missing or wrong-URL signatures with 403 and stores nothing', async () => {
    const forged = inbound('how much milk tomorrow?');
    expect((await h.webhook(forged, { signature: 'bm90LWEtc2lnbmF0dXJl' })).status).toBe(403);
    expect((await h.webhook(forged, { signature: '' })).status).toBe(403);
    const tampered = await h.webhook({ ...forged, Body: 'changed' }, { signature: (await import('twilio')).default.getExpectedTwilioSignature(h.app.webhookAuthToken, `${h.app.publicBaseUrl}/webhooks/twilio/inbound`, forged) });
    expect(tampered.status).toBe(403);
    expect(await h.app.repos.messages.get({ messageId: `tw_${forged.MessageSid}` })).toBeUndefined();
  });

  it('rejects a signed webhook without a valid MessageSid or sender', async () => {
    const res = await h.webhook({ ...inbound('hi'), MessageSid: 'not-a-sid' });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('TWILIO.INVALID_MESSAGE');
  });
});

describe('unknown routes', () => {
  it('answer 404 problem+json', async () => {
    const res = await h.api('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('NOT_FOUND');
  });
});
