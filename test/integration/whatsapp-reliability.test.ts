/**
 * The channel layer on BullMQ (real Redis) with Twilio as a local stub: one reply per message
 * however often Twilio retries, replies in order per owner, status callbacks by rank, retries
 * only where nothing was created, STOP respected, the 24-hour window, media, flood control.
 */
import twilioSdk from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueNotification } from '../../src/bot/index.js';
import { tryAcquire, release } from '../../src/storage/lock.js';
import { eventually, messageSid, OWNER_PHONE, startApp, type Harness } from '../support/app-harness.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../support/redis.js';
import { startTwilioStub, type TwilioStub } from '../support/twilio-stub.js';

const ACCOUNT_SID = `AC${'3'.repeat(32)}`;
const AUTH_TOKEN = 'reliability-auth-token';
const WHATSAPP_FROM = '+14155238886';
const BRIEF_SID = `HX${'b'.repeat(32)}`;
const prefix = randomPrefix('reliability');

let h: Harness;
let twilio: TwilioStub;

/**
 * A number of its own for each test, belonging to an owner of the demo store (by default a
 * fresh one, so notifications to that owner have only this number to go to).
 */
let phoneCounter = 0;
async function ownerNumber(userId?: string): Promise<string> {
  const phone = `+9198765${String(10000 + phoneCounter++).slice(1)}`;
  const owner = userId ?? `user_test_${phoneCounter}`;
  const at = new Date().toISOString();
  if (!userId) await h.app.repos.users.put({ userId: owner, role: 'owner', storeId: 'demo-kirana', language: 'en', createdAt: at });
  for (const channel of ['whatsapp', 'sms']) {
    await h.app.repos.identities.put({ address: `${channel}:${phone}`, userId: owner, storeId: 'demo-kirana', createdAt: at });
  }
  return phone;
}
const ownerOf = async (phone: string) => (await h.app.repos.identities.get({ address: `whatsapp:${phone}` }))!.userId;

const whatsapp = (phone: string, body: string, extra: Record<string, string> = {}) => ({
  MessageSid: messageSid(),
  AccountSid: ACCOUNT_SID,
  From: `whatsapp:${phone}`,
  To: `whatsapp:${WHATSAPP_FROM}`,
  Body: body,
  NumMedia: '0',
  ...extra,
});
const sentTo = (to: string) => twilio.sent.filter((m) => m.to === to);
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  twilio = await startTwilioStub(ACCOUNT_SID, AUTH_TOKEN);
  h = await startApp({
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_WHATSAPP_FROM: WHATSAPP_FROM,
    TWILIO_SMS_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
    TWILIO_TIMEOUT_MS: '400',
    TWILIO_TEMPLATES: JSON.stringify({ morning_brief: { contentSid: BRIEF_SID } }),
    SWEEP_INTERVAL_MS: '200',
    SWEEP_AFTER_MS: '300',
    CONVERSATION_LEASE_SECONDS: '5',
    FLOOD_MAX_PER_MINUTE: '12',
  });
});
afterAll(async () => {
  await h?.stop();
  await twilio?.close();
  await deletePrefix(prefix);
});

describe('inbound', () => {
  it('answers a signed message exactly once, even when Twilio delivers it five times at once', async () => {
    const params = whatsapp(OWNER_PHONE, 'how much milk tomorrow?');
    const acks = await Promise.all(Array.from({ length: 5 }, () => h.webhook(params)));
    expect(acks.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const reply = await eventually(async () => sentTo(`whatsapp:${OWNER_PHONE}`).find((m) => m.body.includes('Amul Taaza Milk')));
    await settle();
    expect(sentTo(`whatsapp:${OWNER_PHONE}`).filter((m) => m.body === reply.body)).toHaveLength(1);
    expect(reply.from).toBe(`whatsapp:${WHATSAPP_FROM}`);
  });

  it('refuses forged, missing, wrong-URL and tampered signatures with 403 and stores nothing', async () => {
    const params = whatsapp(OWNER_PHONE, 'how much sugar tomorrow?');
    const signedFor = (path: string) => twilioSdk.getExpectedTwilioSignature(AUTH_TOKEN, `${h.app.publicBaseUrl}${path}`, params);
    const attempts = [
      await h.webhook(params, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }),
      await h.webhook(params, { signature: '' }),
      await h.webhook(params, { signature: signedFor('/webhooks/twilio/status') }),
      await h.webhook({ ...params, Body: 'send me everything' }, { signature: signedFor('/webhooks/twilio/inbound') }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await h.app.repos.messages.get({ messageId: `tw_${params.MessageSid}` })).toBeUndefined();
  });

  it('answers ten quick messages from one owner in the order they were sent', async () => {
    const phone = await ownerNumber();
    const products = [
      ['milk', 'Amul Taaza Milk'], ['sugar', 'Sugar (loose)'], ['onion', 'Onion'], ['potato', 'Potato'], ['tomato', 'Tomato'],
      ['eggs', 'Eggs'], ['bread', 'Bread 400g'], ['paneer', 'Paneer 200g'], ['dahi', 'Amul Masti Dahi'], ['tea', 'Tata Tea Premium'],
    ];
    for (const [word] of products) expect((await h.webhook(whatsapp(phone, `how much ${word} tomorrow?`))).status).toBe(200);
    const replies = await eventually(async () => sentTo(`whatsapp:${phone}`).length >= 10 && sentTo(`whatsapp:${phone}`), 20_000);
    expect(replies.map((m) => products.findIndex(([, name]) => m.body.includes(name!)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps one busy owner from holding up another', async () => {
    const [busy, free] = [await ownerNumber(), await ownerNumber()];
    // The busy owner's conversation is mid-turn elsewhere (its lease is taken).
    const lease = `turn:${h.app.conversationIdFor(`whatsapp:${busy}`)}`;
    const holder = (await tryAcquire(h.app.repos.locks, lease, 30))!;
    await h.webhook(whatsapp(busy, 'how much rice tomorrow?'));
    await h.webhook(whatsapp(free, 'how much rice tomorrow?'));
    await eventually(async () => sentTo(`whatsapp:${free}`).length === 1);
    expect(sentTo(`whatsapp:${busy}`)).toHaveLength(0);
    // When the other turn ends, the waiting message is answered (the sweeper finds it).
    await release(h.app.repos.locks, lease, holder);
    await eventually(async () => sentTo(`whatsapp:${busy}`).length === 1);
  });

  it('maps a WhatsApp sender by WaId even when it stops sending the number', async () => {
    const phone = await ownerNumber();
    const waId = phone.slice(1);
    await h.webhook(whatsapp(phone, 'hi', { WaId: waId }));
    await eventually(async () => sentTo(`whatsapp:${phone}`).length === 1);
    const scoped = 'IN.bsuid.7d3c2a';
    await h.webhook(whatsapp(scoped, 'how much onion tomorrow?', { WaId: waId }));
    const reply = await eventually(async () => sentTo(`whatsapp:${scoped}`)[0]);
    expect(reply.body).toContain('Onion');
  });

  it('answers voice notes and photos politely and keeps their URLs', async () => {
    const phone = await ownerNumber();
    const params = whatsapp(phone, '', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1', MediaContentType0: 'audio/ogg' });
    await h.webhook(params);
    const reply = await eventually(async () => sentTo(`whatsapp:${phone}`)[0]);
    expect(reply.body).toMatch(/voice note/);
    expect((await h.app.repos.messages.get({ messageId: `tw_${params.MessageSid}` }))?.media).toEqual([{ url: 'https://api.twilio.com/media/ME1', contentType: 'audio/ogg' }]);
  });

  it('warns a flooding sender once, then stores but does not answer', async () => {
    const phone = await ownerNumber();
    for (let i = 0; i < 15; i++) await h.webhook(whatsapp(phone, 'help'));
    await eventually(async () => sentTo(`whatsapp:${phone}`).length >= 13, 20_000);
    await settle(800);
    const replies = sentTo(`whatsapp:${phone}`);
    expect(replies).toHaveLength(13);
    expect(replies.at(-1)!.body).toMatch(/very fast/);
    const stored = await h.api('/api/v1/messages?status=dropped&limit=200');
    expect((await stored.json()).items.length).toBeGreaterThanOrEqual(2);
  });

  it('takes a message on the fallback URL like the primary', async () => {
    const params = whatsapp(OWNER_PHONE, 'how much bread tomorrow?');
    expect((await h.webhook(params, { path: '/webhooks/twilio/fallback' })).status).toBe(200);
    await eventually(async () => sentTo(`whatsapp:${OWNER_PHONE}`).some((m) => m.body.includes('Bread 400g')));
  });
});

describe('outbound', () => {
  const replyTo = async (phone: string, text: string) => {
    const params = whatsapp(phone, text);
    await h.webhook(params);
    return params.MessageSid;
  };
  const stored = (sid: string) => h.app.repos.messages.get({ messageId: `tw_${sid}_reply` });

  it('retries a 429, where Twilio created nothing, and sends once', async () => {
    const phone = await ownerNumber();
    const attempts = twilio.attempts;
    twilio.failNext(429);
    const sid = await replyTo(phone, 'help');
    await eventually(async () => sentTo(`whatsapp:${phone}`).length === 1, 10_000);
    const recorded = await eventually(async () => (await stored(sid))?.providerSid && stored(sid));
    expect(twilio.attempts - attempts).toBe(2);
    expect(recorded).toMatchObject({ status: 'queued', providerSid: sentTo(`whatsapp:${phone}`)[0]!.sid });
  });

  it('after a 5xx that did create the message, finds it instead of sending again', async () => {
    const phone = await ownerNumber();
    twilio.fault({ status: 500, create: true });
    const sid = await replyTo(phone, 'help');
    await eventually(async () => (await stored(sid))?.providerSid);
    await settle(1500);
    expect(sentTo(`whatsapp:${phone}`)).toHaveLength(1);
    expect((await stored(sid))!.providerSid).toBe(sentTo(`whatsapp:${phone}`)[0]!.sid);
  });

  it('after a 5xx that created nothing, sends on the retry', async () => {
    const phone = await ownerNumber();
    twilio.failNext(503);
    await replyTo(phone, 'help');
    await eventually(async () => sentTo(`whatsapp:${phone}`).length === 1, 10_000);
  });

  it('after a timeout, reconciles and never sends twice', async () => {
    const phone = await ownerNumber();
    twilio.fault({ delayMs: 1200 });
    const sid = await replyTo(phone, 'help');
    await eventually(async () => (await stored(sid))?.providerSid, 10_000);
    await settle(1500);
    expect(sentTo(`whatsapp:${phone}`)).toHaveLength(1);
  });

  it('does not retry a refusal, and shows its Twilio error code', async () => {
    const phone = await ownerNumber();
    const attempts = twilio.attempts;
    twilio.failNext(400);
    const sid = await replyTo(phone, 'help');
    await eventually(async () => (await stored(sid))?.status === 'failed');
    await settle(1500);
    expect(twilio.attempts - attempts).toBe(1);
    const failed = await (await h.api('/api/v1/messages?status=failed')).json();
    expect(failed.items).toContainEqual(expect.objectContaining({ messageId: `tw_${sid}_reply`, errorCode: '21211' }));
  });

  it('applies status callbacks by rank, whatever order they arrive in', async () => {
    const phone = await ownerNumber();
    const sid = await replyTo(phone, 'help');
    const providerSid = (await eventually(async () => (await stored(sid))?.providerSid))!;
    const callback = async (status: string, extra: Record<string, string> = {}) => {
      const res = await h.webhook({ MessageSid: providerSid, MessageStatus: status, AccountSid: ACCOUNT_SID, ...extra }, { path: '/webhooks/twilio/status' });
      return res.text();
    };
    expect(await callback('delivered')).toBe('updated');
    expect(await callback('sent')).toBe('stale');
    expect((await stored(sid))!.status).toBe('delivered');
    expect(await callback('read')).toBe('updated');
    expect((await stored(sid))!.status).toBe('read');
    const forged = await h.webhook({ MessageSid: providerSid, MessageStatus: 'failed' }, { path: '/webhooks/twilio/status', signature: 'bm9wZQ==' });
    expect(forged.status).toBe(403);
  });

  it('records undelivered messages with their error code', async () => {
    const phone = await ownerNumber();
    const sid = await replyTo(phone, 'help');
    const providerSid = (await eventually(async () => (await stored(sid))?.providerSid))!;
    await h.webhook({ MessageSid: providerSid, MessageStatus: 'undelivered', ErrorCode: '30008' }, { path: '/webhooks/twilio/status' });
    const list = await (await h.api('/api/v1/messages?status=undelivered')).json();
    expect(list.items).toContainEqual(expect.objectContaining({ messageId: `tw_${sid}_reply`, errorCode: '30008' }));
  });
});

describe('opt-out and the WhatsApp window', () => {
  const conversation = (address: string) => h.app.repos.conversations.get({ conversationId: h.app.conversationIdFor(address) });

  it('confirms STOP once, sends nothing more until START', async () => {
    const phone = await ownerNumber();
    await h.webhook(whatsapp(phone, 'STOP'));
    const confirm = await eventually(async () => sentTo(`whatsapp:${phone}`)[0]);
    expect(confirm.body).toMatch(/START/);
    const note = await queueNotification(h.app.repos, h.app.queues, { userId: await ownerOf(phone), text: 'Onion prices jumped 40%' });
    const held = await eventually(async () => {
      const current = await h.app.repos.messages.get({ messageId: note!.messageId });
      return current?.status === 'suppressed' && current;
    });
    expect(held.errorCode).toBe('OPTED_OUT');
    expect(sentTo(`whatsapp:${phone}`)).toHaveLength(1);
    expect((await conversation(`whatsapp:${phone}`))?.optedOutAt).toBeDefined();
    await h.webhook(whatsapp(phone, 'start'));
    await eventually(async () => sentTo(`whatsapp:${phone}`).length === 2);
    expect(sentTo(`whatsapp:${phone}`)[1]!.body).toMatch(/Welcome back/);
    expect((await conversation(`whatsapp:${phone}`))?.optedOutAt).toBeUndefined();
  });

  it('lets the carrier confirm an SMS STOP and sends nothing', async () => {
    const phone = await ownerNumber();
    await h.webhook({ MessageSid: messageSid(), From: phone, To: '+15005550006', Body: 'stop', OptOutType: 'STOP' });
    await eventually(async () => (await conversation(`sms:${phone}`))?.optedOutAt);
    await settle(600);
    expect(sentTo(phone)).toHaveLength(0);
  });

  it('outside 24 hours sends only the approved template, and nothing without one', async () => {
    const phone = await ownerNumber();
    await h.webhook(whatsapp(phone, 'hi'));
    await eventually(async () => sentTo(`whatsapp:${phone}`).length === 1);
    const address = `whatsapp:${phone}`;
    await h.app.repos.conversations.update({ conversationId: h.app.conversationIdFor(address) }, { lastInboundAt: new Date(Date.now() - 25 * 3600_000).toISOString() });
    const userId = await ownerOf(phone);
    await queueNotification(h.app.repos, h.app.queues, { userId, text: 'Good morning! 3 items to reorder.', template: { name: 'morning_brief', variables: { 1: '3' } } });
    const brief = await eventually(async () => sentTo(address)[1]);
    expect(brief).toMatchObject({ contentSid: BRIEF_SID, contentVariables: '{"1":"3"}' });
    const plain = await queueNotification(h.app.repos, h.app.queues, { userId, text: 'Free text outside the window' });
    await eventually(async () => (await h.app.repos.messages.get({ messageId: plain!.messageId }))?.status === 'suppressed');
    expect((await h.app.repos.messages.get({ messageId: plain!.messageId }))?.errorCode).toBe('OUTSIDE_WINDOW');
    expect(sentTo(address)).toHaveLength(2);
  });
});

describe('WhatsApp refusing a closed window (63016)', () => {
  it('sends the template when the free-form text is refused', async () => {
    const phone = await ownerNumber();
    const address = `whatsapp:${phone}`;
    await h.webhook(whatsapp(phone, 'hi'));
    await eventually(async () => sentTo(address).length === 1);
    const note = await queueNotification(h.app.repos, h.app.queues, { userId: await ownerOf(phone), text: 'Good morning!', template: { name: 'morning_brief', variables: { 1: '5' } } });
    const free = await eventually(async () => sentTo(address)[1]);
    expect(free.body).toBe('Good morning!');
    const providerSid = (await h.app.repos.messages.get({ messageId: note!.messageId }))!.providerSid!;
    const callback = { MessageSid: providerSid, MessageStatus: 'failed', ErrorCode: '63016' };
    await h.webhook(callback, { path: '/webhooks/twilio/status' });
    await h.webhook(callback, { path: '/webhooks/twilio/status' });
    const template = await eventually(async () => sentTo(address)[2]);
    expect(template).toMatchObject({ contentSid: BRIEF_SID, contentVariables: '{"1":"5"}' });
    await settle();
    expect(sentTo(address)).toHaveLength(3);
    expect((await h.app.repos.messages.get({ messageId: note!.messageId }))).toMatchObject({ status: 'failed', errorCode: '63016' });
  });
});

describe('admin', () => {
  it('lists queue depths and failed jobs to admins only', async () => {
    const adminKey = h.app.demo!.adminApiKey;
    const queues = await h.api('/api/v1/admin/queues', { key: adminKey });
    expect(queues.status).toBe(200);
    expect((await queues.json()).queues.map((q: { queue: string }) => q.queue)).toEqual(['turns', 'sends', 'forecasts', 'prices']);
    const failed = await h.api('/api/v1/admin/jobs/failed', { key: adminKey });
    expect(failed.status).toBe(200);
    expect(Array.isArray((await failed.json()).jobs)).toBe(true);
    expect((await h.api('/api/v1/admin/jobs/failed')).status).toBe(403);
  });
});
