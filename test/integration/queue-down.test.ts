/**
 * When Redis is unreachable the app must say so instead of hanging: readiness fails, and
 * messages get a 5xx so Twilio retries (or the web client can).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageSid, OWNER_PHONE, startApp, type Harness } from '../support/app-harness.js';

let h: Harness;
beforeAll(async () => (h = await startApp({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: 'unreachable', CHAT_TIMEOUT_MS: '2000' })));
afterAll(async () => h.stop());

describe('queue unreachable', () => {
  it('reports not ready, naming the queue', async () => {
    const res = await h.api('/readyz', { key: null });
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe('not_ready');
    expect(body.checks.queue).toMatch(/^failing/);
    expect(body.checks.tables).toBe('ok');
  });

  it('answers a Twilio webhook with 503 so Twilio retries', async () => {
    const res = await h.webhook({ MessageSid: messageSid(), From: `whatsapp:${OWNER_PHONE}`, To: 'whatsapp:+14155238886', Body: 'hi', NumMedia: '0' });
    expect(res.status).toBe(503);
    expect((await res.json()).code).toBe('QUEUE.UNAVAILABLE');
  });

  it('answers web chat with 503 and a machine-readable code', async () => {
    const res = await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    expect(res.status).toBe(503);
    expect((await res.json()).code).toBe('QUEUE.UNAVAILABLE');
  });
});
